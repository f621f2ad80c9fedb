// Go literal syntax: strconv.Unquote/UnquoteChar and strconv's base-0 integer
// and float parsing, combined the way parse.NumberNode combines them.
#include "templating/go_literals.h"

#if defined(__SSE2__)
#include <emmintrin.h>
#endif

#include <algorithm>
#include <bit>
#include <utility>

#include "core/go_utf8.h"
#include "templating/go_format.h"
#include "templating/go_strconv.h"
#include "templating/go_unicode.h"

namespace ho::tmpl {
namespace {

char lower(char c) { return static_cast<char>(c | 0x20); }

int hexDigit(char c) {
  if (c >= '0' && c <= '9') return c - '0';
  if (lower(c) >= 'a' && lower(c) <= 'f') return lower(c) - 'a' + 10;
  return -1;
}

struct UnquotedChar {
  int rune;
  bool multibyte;  // false for \x and octal escapes, which denote single bytes
};

// strconv.UnquoteChar: decodes the first (possibly escaped) character of s.
std::optional<UnquotedChar> unquoteChar(std::string_view& s, char quote) {
  if (s.empty()) return std::nullopt;
  char c = s[0];
  if (c == quote && (quote == '\'' || quote == '"')) return std::nullopt;
  if (static_cast<unsigned char>(c) >= 0x80) {
    unicode::DecodedRune decoded = unicode::decodeRune(s);
    s.remove_prefix(decoded.size);
    return UnquotedChar{static_cast<int>(decoded.rune), true};
  }
  if (c != '\\') {
    s.remove_prefix(1);
    return UnquotedChar{c, false};
  }
  if (s.size() <= 1) return std::nullopt;
  char escape = s[1];
  s.remove_prefix(2);
  switch (escape) {
    case 'a': return UnquotedChar{'\a', false};
    case 'b': return UnquotedChar{'\b', false};
    case 'f': return UnquotedChar{'\f', false};
    case 'n': return UnquotedChar{'\n', false};
    case 'r': return UnquotedChar{'\r', false};
    case 't': return UnquotedChar{'\t', false};
    case 'v': return UnquotedChar{'\v', false};
    case '\\': return UnquotedChar{'\\', false};
    case '\'':
    case '"':
      if (escape != quote) return std::nullopt;
      return UnquotedChar{escape, false};
    case 'x':
    case 'u':
    case 'U': {
      std::size_t n = escape == 'x' ? 2 : escape == 'u' ? 4 : 8;
      if (s.size() < n) return std::nullopt;
      int value = 0;
      for (std::size_t i = 0; i < n; ++i) {
        int d = hexDigit(s[i]);
        if (d < 0) return std::nullopt;
        value = (value << 4) | d;
      }
      s.remove_prefix(n);
      if (escape == 'x') return UnquotedChar{value, false};
      if (value < 0 || value > 0x10FFFF || (value >= 0xD800 && value <= 0xDFFF)) return std::nullopt;
      return UnquotedChar{value, true};
    }
    default:
      break;
  }
  if (escape >= '0' && escape <= '7') {
    if (s.size() < 2) return std::nullopt;
    int value = escape - '0';
    for (int i = 0; i < 2; ++i) {
      if (s[i] < '0' || s[i] > '7') return std::nullopt;
      value = (value << 3) | (s[i] - '0');
    }
    if (value > 255) return std::nullopt;
    s.remove_prefix(2);
    return UnquotedChar{value, false};
  }
  return std::nullopt;
}

// strconv's underscoreOK: underscores only between digits (or after a base prefix).
bool underscoreOK(std::string_view s) {
  char saw = '^';
  std::size_t i = 0;
  if (!s.empty() && (s[0] == '-' || s[0] == '+')) s.remove_prefix(1);
  bool hex = false;
  if (s.size() >= 2 && s[0] == '0' && (lower(s[1]) == 'b' || lower(s[1]) == 'o' || lower(s[1]) == 'x')) {
    i = 2;
    saw = '0';
    hex = lower(s[1]) == 'x';
  }
  for (; i < s.size(); ++i) {
    if ((s[i] >= '0' && s[i] <= '9') || (hex && lower(s[i]) >= 'a' && lower(s[i]) <= 'f')) {
      saw = '0';
      continue;
    }
    if (s[i] == '_') {
      if (saw != '0') return false;
      saw = '_';
      continue;
    }
    if (saw == '_') return false;
    saw = '!';
  }
  return saw != '_';
}

// strconv.ParseUint(s, 0, 64).
std::optional<std::uint64_t> parseUintBase0(std::string_view s) {
  std::string_view whole = s;
  if (s.empty()) return std::nullopt;
  int base = 10;
  if (s[0] == '0') {
    if (s.size() >= 3 && lower(s[1]) == 'b') {
      base = 2, s.remove_prefix(2);
    } else if (s.size() >= 3 && lower(s[1]) == 'o') {
      base = 8, s.remove_prefix(2);
    } else if (s.size() >= 3 && lower(s[1]) == 'x') {
      base = 16, s.remove_prefix(2);
    } else {
      base = 8, s.remove_prefix(1);
    }
  }
  std::uint64_t n = 0;
  bool underscores = false;
  for (char c : s) {
    if (c == '_') {
      underscores = true;
      continue;
    }
    int d = hexDigit(c);
    if (d < 0 || d >= base) return std::nullopt;
    if (n > (UINT64_MAX - static_cast<std::uint64_t>(d)) / static_cast<std::uint64_t>(base)) return std::nullopt;
    n = n * static_cast<std::uint64_t>(base) + static_cast<std::uint64_t>(d);
  }
  if (underscores && !underscoreOK(whole)) return std::nullopt;
  return n;
}

bool containsAny(std::string_view s, std::string_view chars) { return s.find_first_of(chars) != std::string_view::npos; }

}  // namespace

std::optional<std::string_view> unquotedInPlace(std::string_view literal) {
  if (literal.size() < 2 || literal.front() != literal.back()) return std::nullopt;
  const std::string_view body = literal.substr(1, literal.size() - 2);
  const char quote = literal.front();
  if (quote != '`' && quote != '"') return std::nullopt;
  if (quote == '`') {
    if (body.find_first_of("`\r") != std::string_view::npos) return std::nullopt;
  } else if (quotedLiteralStop(body, 0, '"') != body.size() || !utf8::isValidUtf8(body)) {
    return std::nullopt;
  }
  return body;
}

std::size_t quotedLiteralStop(std::string_view text, std::size_t at, char quote) {
#if defined(__SSE2__)
  // Sixteen bytes at a time: string literals average ~20 bytes.
  const __m128i quotes = _mm_set1_epi8(quote), backslashes = _mm_set1_epi8('\\'), newlines = _mm_set1_epi8('\n');
  for (; at + 16 <= text.size(); at += 16) {
    const __m128i chunk = _mm_loadu_si128(reinterpret_cast<const __m128i*>(text.data() + at));
    const __m128i stops = _mm_or_si128(_mm_or_si128(_mm_cmpeq_epi8(chunk, quotes), _mm_cmpeq_epi8(chunk, backslashes)),
                                       _mm_cmpeq_epi8(chunk, newlines));
    if (const auto found = static_cast<unsigned>(_mm_movemask_epi8(stops)); found != 0) {
      return at + static_cast<std::size_t>(std::countr_zero(found));
    }
  }
#endif
  while (at < text.size() && text[at] != quote && text[at] != '\\' && text[at] != '\n') ++at;
  return at;
}

std::optional<std::string> unquoteGoString(std::string_view literal) {
  if (auto body = unquotedInPlace(literal)) return std::string(*body);
  if (literal.size() < 2) return std::nullopt;
  char quote = literal.front();
  if (quote != literal.back()) return std::nullopt;
  std::string_view body = literal.substr(1, literal.size() - 2);
  if (quote == '`') {
    if (body.find('`') != std::string_view::npos) return std::nullopt;
    std::string out;
    out.reserve(body.size());
    for (char c : body) {
      if (c != '\r') out += c;
    }
    return out;
  }
  if (quote != '"' || body.find('\n') != std::string_view::npos) return std::nullopt;
  std::string out;
  out.reserve(body.size());
  while (!body.empty()) {
    auto ch = unquoteChar(body, '"');
    if (!ch) return std::nullopt;
    if (ch->rune < 0x80 || !ch->multibyte) {
      out += static_cast<char>(ch->rune);
    } else {
      unicode::appendRune(out, static_cast<char32_t>(ch->rune));
    }
  }
  return out;
}

namespace {

// The float64 reading of a constant, and the int/uint readings when exact.
void setFloat(NumberLiteral& n, double f) {
  n.isFloat = true;
  n.floatValue = f;
  if (f >= -9223372036854775808.0 && f < 9223372036854775808.0 &&
      static_cast<double>(static_cast<std::int64_t>(f)) == f) {
    n.isInt = true;
    n.intValue = static_cast<std::int64_t>(f);
  }
  if (f >= 0 && f < 18446744073709551616.0 && static_cast<double>(static_cast<std::uint64_t>(f)) == f) {
    n.isUint = true;
    n.uintValue = static_cast<std::uint64_t>(f);
  }
}

// A complex constant; like parse's simplifyComplex, one without an imaginary
// part also reads as a float (and an int/uint when exact).
void setComplex(NumberLiteral& n, double real, double imaginary) {
  n.isComplex = true;
  n.complexReal = real;
  n.complexImag = imaginary;
  if (imaginary == 0) setFloat(n, real);
}

// "1+2i" (a Complex token, as fmt.Sscan reads it) as its real and imaginary parts.
std::optional<std::pair<double, double>> splitComplex(std::string_view text) {
  if (text.size() < 3 || text.back() != 'i') return std::nullopt;
  for (std::size_t i = text.size() - 2; i > 0; --i) {
    if (text[i] != '+' && text[i] != '-') continue;
    const char before = text[i - 1];
    if (before == 'e' || before == 'E' || before == 'p' || before == 'P') continue;
    auto real = parseGoFloat(text.substr(0, i));
    auto imaginary = parseGoFloat(text.substr(i + 1, text.size() - i - 2));
    if (!real || !imaginary) return std::nullopt;
    return std::make_pair(*real, text[i] == '-' ? -*imaginary : *imaginary);
  }
  return std::nullopt;
}

}  // namespace

std::variant<NumberLiteral, std::string> parseNumberLiteral(std::string_view text, bool isCharConstant,
                                                            bool isComplexToken) {
  NumberLiteral n;
  if (isCharConstant) {
    std::string_view rest = text.substr(1);
    auto ch = unquoteChar(rest, '\'');
    if (!ch) return std::string("invalid syntax");
    if (rest != "'") return "malformed character constant: " + std::string(text);
    n.isInt = n.isUint = n.isFloat = true;
    n.intValue = ch->rune;
    n.uintValue = static_cast<std::uint64_t>(ch->rune);
    n.floatValue = ch->rune;
    return n;
  }
  if (isComplexToken) {
    auto parts = splitComplex(text);
    if (!parts) return "expected complex number: " + quoteGo(text);
    setComplex(n, parts->first, parts->second);
    return n;
  }
  if (!text.empty() && text.back() == 'i') {
    if (auto imaginary = parseGoFloat(text.substr(0, text.size() - 1))) {
      setComplex(n, 0, *imaginary);
      return n;
    }
  }
  if (auto u = parseUintBase0(text)) {
    n.isUint = true;
    n.uintValue = *u;
  }
  if (auto i = parseGoInt(text, 0)) {
    n.isInt = true;
    n.intValue = *i;
    if (*i == 0) {  // -0
      n.isUint = true;
      n.uintValue = 0;
    }
  }
  if (n.isInt) {
    n.isFloat = true;
    n.floatValue = static_cast<double>(n.intValue);
  } else if (n.isUint) {
    n.isFloat = true;
    n.floatValue = static_cast<double>(n.uintValue);
  } else if (auto f = parseGoFloat(text)) {
    if (!containsAny(text, ".eEpP")) return "integer overflow: " + quoteGo(text);
    setFloat(n, *f);
  }
  if (!n.isInt && !n.isUint && !n.isFloat) return "illegal number syntax: " + quoteGo(text);
  return n;
}

}  // namespace ho::tmpl
