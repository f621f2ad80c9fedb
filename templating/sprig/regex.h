// Sprig's regular expression functions (regexMatch regexFind regexFindAll
// regexReplaceAll regexReplaceAllLiteral regexSplit, their must* forms, and
// regexQuoteMeta) with Go's regexp semantics.
#pragma once

#include "templating/function_table.h"

namespace ho::tmpl {

void registerRegexFunctions(FunctionTable& table);

}  // namespace ho::tmpl
