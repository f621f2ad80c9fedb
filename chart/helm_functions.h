// The functions Helm adds to Sprig (pkg/engine/funcs.go) that need no
// rendering state: toYaml toYamlPretty fromYaml fromYamlArray toJson fromJson
// fromJsonArray toToml lookup. include, tpl and required live in the engine.
#pragma once

#include "templating/function_table.h"

namespace ho::chart {

void registerHelmFunctions(tmpl::FunctionTable& table);

// The whole function table of a Helm template: Sprig (minus env/expandenv),
// Go's builtins are the executor's own, then Helm's functions above.
tmpl::FunctionTable helmFunctionTable();

}  // namespace ho::chart
