// Sprig's dict functions: dict get set unset hasKey pluck dig merge
// mergeOverwrite (and must* twins) keys values pick omit deepCopy mustDeepCopy.
#pragma once

#include "templating/function_table.h"

namespace ho::tmpl {

void registerDictFunctions(FunctionTable& table);

}  // namespace ho::tmpl
