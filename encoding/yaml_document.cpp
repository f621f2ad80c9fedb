// Events -> node tree for one document, with anchors registered when their
// node starts (so an alias inside its own anchor is caught while decoding).
#include "encoding/yaml_document.h"

#include <string>
#include <unordered_map>

namespace ho::encoding::yaml {

bool DocumentReader::next(Document& doc) {
  if (!started_) {
    parser_.next();  // stream start
    started_ = true;
  }
  Event event = parser_.next();
  if (event.type != EventType::DocumentStart) return false;

  doc.nodes.clear();
  doc.root = kNoNode;
  std::unordered_map<std::string_view, std::uint32_t> anchors;
  std::vector<std::uint32_t> open;  // collections still being filled
  for (;;) {
    event = parser_.next();
    Node node;
    switch (event.type) {
      case EventType::DocumentEnd: return true;
      case EventType::SequenceEnd:
      case EventType::MappingEnd: open.pop_back(); continue;
      case EventType::Alias: {
        auto found = anchors.find(event.anchor);
        if (found == anchors.end()) {
          throw SyntaxError{"yaml: unknown anchor '" + std::string(event.anchor) + "' referenced"};
        }
        node.kind = NodeKind::Alias;
        node.value = event.anchor;
        node.target = found->second;
        break;
      }
      case EventType::Scalar:
        node.kind = NodeKind::Scalar;
        node.value = event.value;
        break;
      case EventType::SequenceStart: node.kind = NodeKind::Sequence; break;
      case EventType::MappingStart: node.kind = NodeKind::Mapping; break;
      default: return true;  // the parser ends documents with DocumentEnd
    }
    node.implicit = event.implicit;
    node.tag = event.tag;
    auto index = static_cast<std::uint32_t>(doc.nodes.size());
    if (open.empty()) {
      doc.root = index;
    } else {
      Node& parent = doc.nodes[open.back()];
      if (parent.lastChild == kNoNode) {
        parent.firstChild = index;
      } else {
        doc.nodes[parent.lastChild].next = index;
      }
      parent.lastChild = index;
    }
    if (node.kind != NodeKind::Alias && !event.anchor.empty()) anchors[event.anchor] = index;
    doc.nodes.push_back(node);
    if (node.kind == NodeKind::Sequence || node.kind == NodeKind::Mapping) open.push_back(index);
  }
}

}  // namespace ho::encoding::yaml
