// Sprig's reflection functions: typeOf typeIs typeIsLike kindOf kindIs deepEqual.
#pragma once

#include "templating/function_table.h"

namespace ho::tmpl {

void registerReflectionFunctions(FunctionTable& table);

}  // namespace ho::tmpl
