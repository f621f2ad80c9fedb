// Go's unicode/utf8 and unicode packages, as far as fmt, strconv and the
// string functions need them: decoding with Go's RuneError rules, the
// character classes (IsSpace, IsPrint, IsUpper...) and simple case mapping.
#pragma once

#include <cstddef>
#include <string>
#include <string_view>

// Nested namespace: templating/utf8.h (the lexer's) has its own decodeRune in ho::tmpl.
namespace ho::tmpl::unicode {

inline constexpr char32_t kRuneError = 0xFFFD;
inline constexpr char32_t kMaxRune = 0x10FFFF;

struct DecodedRune {
  char32_t rune;
  std::size_t size;  // bytes consumed: 0 for empty input, 1 for an invalid byte
};

// utf8.DecodeRuneInString: an invalid or truncated sequence decodes as (RuneError, 1).
DecodedRune decodeRune(std::string_view s);
// utf8.AppendRune: surrogates and values past MaxRune are written as RuneError.
void appendRune(std::string& out, char32_t r);
// utf8.RuneCountInString.
std::size_t runeCount(std::string_view s);
// []rune(s) and string(runes).
std::u32string toRunes(std::string_view s);
std::string fromRunes(std::u32string_view runes);
// utf8.ValidRune.
bool isValidRune(char32_t r);

bool isSpace(char32_t r);    // unicode.IsSpace
bool isPrint(char32_t r);    // strconv.IsPrint (Go's graphic characters plus U+0020)
bool isUpper(char32_t r);    // unicode.IsUpper
bool isLower(char32_t r);    // unicode.IsLower
bool isTitle(char32_t r);    // unicode.IsTitle
bool isLetter(char32_t r);   // unicode.IsLetter
bool isDigit(char32_t r);    // unicode.IsDigit
bool isNumber(char32_t r);   // unicode.IsNumber
bool isPunct(char32_t r);    // unicode.IsPunct
char32_t toUpper(char32_t r);
char32_t toLower(char32_t r);
char32_t toTitle(char32_t r);

// strings.Map with a rune mapping (invalid bytes become U+FFFD as in Go).
template <class Mapping>
std::string mapRunes(std::string_view s, Mapping mapping) {
  std::string out;
  out.reserve(s.size());
  while (!s.empty()) {
    DecodedRune d = decodeRune(s);
    appendRune(out, mapping(d.rune));
    s.remove_prefix(d.size);
  }
  return out;
}

}  // namespace ho::tmpl::unicode
