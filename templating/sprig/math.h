// Sprig's math functions: add add1 sub div mod mul max biggest min (int64
// results after cast.ToInt64), addf add1f subf mulf divf (exact decimals),
// maxf minf floor ceil round (float64), randInt.
#pragma once

#include "templating/function_table.h"

namespace ho::tmpl {

void registerMathFunctions(FunctionTable& table);

}  // namespace ho::tmpl
