// Go's strconv: float formatting ('e' 'f' 'g' 'b' 'x' with Go's shortest
// digits and exponent spelling), string and rune quoting, and the parsers.
#include "templating/go_strconv.h"

#include <locale.h>

#include <charconv>
#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <limits>

#include "templating/go_format.h"
#include "templating/go_unicode.h"

namespace ho::tmpl {

namespace {

using namespace unicode;  // NOLINT(google-build-using-namespace)

constexpr std::string_view kLowerHex = "0123456789abcdef";

void appendHexByte(std::string& out, const char* prefix, unsigned char b) {
  out += prefix;
  out.push_back(kLowerHex[b >> 4]);
  out.push_back(kLowerHex[b & 0xF]);
}

// strconv.appendEscapedRune: how one rune looks inside a quoted literal.
void appendEscapedRune(std::string& out, char32_t r, char quote, bool asciiOnly) {
  if (r == static_cast<char32_t>(quote) || r == '\\') {
    out.push_back('\\');
    appendRune(out, r);
    return;
  }
  if (asciiOnly ? (r < 0x80 && isPrint(r)) : isPrint(r)) {
    appendRune(out, r);
    return;
  }
  switch (r) {
    case '\a': out += "\\a"; return;
    case '\b': out += "\\b"; return;
    case '\f': out += "\\f"; return;
    case '\n': out += "\\n"; return;
    case '\r': out += "\\r"; return;
    case '\t': out += "\\t"; return;
    case '\v': out += "\\v"; return;
    default: break;
  }
  if (r < ' ' || r == 0x7F) {
    appendHexByte(out, "\\x", static_cast<unsigned char>(r));
    return;
  }
  if (!isValidRune(r)) r = kRuneError;
  int shift = r < 0x10000 ? 12 : 28;
  out += r < 0x10000 ? "\\u" : "\\U";
  for (; shift >= 0; shift -= 4) out.push_back(kLowerHex[(r >> shift) & 0xF]);
}

std::string quoteWith(std::string_view s, bool asciiOnly) {
  std::string out = "\"";
  while (!s.empty()) {
    DecodedRune d = decodeRune(s);
    if (d.size == 1 && d.rune == kRuneError) {
      appendHexByte(out, "\\x", static_cast<unsigned char>(s[0]));
    } else {
      appendEscapedRune(out, d.rune, '"', asciiOnly);
    }
    s.remove_prefix(d.size);
  }
  out.push_back('"');
  return out;
}

char lowerAscii(char c) { return (c >= 'A' && c <= 'Z') ? static_cast<char>(c + 32) : c; }

// strconv.underscoreOK: underscores only between digits or after a base prefix.
bool underscoresWellPlaced(std::string_view s) {
  char saw = '^';
  std::size_t i = 0;
  if (!s.empty() && (s[0] == '-' || s[0] == '+')) s.remove_prefix(1);
  bool hex = false;
  if (s.size() >= 2 && s[0] == '0' &&
      (lowerAscii(s[1]) == 'b' || lowerAscii(s[1]) == 'o' || lowerAscii(s[1]) == 'x')) {
    i = 2;
    saw = '0';
    hex = lowerAscii(s[1]) == 'x';
  }
  for (; i < s.size(); ++i) {
    char c = lowerAscii(s[i]);
    if ((c >= '0' && c <= '9') || (hex && c >= 'a' && c <= 'f')) {
      saw = '0';
      continue;
    }
    if (c == '_') {
      if (saw != '0') return false;
      saw = '_';
      continue;
    }
    if (saw == '_') return false;
    saw = '!';
  }
  return saw != '_';
}

int digitValue(char c) {
  c = lowerAscii(c);
  if (c >= '0' && c <= '9') return c - '0';
  if (c >= 'a' && c <= 'z') return c - 'a' + 10;
  return 99;
}

// strconv.ParseUint(s, base, 64).
std::optional<std::uint64_t> parseGoUint(std::string_view s, int base) {
  if (s.empty()) return std::nullopt;
  const std::string_view original = s;
  const bool basePrefixAllowed = base == 0;
  if (basePrefixAllowed) {
    base = 10;
    if (s[0] == '0') {
      char marker = s.size() >= 3 ? lowerAscii(s[1]) : '\0';
      base = marker == 'b' ? 2 : marker == 'o' ? 8 : marker == 'x' ? 16 : 8;
      s.remove_prefix(marker == 'b' || marker == 'o' || marker == 'x' ? 2 : 1);
    }
  }
  std::uint64_t n = 0;
  bool underscores = false;
  for (char c : s) {
    if (c == '_' && basePrefixAllowed) {
      underscores = true;
      continue;
    }
    int d = digitValue(c);
    if (d >= base) return std::nullopt;
    auto digit = static_cast<std::uint64_t>(d);
    if (n > (std::numeric_limits<std::uint64_t>::max() - digit) / static_cast<std::uint64_t>(base)) {
      return std::nullopt;
    }
    n = n * static_cast<std::uint64_t>(base) + digit;
  }
  if (underscores && !underscoresWellPlaced(original)) return std::nullopt;
  return n;
}

// strconv.special: [+-]inf, [+-]infinity, nan (any case); the length it consumed.
std::optional<double> parseSpecialFloat(std::string_view s) {
  auto equalsIgnoreCase = [](std::string_view a, std::string_view b) {
    if (a.size() != b.size()) return false;
    for (std::size_t i = 0; i < a.size(); ++i) {
      if (lowerAscii(a[i]) != b[i]) return false;
    }
    return true;
  };
  if (equalsIgnoreCase(s, "nan")) return std::numeric_limits<double>::quiet_NaN();
  double sign = 1;
  if (!s.empty() && (s[0] == '+' || s[0] == '-')) {
    sign = s[0] == '-' ? -1 : 1;
    s.remove_prefix(1);
  }
  if (equalsIgnoreCase(s, "inf") || equalsIgnoreCase(s, "infinity")) {
    return sign * std::numeric_limits<double>::infinity();
  }
  return std::nullopt;
}

// Checks Go's float literal syntax (strconv.readFloat) over all of s and
// returns s without underscores, ready for strtod.
std::optional<std::string> cleanFloatLiteral(std::string_view s) {
  std::string clean;
  std::size_t i = 0;
  if (i < s.size() && (s[i] == '+' || s[i] == '-')) clean.push_back(s[i++]);
  bool hex = false;
  if (i + 2 < s.size() && s[i] == '0' && lowerAscii(s[i + 1]) == 'x') {
    hex = true;
    clean += "0x";
    i += 2;
  }
  bool underscores = false, sawDot = false, sawDigits = false;
  for (; i < s.size(); ++i) {
    char c = s[i];
    if (c == '_') {
      underscores = true;
      continue;
    }
    if (c == '.') {
      if (sawDot) break;
      sawDot = true;
    } else if ((c >= '0' && c <= '9') || (hex && digitValue(c) < 16)) {
      sawDigits = true;
    } else {
      break;
    }
    clean.push_back(c);
  }
  if (!sawDigits) return std::nullopt;
  char expChar = hex ? 'p' : 'e';
  if (i < s.size() && lowerAscii(s[i]) == expChar) {
    clean.push_back(expChar);
    if (++i < s.size() && (s[i] == '+' || s[i] == '-')) clean.push_back(s[i++]);
    if (i >= s.size() || s[i] < '0' || s[i] > '9') return std::nullopt;
    for (; i < s.size() && ((s[i] >= '0' && s[i] <= '9') || s[i] == '_'); ++i) {
      if (s[i] == '_') {
        underscores = true;
      } else {
        clean.push_back(s[i]);
      }
    }
  } else if (hex) {
    return std::nullopt;  // a hex float needs its p exponent
  }
  if (i != s.size()) return std::nullopt;
  if (underscores && !underscoresWellPlaced(s)) return std::nullopt;
  return clean;
}

}  // namespace

std::string quoteGo(std::string_view s) { return quoteWith(s, false); }

std::string quoteGoASCII(std::string_view s) { return quoteWith(s, true); }

std::string quoteRune(char32_t r, bool asciiOnly) {
  if (!isValidRune(r)) r = kRuneError;
  std::string out = "'";
  appendEscapedRune(out, r, '\'', asciiOnly);
  out.push_back('\'');
  return out;
}

bool canBackquote(std::string_view s) {
  while (!s.empty()) {
    DecodedRune d = decodeRune(s);
    s.remove_prefix(d.size);
    if (d.size > 1) {
      if (d.rune == 0xFEFF) return false;
      continue;
    }
    if (d.rune == kRuneError) return false;
    if ((d.rune < ' ' && d.rune != '\t') || d.rune == '`' || d.rune == 0x7F) return false;
  }
  return true;
}

std::optional<std::int64_t> parseGoInt(std::string_view s, int base) {
  if (s.empty()) return std::nullopt;
  bool negative = s[0] == '-';
  if (s[0] == '+' || s[0] == '-') s.remove_prefix(1);
  std::optional<std::uint64_t> magnitude = parseGoUint(s, base);
  if (!magnitude) return std::nullopt;
  constexpr std::uint64_t kCutoff = std::uint64_t{1} << 63;
  if (!negative && *magnitude >= kCutoff) return std::nullopt;
  if (negative && *magnitude > kCutoff) return std::nullopt;
  return negative ? static_cast<std::int64_t>(0 - *magnitude) : static_cast<std::int64_t>(*magnitude);
}

std::optional<double> parseGoFloat(std::string_view s) {
  if (auto special = parseSpecialFloat(s)) return special;
  std::optional<std::string> clean = cleanFloatLiteral(s);
  if (!clean) return std::nullopt;
  static const locale_t cLocale = newlocale(LC_NUMERIC_MASK, "C", static_cast<locale_t>(nullptr));
  double value = strtod_l(clean->c_str(), nullptr, cLocale);
  if (std::isinf(value)) return std::nullopt;  // out of range
  return value;
}

std::optional<bool> parseGoBool(std::string_view s) {
  if (s == "1" || s == "t" || s == "T" || s == "TRUE" || s == "true" || s == "True") return true;
  if (s == "0" || s == "f" || s == "F" || s == "FALSE" || s == "false" || s == "False") return false;
  return std::nullopt;
}

}  // namespace ho::tmpl
