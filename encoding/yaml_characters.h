// go-yaml's rules for characters: what its reader accepts beyond ASCII
// (UTF-8 in its shortest form, and only printable characters), which
// characters its scanner reads as indicators, and what its one-letter escapes
// stand for.
#pragma once

#include <cstddef>
#include <string_view>

#include "encoding/byte_set.h"

namespace ho::encoding::yaml {

struct MultibyteCharacter {
  std::size_t width = 0;
  char32_t value = 0;
  const char* problem = nullptr;  // the reader's error when it refuses the character
};

// The characters that cannot start a plain scalar ('-', '?' and ':' can when
// a non-space follows them).
inline constexpr auto kIndicators = byteSet("-?:,[]{}#&*!|>'\"%@`");

// The character whose lead byte (0x80 or above) is at `at`.
MultibyteCharacter readMultibyte(std::string_view text, std::size_t at);

// The character a backslash and `c` stand for in a double-quoted scalar,
// for every escape but \x, \u and \U; -1 for those and for unknown ones.
char32_t simpleEscape(char c);

}  // namespace ho::encoding::yaml
