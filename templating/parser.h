// The text/template parser: turns one template text into its trees (the
// text's own template plus every define and block in it), checking function
// names and variables and reporting errors in Go's words
// ("template: NAME:LINE: unexpected EOF").
#pragma once

#include <memory>
#include <string_view>
#include <vector>

#include "core/error.h"
#include "templating/ast.h"
#include "templating/function_table.h"

namespace ho::tmpl {

// The trees of one parse, in the order Go adds them: each define/block when its
// {{end}} is reached, then the text's own template (named `name`) last.
using ParsedTrees = std::vector<std::shared_ptr<const Tree>>;

// The trees share `source` (their text nodes view it). Their nodes go into
// `arena` when given (a set parsing many files shares one: fewer, fuller
// blocks), else into one of their own.
Result<ParsedTrees> parseTemplate(std::string_view name, SharedText source, const FunctionTable& functions,
                                  std::shared_ptr<NodeArena> arena = nullptr);

}  // namespace ho::tmpl
