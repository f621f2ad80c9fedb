// Sprig v3 as Helm 3.17 ships it: every function family registered into one
// table (Helm removes env and expandenv, so they are not here).
#pragma once

#include "templating/function_table.h"

namespace ho::tmpl {

void registerSprigFunctions(FunctionTable& table);

}  // namespace ho::tmpl
