// A 256-entry table of the bytes a string lists: the character classes the
// YAML scanner and resolver test one byte at a time.
#pragma once

#include <array>
#include <string_view>

namespace ho::encoding {

constexpr std::array<bool, 256> byteSet(std::string_view bytes) {
  std::array<bool, 256> table{};
  for (char c : bytes) table[static_cast<unsigned char>(c)] = true;
  return table;
}

}  // namespace ho::encoding
