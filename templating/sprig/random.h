// Sprig's non-hermetic text functions: randAlphaNum randAlpha randAscii
// randNumeric shuffle uuidv4 (random each call, as in Helm).
#pragma once

#include "templating/function_table.h"

namespace ho::tmpl {

void registerRandomFunctions(FunctionTable& table);

}  // namespace ho::tmpl
