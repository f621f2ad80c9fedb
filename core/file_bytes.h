// Whole-file reads, the one way the code base reads a file into memory.
#pragma once

#include <string>

#include "core/error.h"

namespace ho {

// The bytes of the file at `path`: one open, the size from fstat and reads
// straight into the string (files whose size fstat does not know, like pipes
// and /proc entries, are read until end of file). Errors are worded as Go's
// os.ReadFile words them: "open PATH: no such file or directory",
// "read PATH: is a directory".
Result<std::string> readFileBytes(const std::string& path);

}  // namespace ho
