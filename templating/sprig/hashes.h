// Sprig's checksums: sha1sum sha256sum sha512sum (hex) and adler32sum (decimal).
#pragma once

#include "templating/function_table.h"

namespace ho::tmpl {

void registerHashFunctions(FunctionTable& table);

}  // namespace ho::tmpl
