// visitBlockDocument: a fast walk of the block-style YAML that charts render
// (manifests, toYaml output), for readers that need a document's structure
// and a few of its scalars but must refuse what go-yaml refuses. It models a
// subset and throws NotPlainYaml for everything outside it, so the caller
// falls back to visitPlainDocument, which gives the exact results and errors.
//
// The subset: printable UTF-8 without tabs, carriage returns or line breaks
// other than line feeds; block mappings and sequences laid out by
// indentation (a sequence also at its key's indentation, and "- key: value"
// entries); keys plain or quoted on one line; plain scalars, also continued
// on more indented lines; quoted scalars (escapes other than \x, \u and \U);
// literal and folded block scalars; flow sequences and mappings of scalars on
// one line; comments and blank lines. Within it, a document is visited only when go-yaml's scanner and
// parser accept it and see the same structure.
#pragma once

#include <string>
#include <string_view>

#include "encoding/yaml_visitor.h"

namespace ho::encoding::yaml {

void visitBlockDocument(std::string_view text, YamlVisitor& visitor);

// The value of a scalar visitBlockDocument visited undecoded (`exact` false),
// folded and unescaped as go-yaml's scanner does.
std::string decodeVisitedScalar(const VisitedScalar& scalar);

}  // namespace ho::encoding::yaml
