// visitPlainDocument: the full parser's events as visitor calls.
#include <vector>

#include "encoding/yaml_visitor.h"

namespace ho::encoding::yaml {
namespace {

// Far below the decoder's 10,000: deeper documents are left to the generic decoding and its limit.
constexpr std::size_t kMaxDepth = 1000;

VisitedScalar scalarOf(const Event& event) { return VisitedScalar{event.value, event.style, true}; }

}  // namespace

void visitPlainDocument(std::string_view text, YamlVisitor& visitor) {
  PlainEvents events(text);
  events.expect(EventType::StreamStart);
  const Event start = events.next();
  if (start.type == EventType::StreamEnd) return;  // nothing but comments
  if (start.type != EventType::DocumentStart) throw NotPlainYaml{};
  struct Open {
    bool mapping;
    bool atKey;
  };
  std::vector<Open> open;
  do {
    const Event event = events.next();
    const bool isKey = !open.empty() && open.back().mapping && open.back().atKey;
    if (!open.empty() && open.back().mapping && event.type != EventType::MappingEnd) {
      open.back().atKey = !open.back().atKey;
    }
    switch (event.type) {
      case EventType::Scalar:
        if (isKey) {
          visitor.key(scalarOf(event));
        } else {
          visitor.value(scalarOf(event));
        }
        break;
      case EventType::SequenceStart:
      case EventType::MappingStart: {
        if (isKey || open.size() >= kMaxDepth) throw NotPlainYaml{};  // a collection as a key
        const bool mapping = event.type == EventType::MappingStart;
        open.push_back({mapping, true});
        if (mapping) {
          visitor.mappingStart();
        } else {
          visitor.sequenceStart();
        }
        break;
      }
      case EventType::SequenceEnd:
        open.pop_back();
        visitor.sequenceEnd();
        break;
      case EventType::MappingEnd:
        open.pop_back();
        visitor.mappingEnd();
        break;
      default: throw NotPlainYaml{};
    }
  } while (!open.empty());
  events.expect(EventType::DocumentEnd);
}

}  // namespace ho::encoding::yaml
