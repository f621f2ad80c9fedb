// Sprig's path functions: base dir ext clean isAbs (Go's path package) and
// their os* twins (path/filepath, identical on Linux where Helm runs).
#pragma once

#include "templating/function_table.h"

namespace ho::tmpl {

void registerPathFunctions(FunctionTable& table);

}  // namespace ho::tmpl
