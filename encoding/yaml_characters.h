// go-yaml's reader on the characters of a YAML text beyond ASCII: UTF-8 in
// its shortest form, and only printable characters.
#pragma once

#include <cstddef>
#include <string_view>

namespace ho::encoding::yaml {

struct MultibyteCharacter {
  std::size_t width = 0;
  char32_t value = 0;
  const char* problem = nullptr;  // the reader's error when it refuses the character
};

// The character whose lead byte (0x80 or above) is at `at`.
MultibyteCharacter readMultibyte(std::string_view text, std::size_t at);

}  // namespace ho::encoding::yaml
