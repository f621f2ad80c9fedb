// Sprig's type conversions: atoi int int64 float64 toDecimal toString toStrings
// (spf13/cast semantics, see templating/go_cast.h).
#pragma once

#include "templating/function_table.h"

namespace ho::tmpl {

void registerConversionFunctions(FunctionTable& table);

}  // namespace ho::tmpl
