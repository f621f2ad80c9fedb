// Glob patterns as Helm's .Files.Glob compiles them (gobwas/glob with '/' as
// separator): * ? [..] [!..] {a,b} ** and backslash escapes; and Go's
// path/filepath.Match (used by .helmignore and --show-only).
#pragma once

#include <string_view>

#include "core/error.h"

namespace ho::chart {

// gobwas/glob.Compile(pattern, '/').Match(name).
bool globMatch(std::string_view pattern, std::string_view name);
// Whether gobwas/glob compiles `pattern` (unclosed [ or {, a trailing backslash fail).
// .Files.Glob falls back to "**" (every file) for a pattern that does not compile.
bool isValidGlob(std::string_view pattern);
// Go's filepath.Match on '/' separated paths; an error for a malformed pattern
// ("syntax error in pattern").
Result<bool> pathMatch(std::string_view pattern, std::string_view name);

}  // namespace ho::chart
