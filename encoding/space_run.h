// The end of a run of spaces, eight bytes at a time: indentation in JSON and
// YAML documents runs to dozens of spaces a line.
#pragma once

#include <cstddef>
#include <cstdint>
#include <cstring>
#include <string_view>

namespace ho::encoding {

// The first position at or after `at` (<= text.size()) that is not a space,
// looking at most `most` bytes ahead.
inline std::size_t spaceRunEnd(std::string_view text, std::size_t at, std::size_t most = std::string_view::npos) {
  const std::size_t limit = most < text.size() - at ? at + most : text.size();
  constexpr std::uint64_t kEightSpaces = 0x2020202020202020;
  for (std::uint64_t word = 0; at + 8 <= limit && (std::memcpy(&word, text.data() + at, 8), word == kEightSpaces);) {
    at += 8;
  }
  while (at < limit && text[at] == ' ') ++at;
  return at;
}

}  // namespace ho::encoding
