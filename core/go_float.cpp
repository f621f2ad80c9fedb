// Float formatting with Go's layouts over std::to_chars' shortest digits.
#include "core/go_float.h"

#include <algorithm>
#include <charconv>
#include <cmath>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <cstring>

namespace ho {
namespace {

// A decimal 0.d1d2...dn × 10^dp with no trailing zeros in `digits` (Go's decimalSlice).
struct DecimalDigits {
  std::string digits;
  int dp = 0;
};

// The digits of |f|: the shortest that round-trip when `significant` < 0,
// otherwise correctly rounded to that many significant digits.
DecimalDigits decimalDigits(double f, int significant, int bitSize = 64) {
  char buf[64];
  auto result = significant >= 0
                    ? std::to_chars(buf, buf + sizeof buf, std::fabs(f), std::chars_format::scientific,
                                    significant - 1)
                : bitSize == 32
                    ? std::to_chars(buf, buf + sizeof buf, std::fabs(static_cast<float>(f)),
                                    std::chars_format::scientific)
                    : std::to_chars(buf, buf + sizeof buf, std::fabs(f), std::chars_format::scientific);
  std::string_view text(buf, static_cast<std::size_t>(result.ptr - buf));
  std::size_t e = text.find('e');
  DecimalDigits d;
  for (char c : text.substr(0, e)) {
    if (c != '.') d.digits.push_back(c);
  }
  int exponent = std::atoi(std::string(text.substr(e + 1)).c_str());
  while (!d.digits.empty() && d.digits.back() == '0') d.digits.pop_back();
  d.dp = d.digits.empty() ? 0 : exponent + 1;
  return d;
}

int digitCount(const DecimalDigits& d) { return static_cast<int>(d.digits.size()); }

// strconv's %e body: d.ddddde±dd with `prec` digits after the point.
std::string formatE(const DecimalDigits& d, int prec, char expChar) {
  std::string out(1, d.digits.empty() ? '0' : d.digits[0]);
  if (prec > 0) {
    out.push_back('.');
    for (int i = 1; i <= prec; ++i) out.push_back(i < digitCount(d) ? d.digits[i] : '0');
  }
  out.push_back(expChar);
  int exp = d.digits.empty() ? 0 : d.dp - 1;
  out.push_back(exp < 0 ? '-' : '+');
  exp = std::abs(exp);
  if (exp < 10) out.push_back('0');
  out += std::to_string(exp);
  return out;
}

// strconv's %f body: integer digits, then `prec` fraction digits.
std::string formatF(const DecimalDigits& d, int prec) {
  std::string out;
  if (d.dp > 0) {
    for (int i = 0; i < d.dp; ++i) out.push_back(i < digitCount(d) ? d.digits[i] : '0');
  } else {
    out.push_back('0');
  }
  if (prec > 0) {
    out.push_back('.');
    for (int i = 1; i <= prec; ++i) {
      int j = d.dp + i - 1;
      out.push_back(j >= 0 && j < digitCount(d) ? d.digits[j] : '0');
    }
  }
  return out;
}

std::string formatG(double f, int prec, char expChar, int bitSize) {
  bool shortest = prec < 0;
  if (prec == 0) prec = 1;
  DecimalDigits d = decimalDigits(f, shortest ? -1 : prec, bitSize);
  int eprec = prec;
  if (shortest) {
    prec = digitCount(d);
    eprec = 6;
  } else if (eprec > digitCount(d) && digitCount(d) >= d.dp) {
    eprec = digitCount(d);
  }
  int exp = d.dp - 1;
  if (exp < -4 || exp >= eprec) {
    if (prec > digitCount(d)) prec = digitCount(d);
    return formatE(d, prec - 1, expChar);
  }
  if (prec > d.dp) prec = digitCount(d);
  return formatF(d, std::max(prec - d.dp, 0));
}

// %b: mantissa "p" binary exponent, e.g. 4503599627370496p-52.
std::string formatBinaryExponent(double f) {
  std::uint64_t bits;
  std::memcpy(&bits, &f, sizeof bits);
  int exp = static_cast<int>((bits >> 52) & 0x7FF);
  std::uint64_t mant = bits & ((std::uint64_t{1} << 52) - 1);
  if (exp == 0) {
    exp++;
  } else {
    mant |= std::uint64_t{1} << 52;
  }
  exp += -1023 - 52;
  return std::to_string(mant) + "p" + (exp >= 0 ? "+" : "-") + std::to_string(std::abs(exp));
}

// %x: hexadecimal mantissa and binary exponent with at least two exponent digits.
std::string formatHex(double f, int prec, bool upper) {
  char buf[64];
  if (prec < 0) {
    std::snprintf(buf, sizeof buf, upper ? "%A" : "%a", std::fabs(f));
  } else {
    std::snprintf(buf, sizeof buf, upper ? "%.*A" : "%.*a", prec, std::fabs(f));
  }
  std::string out(buf);
  std::size_t p = out.find_first_of("pP");
  if (out.size() - p == 3) out.insert(p + 2, "0");
  return out;
}

std::string formatMagnitude(double f, char fmt, int prec, int bitSize) {
  switch (fmt) {
    case 'e':
    case 'E': {
      DecimalDigits d = decimalDigits(f, prec < 0 ? -1 : prec + 1);
      return formatE(d, prec < 0 ? std::max(digitCount(d) - 1, 0) : prec, fmt);
    }
    case 'f':
    case 'F': {
      if (prec < 0) {
        DecimalDigits d = decimalDigits(f, -1);
        return formatF(d, std::max(digitCount(d) - d.dp, 0));
      }
      std::string out(400 + static_cast<std::size_t>(prec), '\0');
      auto result = std::to_chars(out.data(), out.data() + out.size(), std::fabs(f),
                                  std::chars_format::fixed, prec);
      out.resize(static_cast<std::size_t>(result.ptr - out.data()));
      return out;
    }
    case 'g':
    case 'G': return formatG(f, prec, fmt == 'g' ? 'e' : 'E', bitSize);
    case 'b': return formatBinaryExponent(std::fabs(f));
    case 'x':
    case 'X': return formatHex(f, prec, fmt == 'X');
    default: return std::string("%") + fmt;
  }
}

}  // namespace

std::string formatGoFloat(double f, char fmt, int prec, int bitSize) {
  if (std::isnan(f)) return "NaN";
  if (std::isinf(f)) return f > 0 ? "+Inf" : "-Inf";
  std::string magnitude = formatMagnitude(f, fmt, prec, bitSize);
  return std::signbit(f) ? "-" + magnitude : magnitude;
}

std::string formatJsonFloat(double f) {
  double magnitude = std::fabs(f);
  if (magnitude == 0 || (magnitude >= 1e-6 && magnitude < 1e21)) return formatGoFloat(f, 'f', -1);
  std::string out = formatGoFloat(f, 'e', -1);
  // "1e-07" -> "1e-7", as encoding/json cleans strconv's two-digit exponent.
  std::size_t n = out.size();
  if (n >= 4 && out[n - 4] == 'e' && out[n - 3] == '-' && out[n - 2] == '0') out.erase(n - 2, 1);
  return out;
}

}  // namespace ho
