// Go's unicode/utf8 and unicode packages, as far as fmt, strconv and the
// string functions need them: decoding with Go's RuneError rules, the
// character classes (IsSpace, IsPrint, IsUpper...) and simple case mapping.
#pragma once

#include <cstddef>
#include <string>
#include <string_view>

#include "core/go_utf8.h"

namespace ho::tmpl::unicode {

// Decoding and encoding live in core/go_utf8.h.
using utf8::appendRune;
using utf8::decodeRune;
using utf8::DecodedRune;
using utf8::isValidRune;
using utf8::kMaxRune;
using utf8::kRuneError;

// utf8.RuneCountInString.
std::size_t runeCount(std::string_view s);
// []rune(s) and string(runes).
std::u32string toRunes(std::string_view s);
std::string fromRunes(std::u32string_view runes);

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
