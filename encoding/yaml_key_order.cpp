// go-yaml's "natural" key comparisons (v2 and v3), on Unicode code points.
#include "encoding/yaml_key_order.h"

#include <cstdint>
#include <string_view>
#include <vector>

#include "core/go_utf8.h"

namespace ho::encoding {
namespace {

std::vector<char32_t> codePoints(std::string_view s) {
  std::vector<char32_t> out;
  out.reserve(s.size());
  for (size_t i = 0; i < s.size();) {
    auto c = static_cast<unsigned char>(s[i]);
    int len = c < 0x80 ? 1 : (c >> 5) == 6 ? 2 : (c >> 4) == 14 ? 3 : (c >> 3) == 30 ? 4 : 1;
    if (i + static_cast<size_t>(len) > s.size()) len = 1;
    char32_t cp = len == 1 ? c : c & (0x7F >> len);
    for (int k = 1; k < len; ++k) cp = (cp << 6) | (static_cast<unsigned char>(s[i + static_cast<size_t>(k)]) & 0x3F);
    out.push_back(cp);
    i += static_cast<size_t>(len);
  }
  return out;
}

// unicode.IsLetter, exact for ASCII and Latin-1; other scripts are treated as
// letters unless they fall in the common punctuation and symbol blocks.
bool isLetter(char32_t r) {
  if (r < 0x80) return (r >= 'a' && r <= 'z') || (r >= 'A' && r <= 'Z');
  if (r < 0x100) return r == 0xAA || r == 0xB5 || r == 0xBA || (r >= 0xC0 && r != 0xD7 && r != 0xF7);
  if (r >= 0x2000 && r <= 0x2BFF) return false;  // punctuation, symbols, arrows, shapes
  if (r >= 0x3000 && r <= 0x303F) return false;  // CJK punctuation
  if (r >= 0xFF00 && r <= 0xFF20) return false;  // fullwidth punctuation and digits
  if (r >= 0x1F000) return false;                // emoji and pictographs
  return true;
}

bool isDigit(char32_t r) { return r >= '0' && r <= '9'; }

// v3 remembers whether the common prefix ended in a digit, so that inside a
// number a letter sorts after a digit ("a10" < "a1b"); v2 always puts the
// non-letter first, which is not transitive. `Text` is a sequence of code
// points: a std::u32string_view, or an ASCII std::string_view.
template <class Text>
bool keyLessOn(Text a, Text b, bool trackDigits) {
  bool afterDigit = false;
  for (size_t i = 0; i < a.size() && i < b.size(); ++i) {
    if (a[i] == b[i]) {
      afterDigit = isDigit(a[i]);
      continue;
    }
    bool aLetter = isLetter(a[i]);
    bool bLetter = isLetter(b[i]);
    if (aLetter && bLetter) return a[i] < b[i];
    if (aLetter || bLetter) return trackDigits && afterDigit ? aLetter : bLetter;
    std::int64_t aNum = 0, bNum = 0;
    if (a[i] == '0' || b[i] == '0') {
      // Inside a number with a non-zero lead, zeros count as digits like any other.
      for (size_t j = i; j-- > 0 && isDigit(a[j]);) {
        if (a[j] != '0') {
          aNum = 1;
          bNum = 1;
          break;
        }
      }
    }
    // Go's int wraps around on overflow ("a9223372036854775808" sorts first):
    // the same sums in unsigned arithmetic, read back as signed.
    auto appendDigit = [](std::int64_t n, char digit) {
      return static_cast<std::int64_t>(static_cast<std::uint64_t>(n) * 10 + static_cast<std::uint64_t>(digit - '0'));
    };
    size_t ai = i, bi = i;
    for (; ai < a.size() && isDigit(a[ai]); ++ai) aNum = appendDigit(aNum, a[ai]);
    for (; bi < b.size() && isDigit(b[bi]); ++bi) bNum = appendDigit(bNum, b[bi]);
    if (aNum != bNum) return aNum < bNum;
    if (ai != bi) return ai < bi;
    return a[i] < b[i];
  }
  return a.size() < b.size();
}

// Keys are nearly always ASCII: compared as they are, without decoding.
bool keyLess(std::string_view a, std::string_view b, bool trackDigits) {
  if (utf8::asciiPrefixLength(a) == a.size() && utf8::asciiPrefixLength(b) == b.size()) {
    return keyLessOn(a, b, trackDigits);
  }
  const std::vector<char32_t> aPoints = codePoints(a);
  const std::vector<char32_t> bPoints = codePoints(b);
  return keyLessOn(std::u32string_view(aPoints.data(), aPoints.size()),
                   std::u32string_view(bPoints.data(), bPoints.size()), trackDigits);
}

}  // namespace

bool goYamlKeyLess(std::string_view a, std::string_view b) { return keyLess(a, b, false); }

bool goYamlV3KeyLess(std::string_view a, std::string_view b) { return keyLess(a, b, true); }

}  // namespace ho::encoding
