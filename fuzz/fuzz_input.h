// Helpers shared by the fuzz targets: the input as text, and splitting it
// into a selector byte and fields so one target can reach several entry points.
#pragma once
#include <cstddef>
#include <cstdint>
#include <string_view>

namespace ho::fuzz {

inline std::string_view asText(const uint8_t* data, size_t size) {
  return {reinterpret_cast<const char*>(data), size};
}

// Removes and returns the text up to the first `separator` (all of it when absent).
inline std::string_view takeField(std::string_view& rest, char separator = '\n') {
  const size_t end = rest.find(separator);
  const std::string_view field = rest.substr(0, end);
  rest = end == std::string_view::npos ? std::string_view() : rest.substr(end + 1);
  return field;
}

}  // namespace ho::fuzz
