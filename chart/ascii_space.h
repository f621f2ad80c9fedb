// Go's strings.TrimSpace on the ASCII whitespace Helm's text carries: what
// is trimmed around rendered manifests, .helmignore rules and dependency
// conditions.
#pragma once

#include <string_view>

namespace ho::chart {

inline constexpr std::string_view kAsciiSpace = " \t\n\v\f\r";

inline std::string_view trimSpace(std::string_view s) {
  auto start = s.find_first_not_of(kAsciiSpace);
  if (start == std::string_view::npos) return {};
  return s.substr(start, s.find_last_not_of(kAsciiSpace) - start + 1);
}

}  // namespace ho::chart
