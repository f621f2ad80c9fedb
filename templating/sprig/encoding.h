// Sprig's b64enc b64dec b32enc b32dec (Go's StdEncoding; a decoding error
// becomes the function's result text, e.g. "illegal base64 data at input byte 0").
#pragma once

#include "templating/function_table.h"

namespace ho::tmpl {

void registerEncodingFunctions(FunctionTable& table);

}  // namespace ho::tmpl
