// Sprig's JSON functions: toJson toPrettyJson toRawJson and their must*
// twins, and mustFromJson (Helm replaces toJson and fromJson with its own).
#pragma once

#include "templating/function_table.h"

namespace ho::tmpl {

void registerJsonFunctions(FunctionTable& table);

}  // namespace ho::tmpl
