// Sprig's list functions: list tuple first rest last initial append/push
// prepend concat reverse uniq without has compact slice chunk until untilStep
// seq, with their must* twins (same behaviour; Go's panics and returned errors
// read the same once a template reports them).
#pragma once

#include "templating/function_table.h"

namespace ho::tmpl {

void registerListFunctions(FunctionTable& table);

}  // namespace ho::tmpl
