// Events -> node tree for one document, with anchors registered when their
// node starts (so an alias inside its own anchor is caught while decoding);
// or the block reader's visits -> the same tree.
#include "encoding/yaml_document.h"

#include <string>
#include <unordered_map>

#include "encoding/yaml_block_reader.h"

namespace ho::encoding::yaml {
namespace {

// Adds `node` to the collection open last (or as the root) and opens it when
// it is a collection; its index.
std::uint32_t append(Document& doc, std::vector<std::uint32_t>& open, const Node& node) {
  const auto index = static_cast<std::uint32_t>(doc.nodes.size());
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
  doc.nodes.push_back(node);
  if (node.kind == NodeKind::Sequence || node.kind == NodeKind::Mapping) open.push_back(index);
  return index;
}

}  // namespace

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
    const std::uint32_t index = append(doc, open, node);
    if (node.kind != NodeKind::Alias && !event.anchor.empty()) anchors[event.anchor] = index;
  }
}

void readBlockDocument(std::string_view text, Document& doc, std::deque<std::string>& kept) {
  // The block reader's visits as nodes: untagged, plain scalars implicit.
  class Builder final : public YamlVisitor {
   public:
    Builder(Document& doc, std::deque<std::string>& kept) : doc_(doc), kept_(kept) {}
    void mappingStart() override { collection(NodeKind::Mapping); }
    void sequenceStart() override { collection(NodeKind::Sequence); }
    void mappingEnd() override { open_.pop_back(); }
    void sequenceEnd() override { open_.pop_back(); }
    void key(const VisitedScalar& key) override { scalar(key); }
    void value(const VisitedScalar& value) override { scalar(value); }

   private:
    void collection(NodeKind kind) {
      Node node;
      node.kind = kind;
      node.implicit = true;
      append(doc_, open_, node);
    }
    void scalar(const VisitedScalar& scalar) {
      Node node;
      node.implicit = scalar.plain();
      node.value = scalar.exact ? scalar.text : std::string_view(kept_.emplace_back(decodeVisitedScalar(scalar)));
      append(doc_, open_, node);
    }
    Document& doc_;
    std::deque<std::string>& kept_;
    std::vector<std::uint32_t> open_;
  };
  doc.nodes.clear();
  doc.root = kNoNode;
  Builder builder(doc, kept);
  visitBlockDocument(text, builder);
}

}  // namespace ho::encoding::yaml
