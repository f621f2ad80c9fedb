// UTF-8 decoding with Go's unicode/utf8 rules (overlong forms and surrogates are
// invalid; each invalid byte decodes as U+FFFD of width 1), as encoding/json
// relies on when it replaces invalid bytes.
#pragma once

#include <cstddef>
#include <string>
#include <string_view>

namespace ho::encoding {

constexpr char32_t kRuneError = 0xFFFD;

// Decodes the rune at s[i]; returns its width (>= 1). Invalid: rune = kRuneError, width 1.
std::size_t decodeRune(std::string_view s, std::size_t i, char32_t& rune);
// Whether every byte of s is part of a valid rune.
bool isValidUtf8(std::string_view s);
// s with each invalid byte replaced by U+FFFD (what a JSON round trip does).
std::string toValidUtf8(std::string_view s);
// Appends the UTF-8 encoding of r.
void appendRune(std::string& out, char32_t r);

}  // namespace ho::encoding
