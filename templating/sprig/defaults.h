// Sprig's defaults and flow functions: default empty coalesce all any ternary fail.
#pragma once

#include "templating/function_table.h"

namespace ho::tmpl {

void registerDefaultFunctions(FunctionTable& table);

}  // namespace ho::tmpl
