// Plain scalar resolution following go-yaml v2 (resolve.go) and Go's strconv.
#include "encoding/yaml_resolve.h"

#include <array>
#include <cerrno>
#include <cmath>
#include <cstdlib>
#include <limits>
#include <string>

#include "encoding/byte_set.h"

namespace ho::encoding {
namespace {

bool isDigit(char c) { return c >= '0' && c <= '9'; }

int digitValue(char c) {
  if (c >= '0' && c <= '9') return c - '0';
  if (c >= 'a' && c <= 'z') return c - 'a' + 10;
  if (c >= 'A' && c <= 'Z') return c - 'A' + 10;
  return 99;
}

// Unsigned magnitude with Go's base-0 prefixes; false on syntax error or overflow.
bool parseMagnitude(std::string_view s, std::uint64_t& out) {
  int base = 10;
  if (s.size() >= 2 && s[0] == '0') {
    char p = s[1];
    if (p == 'x' || p == 'X') base = 16, s.remove_prefix(2);
    else if (p == 'o' || p == 'O') base = 8, s.remove_prefix(2);
    else if (p == 'b' || p == 'B') base = 2, s.remove_prefix(2);
    else base = 8, s.remove_prefix(1);
  }
  if (s.empty()) return false;
  std::uint64_t value = 0;
  for (char c : s) {
    int d = digitValue(c);
    if (d >= base) return false;
    if (value > (std::numeric_limits<std::uint64_t>::max() - static_cast<unsigned>(d)) /
                    static_cast<unsigned>(base)) {
      return false;
    }
    value = value * static_cast<unsigned>(base) + static_cast<unsigned>(d);
  }
  out = value;
  return true;
}

// ^[-+]?(\.[0-9]+|[0-9]+(\.[0-9]*)?)([eE][-+]?[0-9]+)?$
bool isYamlStyleFloat(std::string_view s) {
  size_t i = 0;
  auto digitsFrom = [&](size_t& pos) {
    size_t start = pos;
    while (pos < s.size() && isDigit(s[pos])) ++pos;
    return pos - start;
  };
  if (i < s.size() && (s[i] == '+' || s[i] == '-')) ++i;
  if (i < s.size() && s[i] == '.') {
    ++i;
    if (digitsFrom(i) == 0) return false;
  } else {
    if (digitsFrom(i) == 0) return false;
    if (i < s.size() && s[i] == '.') {
      ++i;
      digitsFrom(i);
    }
  }
  if (i < s.size() && (s[i] == 'e' || s[i] == 'E')) {
    ++i;
    if (i < s.size() && (s[i] == '+' || s[i] == '-')) ++i;
    if (digitsFrom(i) == 0) return false;
  }
  return i == s.size();
}

// strconv.ParseFloat on decimal text already shaped like a float; false on range errors.
bool parseDecimalFloat(const std::string& s, double& out) {
  errno = 0;
  char* end = nullptr;
  double v = std::strtod(s.c_str(), &end);
  if (end != s.c_str() + s.size()) return false;
  if (errno == ERANGE && std::isinf(v)) return false;
  out = v;
  return true;
}

// N digits (between min and max) at s[pos], advancing pos.
bool readNumber(std::string_view s, size_t& pos, size_t minDigits, size_t maxDigits, int& value) {
  size_t start = pos;
  value = 0;
  while (pos < s.size() && isDigit(s[pos]) && pos - start < maxDigits) {
    value = value * 10 + (s[pos] - '0');
    ++pos;
  }
  return pos - start >= minDigits;
}

bool expect(std::string_view s, size_t& pos, char c) {
  if (pos < s.size() && s[pos] == c) {
    ++pos;
    return true;
  }
  return false;
}

int daysInMonth(int year, int month) {
  static constexpr std::array<int, 12> days = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
  bool leap = (year % 4 == 0 && year % 100 != 0) || year % 400 == 0;
  return month == 2 && leap ? 29 : days[static_cast<size_t>(month - 1)];
}

// go-yaml's timestamp layouts: 2006-1-2, "2006-1-2 15:4:5.999999999",
// and 2006-1-2T15:4:5.999999999Z07:00 (T or t).
bool isTimestamp(std::string_view s) {
  size_t pos = 0;
  int year, month, day;
  if (!readNumber(s, pos, 4, 4, year) || !expect(s, pos, '-')) return false;
  if (!readNumber(s, pos, 1, 2, month) || !expect(s, pos, '-')) return false;
  if (!readNumber(s, pos, 1, 2, day)) return false;
  if (month < 1 || month > 12 || day < 1 || day > daysInMonth(year, month)) return false;
  if (pos == s.size()) return true;
  char sep = s[pos++];
  if (sep != 'T' && sep != 't' && sep != ' ') return false;
  int hour, minute, second;
  if (!readNumber(s, pos, 1, 2, hour) || !expect(s, pos, ':')) return false;
  if (!readNumber(s, pos, 1, 2, minute) || !expect(s, pos, ':')) return false;
  if (!readNumber(s, pos, 1, 2, second)) return false;
  if (hour > 23 || minute > 59 || second > 59) return false;
  if (pos < s.size() && s[pos] == '.') {
    ++pos;
    int ignored;
    if (!readNumber(s, pos, 1, 9, ignored)) return false;
  }
  if (sep == ' ') return pos == s.size();
  if (expect(s, pos, 'Z')) return pos == s.size();
  if (pos >= s.size() || (s[pos] != '+' && s[pos] != '-')) return false;
  ++pos;
  int zoneHour, zoneMinute;
  if (!readNumber(s, pos, 2, 2, zoneHour) || !expect(s, pos, ':')) return false;
  if (!readNumber(s, pos, 2, 2, zoneMinute)) return false;
  return pos == s.size() && zoneHour < 24 && zoneMinute < 60;
}

// The longest of fromMap's words ("false", "+.inf").
constexpr std::size_t kLongestWord = 5;

ResolvedScalar fromMap(std::string_view s, bool& found) {
  found = true;
  ResolvedScalar r;
  auto anyOf = [&](std::initializer_list<std::string_view> words) {
    for (std::string_view w : words) {
      if (s == w) return true;
    }
    return false;
  };
  if (anyOf({"y", "Y", "yes", "Yes", "YES", "true", "True", "TRUE", "on", "On", "ON"})) {
    r.kind = ScalarKind::Bool;
    r.boolValue = true;
  } else if (anyOf({"n", "N", "no", "No", "NO", "false", "False", "FALSE", "off", "Off", "OFF"})) {
    r.kind = ScalarKind::Bool;
  } else if (anyOf({"", "~", "null", "Null", "NULL"})) {
    r.kind = ScalarKind::Null;
  } else if (anyOf({".nan", ".NaN", ".NAN"})) {
    r.kind = ScalarKind::Float;
    r.floatValue = std::numeric_limits<double>::quiet_NaN();
  } else if (anyOf({".inf", ".Inf", ".INF", "+.inf", "+.Inf", "+.INF"})) {
    r.kind = ScalarKind::Float;
    r.floatValue = std::numeric_limits<double>::infinity();
  } else if (anyOf({"-.inf", "-.Inf", "-.INF"})) {
    r.kind = ScalarKind::Float;
    r.floatValue = -std::numeric_limits<double>::infinity();
  } else {
    found = false;
  }
  return r;
}

ResolvedScalar resolveNumber(std::string_view text) {
  ResolvedScalar r;
  if (isTimestamp(text)) {
    r.kind = ScalarKind::Timestamp;
    return r;
  }
  std::string plain;
  plain.reserve(text.size());
  for (char c : text) {
    if (c != '_') plain.push_back(c);
  }
  if (parseGoInt(plain, r.intValue)) {
    r.kind = ScalarKind::Int;
    return r;
  }
  if (parseGoUint(plain, r.uintValue)) {
    r.kind = ScalarKind::Uint;
    return r;
  }
  if (isYamlStyleFloat(plain) && parseDecimalFloat(plain, r.floatValue)) {
    r.kind = ScalarKind::Float;
    return r;
  }
  std::string_view digits = plain;
  bool negative = false;
  if (digits.starts_with("-0b")) {
    negative = true;
    digits.remove_prefix(3);
  } else if (digits.starts_with("0b")) {
    digits.remove_prefix(2);
  } else {
    return r;
  }
  std::uint64_t magnitude = 0;
  if (digits.empty() || digits[0] == '+' || digits[0] == '-' ||
      !parseMagnitude("0b" + std::string(digits), magnitude)) {
    return r;
  }
  if (negative) {
    if (magnitude > static_cast<std::uint64_t>(std::numeric_limits<std::int64_t>::max()) + 1) return r;
    r.kind = ScalarKind::Int;
    r.intValue = static_cast<std::int64_t>(0 - magnitude);
  } else if (magnitude <= static_cast<std::uint64_t>(std::numeric_limits<std::int64_t>::max())) {
    r.kind = ScalarKind::Int;
    r.intValue = static_cast<std::int64_t>(magnitude);
  } else {
    r.kind = ScalarKind::Uint;
    r.uintValue = magnitude;
  }
  return r;
}

}  // namespace

bool parseGoUint(std::string_view text, std::uint64_t& out) {
  if (text.empty() || text[0] == '+' || text[0] == '-') return false;
  return parseMagnitude(text, out);
}

bool parseGoInt(std::string_view text, std::int64_t& out) {
  bool negative = false;
  if (!text.empty() && (text[0] == '+' || text[0] == '-')) {
    negative = text[0] == '-';
    text.remove_prefix(1);
  }
  std::uint64_t magnitude = 0;
  if (!parseGoUint(text, magnitude)) return false;
  constexpr auto maxPositive = static_cast<std::uint64_t>(std::numeric_limits<std::int64_t>::max());
  if (negative) {
    if (magnitude > maxPositive + 1) return false;
    out = static_cast<std::int64_t>(0 - magnitude);
  } else {
    if (magnitude > maxPositive) return false;
    out = static_cast<std::int64_t>(magnitude);
  }
  return true;
}

ResolvedScalar resolvePlainScalar(std::string_view text) {
  // The first characters of every non-string resolution (numbers, bools,
  // nulls, infinities, NaN); most strings stop here.
  static constexpr auto kHints = byteSet("+-.0123456789yYnNtTfFoO~");
  char first = text.empty() ? 'N' : text[0];
  if (!kHints[static_cast<unsigned char>(first)]) return {};
  bool found = false;
  ResolvedScalar r = text.size() <= kLongestWord ? fromMap(text, found) : ResolvedScalar{};
  if (found) return r;
  if (first == '.') {
    // strconv.ParseFloat without underscore removal.
    if (isYamlStyleFloat(text) && parseDecimalFloat(std::string(text), r.floatValue)) {
      r.kind = ScalarKind::Float;
    }
    return r;
  }
  if (first == '+' || first == '-' || isDigit(first)) return resolveNumber(text);
  return r;
}

bool mayBeNonFiniteFloat(std::string_view text) {
  return !text.empty() && (text[0] == '.' || text[0] == '+' || text[0] == '-');
}

bool isBase60Float(std::string_view s) {
  if (s.empty()) return false;
  char c = s[0];
  if (!(c == '+' || c == '-' || isDigit(c)) || s.find(':') == std::string_view::npos) return false;
  // ^[-+]?[0-9][0-9_]*(?::[0-5]?[0-9])+(?:\.[0-9_]*)?$
  size_t i = (c == '+' || c == '-') ? 1 : 0;
  if (i >= s.size() || !isDigit(s[i])) return false;
  ++i;
  while (i < s.size() && (isDigit(s[i]) || s[i] == '_')) ++i;
  size_t groups = 0;
  while (i < s.size() && s[i] == ':') {
    ++i;
    size_t start = i;
    while (i < s.size() && isDigit(s[i]) && i - start < 2) ++i;
    size_t n = i - start;
    if (n == 0) return false;
    if (n == 2 && s[start] > '5') return false;
    ++groups;
  }
  if (groups == 0) return false;
  if (i < s.size() && s[i] == '.') {
    ++i;
    while (i < s.size() && (isDigit(s[i]) || s[i] == '_')) ++i;
  }
  return i == s.size();
}

}  // namespace ho::encoding
