// Sprig's urlParse and urlJoin, and getHostByName as Helm 3.17 ships it
// (DNS lookups are off unless Helm's --enable-dns is given: it returns "").
#pragma once

#include "templating/function_table.h"

namespace ho::tmpl {

void registerUrlFunctions(FunctionTable& table);

}  // namespace ho::tmpl
