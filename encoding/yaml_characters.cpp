// readMultibyte: one UTF-8 character, checked as go-yaml's reader checks it;
// simpleEscape: the scanner's table of one-letter escapes.
#include "encoding/yaml_characters.h"

namespace ho::encoding::yaml {

MultibyteCharacter readMultibyte(std::string_view text, std::size_t at) {
  MultibyteCharacter c;
  const auto lead = static_cast<unsigned char>(text[at]);
  const std::size_t width = (lead & 0xE0) == 0xC0 ? 2 : (lead & 0xF0) == 0xE0 ? 3 : (lead & 0xF8) == 0xF0 ? 4 : 0;
  if (width == 0) {
    c.problem = "invalid leading UTF-8 octet";
    return c;
  }
  if (at + width > text.size()) {
    c.problem = "incomplete UTF-8 octet sequence";
    return c;
  }
  char32_t value = width == 2 ? (lead & 0x1Fu) : width == 3 ? (lead & 0x0Fu) : (lead & 0x07u);
  for (std::size_t k = 1; k < width; ++k) {
    const auto trail = static_cast<unsigned char>(text[at + k]);
    if ((trail & 0xC0) != 0x80) {
      c.problem = "invalid trailing UTF-8 octet";
      return c;
    }
    value = (value << 6) | (trail & 0x3Fu);
  }
  const bool shortest =
      (width == 2 && value >= 0x80) || (width == 3 && value >= 0x800) || (width == 4 && value >= 0x10000);
  if (!shortest) {
    c.problem = "invalid length of a UTF-8 sequence";
  } else if ((value >= 0xD800 && value <= 0xDFFF) || value > 0x10FFFF) {
    c.problem = "invalid Unicode character";
  } else if (!(value == 0x85 || (value >= 0xA0 && value <= 0xD7FF) || (value >= 0xE000 && value <= 0xFFFD) ||
               value >= 0x10000)) {
    c.problem = "control characters are not allowed";
  }
  c.width = width;
  c.value = value;
  return c;
}

char32_t simpleEscape(char c) {
  switch (c) {
    case '0': return 0;
    case 'a': return 0x07;
    case 'b': return 0x08;
    case 't':
    case '\t': return '\t';
    case 'n': return '\n';
    case 'v': return 0x0B;
    case 'f': return 0x0C;
    case 'r': return '\r';
    case 'e': return 0x1B;
    case ' ':
    case '"':
    case '\'':
    case '\\': return static_cast<char32_t>(c);
    case 'N': return 0x85;
    case '_': return 0xA0;
    case 'L': return 0x2028;
    case 'P': return 0x2029;
    default: return static_cast<char32_t>(-1);
  }
}

}  // namespace ho::encoding::yaml
