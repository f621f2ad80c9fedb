// Go-compatible UTF-8 decoding and repair.
#include "encoding/go_utf8.h"

namespace ho::encoding {

std::size_t decodeRune(std::string_view s, std::size_t i, char32_t& rune) {
  auto byteAt = [&](std::size_t k) { return k < s.size() ? static_cast<unsigned char>(s[k]) : 0u; };
  unsigned c0 = byteAt(i);
  rune = kRuneError;
  if (c0 < 0x80) {
    rune = c0;
    return 1;
  }
  std::size_t width;
  unsigned low = 0x80, high = 0xBF;
  char32_t value;
  if (c0 >= 0xC2 && c0 <= 0xDF) {
    width = 2, value = c0 & 0x1F;
  } else if (c0 >= 0xE0 && c0 <= 0xEF) {
    width = 3, value = c0 & 0x0F;
    if (c0 == 0xE0) low = 0xA0;
    if (c0 == 0xED) high = 0x9F;
  } else if (c0 >= 0xF0 && c0 <= 0xF4) {
    width = 4, value = c0 & 0x07;
    if (c0 == 0xF0) low = 0x90;
    if (c0 == 0xF4) high = 0x8F;
  } else {
    return 1;
  }
  if (i + width > s.size()) return 1;
  for (std::size_t k = 1; k < width; ++k) {
    unsigned c = byteAt(i + k);
    if (c < (k == 1 ? low : 0x80) || c > (k == 1 ? high : 0xBF)) return 1;
    value = (value << 6) | (c & 0x3F);
  }
  rune = value;
  return width;
}

bool isValidUtf8(std::string_view s) {
  for (std::size_t i = 0; i < s.size();) {
    char32_t r;
    std::size_t w = decodeRune(s, i, r);
    if (r == kRuneError && w == 1) return false;
    i += w;
  }
  return true;
}

void appendRune(std::string& out, char32_t r) {
  if (r < 0x80) {
    out.push_back(static_cast<char>(r));
  } else if (r < 0x800) {
    out.push_back(static_cast<char>(0xC0 | (r >> 6)));
    out.push_back(static_cast<char>(0x80 | (r & 0x3F)));
  } else if (r < 0x10000) {
    out.push_back(static_cast<char>(0xE0 | (r >> 12)));
    out.push_back(static_cast<char>(0x80 | ((r >> 6) & 0x3F)));
    out.push_back(static_cast<char>(0x80 | (r & 0x3F)));
  } else {
    out.push_back(static_cast<char>(0xF0 | (r >> 18)));
    out.push_back(static_cast<char>(0x80 | ((r >> 12) & 0x3F)));
    out.push_back(static_cast<char>(0x80 | ((r >> 6) & 0x3F)));
    out.push_back(static_cast<char>(0x80 | (r & 0x3F)));
  }
}

std::string toValidUtf8(std::string_view s) {
  std::string out;
  out.reserve(s.size() + 8);
  for (std::size_t i = 0; i < s.size();) {
    char32_t r;
    std::size_t w = decodeRune(s, i, r);
    if (r == kRuneError && w == 1) {
      appendRune(out, kRuneError);
    } else {
      out.append(s, i, w);
    }
    i += w;
  }
  return out;
}

}  // namespace ho::encoding
