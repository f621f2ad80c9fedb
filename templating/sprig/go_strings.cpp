// Go's strings functions over UTF-8 with Go's treatment of invalid bytes.
#include "templating/sprig/go_strings.h"

#include <algorithm>

#include "core/error.h"
#include "templating/sprig/generation_limits.h"
#include "templating/go_unicode.h"

namespace ho::tmpl {

namespace {

using namespace unicode;  // NOLINT(google-build-using-namespace)

// utf8.DecodeLastRuneInString: the size of the rune that ends s.
DecodedRune decodeLastRune(std::string_view s) {
  if (s.empty()) return {kRuneError, 0};
  std::size_t start = s.size() - 1;
  std::size_t limit = s.size() >= 4 ? s.size() - 4 : 0;
  while (start > limit && (static_cast<unsigned char>(s[start]) & 0xC0) == 0x80) --start;
  DecodedRune d = decodeRune(s.substr(start));
  if (start + d.size != s.size()) return {kRuneError, 1};
  return d;
}

// strings.isSeparator, the word boundary rule of strings.Title.
bool isTitleSeparator(char32_t r) {
  if (r <= 0x7F) {
    bool wordChar = (r >= '0' && r <= '9') || (r >= 'a' && r <= 'z') || (r >= 'A' && r <= 'Z') || r == '_';
    return !wordChar;
  }
  if (isLetter(r) || isDigit(r)) return false;
  return isSpace(r);
}

// explode: s split into single UTF-8 sequences, at most n parts (n < 0: all).
std::vector<std::string> explode(std::string_view s, long long n) {
  std::vector<std::string> parts;
  while (!s.empty()) {
    if (n > 0 && static_cast<long long>(parts.size()) == n - 1) {
      parts.emplace_back(s);
      break;
    }
    std::size_t size = decodeRune(s).size;
    parts.emplace_back(s.substr(0, size));
    s.remove_prefix(size);
  }
  return parts;
}

}  // namespace

std::string goToUpper(std::string_view s) { return mapRunes(s, toUpper); }

std::string goToLower(std::string_view s) { return mapRunes(s, toLower); }

std::string goTitle(std::string_view s) {
  char32_t prev = ' ';
  return mapRunes(s, [&prev](char32_t r) {
    char32_t mapped = isTitleSeparator(prev) ? toTitle(r) : r;
    prev = r;
    return mapped;
  });
}

std::string goTrimSpace(std::string_view s) {
  while (!s.empty()) {
    DecodedRune d = decodeRune(s);
    if (!isSpace(d.rune)) break;
    s.remove_prefix(d.size);
  }
  while (!s.empty()) {
    DecodedRune d = decodeLastRune(s);
    if (!isSpace(d.rune)) break;
    s.remove_suffix(d.size);
  }
  return std::string(s);
}

std::string goTrim(std::string_view s, std::string_view cutset) {
  if (s.empty() || cutset.empty()) return std::string(s);
  std::u32string set = toRunes(cutset);
  auto inSet = [&set](char32_t r) { return std::find(set.begin(), set.end(), r) != set.end(); };
  while (!s.empty()) {
    DecodedRune d = decodeRune(s);
    if (!inSet(d.rune)) break;
    s.remove_prefix(d.size);
  }
  while (!s.empty()) {
    DecodedRune d = decodeLastRune(s);
    if (!inSet(d.rune)) break;
    s.remove_suffix(d.size);
  }
  return std::string(s);
}

std::string goReplaceAll(std::string_view s, std::string_view from, std::string_view to) {
  if (from == to) return std::string(s);
  std::string out;
  if (from.empty()) {  // insert `to` before every rune and at the end
    out += to;
    while (!s.empty()) {
      std::size_t size = decodeRune(s).size;
      out += s.substr(0, size);
      out += to;
      s.remove_prefix(size);
    }
    return out;
  }
  out.reserve(s.size());  // most replacements keep the length near the input's: no regrowth from empty
  std::size_t pos = 0;
  for (std::size_t hit = s.find(from); hit != std::string_view::npos; hit = s.find(from, pos)) {
    out += s.substr(pos, hit - pos);
    out += to;
    pos = hit + from.size();
  }
  out += s.substr(pos);
  return out;
}

std::vector<std::string> goSplitN(std::string_view s, std::string_view sep, long long n) {
  if (n == 0) return {};
  if (sep.empty()) return explode(s, n);
  std::vector<std::string> parts;
  while (n < 0 || static_cast<long long>(parts.size()) < n - 1) {
    std::size_t hit = s.find(sep);
    if (hit == std::string_view::npos) break;
    parts.emplace_back(s.substr(0, hit));
    s.remove_prefix(hit + sep.size());
  }
  parts.emplace_back(s);
  return parts;
}

std::string goRepeat(std::string_view s, long long count) {
  if (count < 0) throw Failure("strings: negative Repeat count");
  if (count > 0 && s.size() > (std::size_t{1} << 40) / static_cast<std::size_t>(count)) {
    throw Failure("strings: Repeat output length overflow");
  }
  checkGenerated("repeat", static_cast<std::int64_t>(s.size()) * count, kMaxGeneratedBytes, "bytes");
  std::string out;
  out.reserve(s.size() * static_cast<std::size_t>(count));
  for (long long i = 0; i < count; ++i) out += s;
  return out;
}

}  // namespace ho::tmpl
