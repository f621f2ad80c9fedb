// UTF-8 coding with Go's error rules, and Unicode classes and case mapping.
// Latin-1 follows Go's own fast paths exactly; beyond it, glibc's C.UTF-8
// tables supply the Unicode data, adjusted where Go's definitions differ.
#include "templating/go_unicode.h"

#include <locale.h>
#include <wctype.h>

#include <algorithm>
#include <initializer_list>
#include <utility>

namespace ho::tmpl::unicode {

namespace {

locale_t unicodeLocale() {
  static const locale_t locale = newlocale(LC_CTYPE_MASK, "C.UTF-8", static_cast<locale_t>(nullptr));
  return locale;
}

wint_t wide(char32_t r) { return static_cast<wint_t>(r); }

bool inRanges(char32_t r, std::initializer_list<std::pair<char32_t, char32_t>> ranges) {
  return std::any_of(ranges.begin(), ranges.end(),
                     [r](const auto& range) { return range.first <= r && r <= range.second; });
}

// Format characters (category Cf), which Go does not count as graphic.
bool isFormatChar(char32_t r) {
  return inRanges(r, {{0x00AD, 0x00AD}, {0x0600, 0x0605}, {0x061C, 0x061C}, {0x06DD, 0x06DD},
                      {0x070F, 0x070F}, {0x0890, 0x0891}, {0x08E2, 0x08E2}, {0x180E, 0x180E},
                      {0x200B, 0x200F}, {0x202A, 0x202E}, {0x2060, 0x2064}, {0x2066, 0x206F},
                      {0xFEFF, 0xFEFF}, {0xFFF9, 0xFFFB}, {0x110BD, 0x110BD}, {0x110CD, 0x110CD},
                      {0x13430, 0x1343F}, {0x1BCA0, 0x1BCA3}, {0x1D173, 0x1D17A}, {0xE0001, 0xE0001},
                      {0xE0020, 0xE007F}});
}

bool isPrivateUse(char32_t r) {
  return inRanges(r, {{0xE000, 0xF8FF}, {0xF0000, 0xFFFFD}, {0x100000, 0x10FFFD}});
}

}  // namespace

std::size_t runeCount(std::string_view s) {
  std::size_t count = 0;
  while (!s.empty()) {
    s.remove_prefix(decodeRune(s).size);
    ++count;
  }
  return count;
}

std::u32string toRunes(std::string_view s) {
  std::u32string runes;
  while (!s.empty()) {
    DecodedRune d = decodeRune(s);
    runes.push_back(d.rune);
    s.remove_prefix(d.size);
  }
  return runes;
}

std::string fromRunes(std::u32string_view runes) {
  std::string out;
  for (char32_t r : runes) appendRune(out, r);
  return out;
}

bool isSpace(char32_t r) {
  if (r <= 0xFF) {
    return r == ' ' || (r >= '\t' && r <= '\r') || r == 0x85 || r == 0xA0;
  }
  return inRanges(r, {{0x1680, 0x1680}, {0x2000, 0x200A}, {0x2028, 0x2029}, {0x202F, 0x202F},
                      {0x205F, 0x205F}, {0x3000, 0x3000}});
}

bool isPrint(char32_t r) {
  if (r <= 0xFF) return (r >= 0x20 && r <= 0x7E) || (r >= 0xA1 && r != 0xAD);
  if (!isValidRune(r) || isSpace(r) || isFormatChar(r) || isPrivateUse(r)) return false;
  return iswprint_l(wide(r), unicodeLocale()) != 0;
}

bool isTitle(char32_t r) {
  return inRanges(r, {{0x01C5, 0x01C5}, {0x01C8, 0x01C8}, {0x01CB, 0x01CB}, {0x01F2, 0x01F2},
                      {0x1F88, 0x1F8F}, {0x1F98, 0x1F9F}, {0x1FA8, 0x1FAF}, {0x1FBC, 0x1FBC},
                      {0x1FCC, 0x1FCC}, {0x1FFC, 0x1FFC}});
}

bool isUpper(char32_t r) {
  if (r < 0x80) return r >= 'A' && r <= 'Z';
  return !isTitle(r) && iswupper_l(wide(r), unicodeLocale()) != 0;
}

bool isLower(char32_t r) {
  if (r < 0x80) return r >= 'a' && r <= 'z';
  return !isTitle(r) && iswlower_l(wide(r), unicodeLocale()) != 0;
}

bool isDigit(char32_t r) {
  if (r <= 0xFF) return r >= '0' && r <= '9';
  return inRanges(r, {{0x0660, 0x0669}, {0x06F0, 0x06F9}, {0x0966, 0x096F}, {0xFF10, 0xFF19}});
}

bool isLetter(char32_t r) {
  if (r < 0x80) return (r >= 'a' && r <= 'z') || (r >= 'A' && r <= 'Z');
  if (r <= 0xFF) return r == 0xAA || r == 0xB5 || r == 0xBA || (r >= 0xC0 && r != 0xD7 && r != 0xF7);
  return !isDigit(r) && iswalpha_l(wide(r), unicodeLocale()) != 0;
}

bool isNumber(char32_t r) {
  return isDigit(r) ||
         inRanges(r, {{0xB2, 0xB3}, {0xB9, 0xB9}, {0xBC, 0xBE}, {0x2070, 0x2070}, {0x2074, 0x2079},
                      {0x2080, 0x2089}, {0x2150, 0x2189}, {0x2460, 0x249B}, {0x24EA, 0x24FF},
                      {0x2776, 0x2793}});
}

bool isPunct(char32_t r) {
  if (r < 0x80) {
    static constexpr std::string_view kAsciiPunct = "!\"#%&'()*,-./:;?@[\\]_{}";
    return kAsciiPunct.find(static_cast<char>(r)) != std::string_view::npos;
  }
  if (r <= 0xFF) return r == 0xA1 || r == 0xA7 || r == 0xAB || r == 0xB6 || r == 0xB7 || r == 0xBB || r == 0xBF;
  return iswpunct_l(wide(r), unicodeLocale()) != 0 && !isNumber(r);
}

char32_t toUpper(char32_t r) {
  if (r < 0x80) return (r >= 'a' && r <= 'z') ? r - 32 : r;
  return static_cast<char32_t>(towupper_l(wide(r), unicodeLocale()));
}

char32_t toLower(char32_t r) {
  if (r < 0x80) return (r >= 'A' && r <= 'Z') ? r + 32 : r;
  return static_cast<char32_t>(towlower_l(wide(r), unicodeLocale()));
}

char32_t toTitle(char32_t r) {
  if (r < 0x80) return toUpper(r);
  static const wctrans_t title = wctrans_l("totitle", unicodeLocale());
  return static_cast<char32_t>(towctrans_l(wide(r), title, unicodeLocale()));
}

}  // namespace ho::tmpl::unicode
