// Sprig's string functions (sprig v3.3 functions.go/strings.go): case,
// trimming, padding, quoting, splitting and joining, wrapping (and "hello").
#pragma once

#include "templating/function_table.h"

namespace ho::tmpl {

void registerStringFunctions(FunctionTable& table);

}  // namespace ho::tmpl
