// YAML events for readers that model only plain documents (repository
// indexes, manifest heads): the parser's events with anchors, aliases and
// tags refused, and scalars resolved the way an untagged decode resolves them.
// A reader catches NotPlainYaml (and SyntaxError) and hands the text to the
// generic decoding, which gives the exact results and errors.
#pragma once

#include <string_view>

#include "encoding/yaml_parser.h"
#include "encoding/yaml_resolve.h"

namespace ho::encoding::yaml {

struct NotPlainYaml {};

class PlainEvents {
 public:
  explicit PlainEvents(std::string_view text) : parser_(text) {}

  // The next event; throws NotPlainYaml for an anchor, an alias or a tag.
  Event next() {
    Event event = parser_.next();
    if (!event.anchor.empty() || !event.tag.empty() || event.type == EventType::Alias) throw NotPlainYaml{};
    return event;
  }
  // Consumes the next event, which must be of `type` (else NotPlainYaml).
  void expect(EventType type) {
    if (next().type != type) throw NotPlainYaml{};
  }
  // What an untagged scalar decodes to: plain ones resolved, quoted ones strings.
  static ResolvedScalar resolve(const Event& scalar) {
    return scalar.implicit ? resolvePlainScalar(scalar.value) : ResolvedScalar{};
  }

 private:
  Parser parser_;
};

}  // namespace ho::encoding::yaml
