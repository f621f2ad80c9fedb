// Go's UTF-8 decoding, encoding and repair.
#include "core/go_utf8.h"

#include <cstdint>
#include <cstring>

namespace ho::utf8 {
namespace {

std::size_t expectedLength(unsigned char lead) {
  if (lead < 0x80) return 1;
  if (lead >= 0xC2 && lead <= 0xDF) return 2;
  if (lead >= 0xE0 && lead <= 0xEF) return 3;
  if (lead >= 0xF0 && lead <= 0xF4) return 4;
  return 0;
}

}  // namespace

DecodedRune decodeRune(std::string_view s) {
  if (s.empty()) return {kRuneError, 0};
  auto byte = [&](std::size_t i) { return static_cast<unsigned char>(s[i]); };
  unsigned char lead = byte(0);
  std::size_t length = expectedLength(lead);
  if (length == 1) return {lead, 1};
  if (length == 0 || s.size() < length) return {kRuneError, 1};
  // The second byte's range depends on the lead (no overlongs, no surrogates, <= U+10FFFF).
  unsigned char low = 0x80;
  unsigned char high = 0xBF;
  if (lead == 0xE0) low = 0xA0;
  if (lead == 0xED) high = 0x9F;
  if (lead == 0xF0) low = 0x90;
  if (lead == 0xF4) high = 0x8F;
  if (byte(1) < low || byte(1) > high) return {kRuneError, 1};
  for (std::size_t i = 2; i < length; ++i) {
    if (byte(i) < 0x80 || byte(i) > 0xBF) return {kRuneError, 1};
  }
  char32_t r = lead & (0xFF >> (length + 1));
  for (std::size_t i = 1; i < length; ++i) r = (r << 6) | (byte(i) & 0x3F);
  return {r, length};
}

bool isValidRune(char32_t r) { return r <= kMaxRune && !(r >= 0xD800 && r <= 0xDFFF); }

void appendRune(std::string& out, char32_t r) {
  if (!isValidRune(r)) r = kRuneError;
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

std::size_t asciiPrefixLength(std::string_view s) {
  std::size_t i = 0;
  for (; i + 8 <= s.size(); i += 8) {
    std::uint64_t word;
    std::memcpy(&word, s.data() + i, 8);
    if ((word & 0x8080808080808080ull) != 0) break;
  }
  while (i < s.size() && static_cast<unsigned char>(s[i]) < 0x80) ++i;
  return i;
}

bool isValidUtf8(std::string_view s) {
  while (!s.empty()) {
    s.remove_prefix(asciiPrefixLength(s));
    if (s.empty()) break;
    DecodedRune d = decodeRune(s);
    if (d.rune == kRuneError && d.size == 1) return false;
    s.remove_prefix(d.size);
  }
  return true;
}

std::string toValidUtf8(std::string_view s) {
  if (isValidUtf8(s)) return std::string(s);
  std::string out;
  out.reserve(s.size() + 8);
  while (!s.empty()) {
    DecodedRune d = decodeRune(s);
    if (d.rune == kRuneError && d.size == 1) {
      appendRune(out, kRuneError);
    } else {
      out.append(s.substr(0, d.size));
    }
    s.remove_prefix(d.size);
  }
  return out;
}

}  // namespace ho::utf8
