// A YAML document as a stream of calls (collections opened and closed, keys,
// scalar values), for readers that keep only a few fields of a large
// document. Two walkers produce it: visitPlainDocument runs the full
// go-yaml-compatible parser; visitBlockDocument (yaml_block_reader.h) checks
// the block style that charts render several times faster. Both throw
// NotPlainYaml for what a visitor cannot be told (anchors, aliases, tags,
// collections as keys) and SyntaxError for text go-yaml refuses; a visitor
// throws NotPlainYaml to give up on a document.
#pragma once

#include <string_view>

#include "encoding/yaml_plain_events.h"
#include "encoding/yaml_scanner.h"

namespace ho::encoding::yaml {

struct VisitedScalar {
  std::string_view text;  // the scalar's value when `exact`, else its source text
  ScalarStyle style = ScalarStyle::Plain;
  // False for scalars whose value the block reader leaves undecoded (see
  // decodeVisitedScalar): plain ones continued on later lines (never null, a
  // bool or a number), quoted ones with escapes or over lines, literal and
  // folded blocks.
  bool exact = true;
  int blockIndent = 0;  // literal and folded blocks: the indentation of their lines

  bool plain() const { return style == ScalarStyle::Plain; }
};

class YamlVisitor {
 public:
  virtual ~YamlVisitor() = default;
  virtual void mappingStart() = 0;
  virtual void mappingEnd() = 0;
  virtual void sequenceStart() = 0;
  virtual void sequenceEnd() = 0;
  // A mapping key: always a scalar, and exact unless quoted with escapes.
  virtual void key(const VisitedScalar& key) = 0;
  // A scalar that is a mapping value, a sequence item or the whole document;
  // a missing value is the empty plain scalar.
  virtual void value(const VisitedScalar& value) = 0;
};

// Walks the first document of `text` with the full parser; a text of nothing
// but comments visits nothing.
void visitPlainDocument(std::string_view text, YamlVisitor& visitor);

}  // namespace ho::encoding::yaml
