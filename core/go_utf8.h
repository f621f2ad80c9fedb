// UTF-8 with Go's unicode/utf8 rules: overlong forms, surrogates and values
// past U+10FFFF are invalid, and each invalid byte decodes as U+FFFD of
// width 1 (what fmt, strconv, encoding/json and go-yaml all rely on).
#pragma once

#include <cstddef>
#include <string>
#include <string_view>

namespace ho::utf8 {

inline constexpr char32_t kRuneError = 0xFFFD;
inline constexpr char32_t kMaxRune = 0x10FFFF;

struct DecodedRune {
  char32_t rune;
  std::size_t size;  // bytes consumed: 0 for empty input, 1 for an invalid byte
};

// utf8.DecodeRuneInString: an invalid or truncated sequence decodes as (RuneError, 1).
DecodedRune decodeRune(std::string_view s);
// utf8.ValidRune.
bool isValidRune(char32_t r);
// utf8.AppendRune: surrogates and values past MaxRune are written as RuneError.
void appendRune(std::string& out, char32_t r);
// How many bytes `s` starts with below 0x80 (scanned eight at a time).
std::size_t asciiPrefixLength(std::string_view s);
// utf8.ValidString.
bool isValidUtf8(std::string_view s);
// strings.ToValidUTF8(s, "\uFFFD") per invalid byte: what a JSON round trip does.
std::string toValidUtf8(std::string_view s);

}  // namespace ho::utf8
