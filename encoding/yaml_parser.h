// YAML events from tokens, with go-yaml v2's grammar and error texts: stream,
// documents (directives, `---`, `...`), block and flow collections, scalars,
// anchors, aliases and tags (resolved against %TAG and the !! default).
// A state machine with explicit stacks, so nesting never recurses.
#pragma once

#include <cstdint>
#include <string_view>
#include <vector>

#include "encoding/yaml_scanner.h"

namespace ho::encoding::yaml {

enum class EventType : std::uint8_t {
  StreamStart, StreamEnd, DocumentStart, DocumentEnd, Alias, Scalar,
  SequenceStart, SequenceEnd, MappingStart, MappingEnd,
};

struct Event {
  EventType type = EventType::StreamStart;
  ScalarStyle style = ScalarStyle::Plain;
  bool implicit = false;  // scalars: plain without a tag (or with "!"); collections: untagged
  Mark start;
  std::string_view anchor;  // anchor name, or the alias's target name
  std::string_view tag;     // full tag, e.g. "tag:yaml.org,2002:str"; empty when none
  std::string_view value;   // scalar text
};

class Parser {
 public:
  explicit Parser(std::string_view text) : scanner_(text) {}

  // The next event. Throws SyntaxError. Past the stream end it keeps returning StreamEnd.
  Event next();

 private:
  enum class State : std::uint8_t {
    StreamStart, ImplicitDocumentStart, DocumentStart, DocumentContent, DocumentEnd,
    BlockNode, BlockNodeOrIndentlessSequence, FlowNode,
    BlockSequenceFirstEntry, BlockSequenceEntry, IndentlessSequenceEntry,
    BlockMappingFirstKey, BlockMappingKey, BlockMappingValue,
    FlowSequenceFirstEntry, FlowSequenceEntry, FlowSequenceEntryMappingKey,
    FlowSequenceEntryMappingValue, FlowSequenceEntryMappingEnd,
    FlowMappingFirstKey, FlowMappingKey, FlowMappingValue, FlowMappingEmptyValue, End,
  };
  struct TagDirective {
    std::string_view handle;
    std::string_view prefix;
  };

  [[noreturn]] void fail(std::string_view problem, const Mark& at) const;
  [[noreturn]] void fail(const Mark& context, std::string_view problem, const Mark& at) const;
  void popState();

  Event streamStart();
  Event documentStart(bool implicit);
  Event documentContent();
  Event documentEnd();
  Event node(bool block, bool indentlessSequence);
  Event blockSequenceEntry(bool first);
  Event indentlessSequenceEntry();
  Event blockMappingKey(bool first);
  Event blockMappingValue();
  Event flowSequenceEntry(bool first);
  Event flowSequenceEntryMappingKey();
  Event flowSequenceEntryMappingValue();
  Event flowSequenceEntryMappingEnd();
  Event flowMappingKey(bool first);
  Event flowMappingValue(bool empty);
  static Event emptyScalar(const Mark& at);
  void processDirectives();
  void addTagDirective(TagDirective directive, bool allowDuplicates, const Mark& at);

  Scanner scanner_;
  State state_ = State::StreamStart;
  std::vector<State> states_;
  std::vector<Mark> marks_;
  std::vector<TagDirective> tagDirectives_;
};

}  // namespace ho::encoding::yaml
