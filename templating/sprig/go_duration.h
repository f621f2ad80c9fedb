// Go's time.Duration text: ParseDuration ("1h30m", "-1.5h", "300ms") and
// Duration.String ("1h1m40s", "1.5s", "0s").
#pragma once

#include <cstdint>
#include <string>
#include <string_view>

#include "core/error.h"

namespace ho::tmpl {

// Nanoseconds; errors read like Go's: time: invalid duration "bad".
Result<std::int64_t> parseGoDuration(std::string_view text);
std::string formatGoDuration(std::int64_t nanoseconds);
// Duration.Round(m): to the nearest multiple of m, halves away from zero.
std::int64_t roundGoDuration(std::int64_t nanoseconds, std::int64_t multiple);

}  // namespace ho::tmpl
