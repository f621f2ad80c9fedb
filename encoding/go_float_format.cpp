// Shortest round-trip digits (std::to_chars) re-laid out the way Go's strconv does.
#include "encoding/go_float_format.h"

#include <charconv>
#include <cmath>
#include <cstdlib>

namespace ho::encoding {
namespace {

// A finite float as sign, significant digits and decimal point position:
// value = 0.DIGITS x 10^pointPos.
struct Decimal {
  bool negative = false;
  std::string digits;
  int pointPos = 0;
};

Decimal shortestDecimal(double f, bool asFloat32) {
  char buf[64];
  auto res = asFloat32 ? std::to_chars(buf, buf + sizeof buf, static_cast<float>(f),
                                       std::chars_format::scientific)
                       : std::to_chars(buf, buf + sizeof buf, f, std::chars_format::scientific);
  std::string_view text(buf, static_cast<size_t>(res.ptr - buf));
  Decimal d;
  if (!text.empty() && text[0] == '-') {
    d.negative = true;
    text.remove_prefix(1);
  }
  size_t e = text.find('e');
  for (char c : text.substr(0, e)) {
    if (c != '.') d.digits.push_back(c);
  }
  int exponent = std::atoi(std::string(text.substr(e + 1)).c_str());
  while (d.digits.size() > 1 && d.digits.back() == '0') d.digits.pop_back();
  if (d.digits == "0") {
    d.pointPos = 1;  // zero: Go prints "0"
  } else {
    d.pointPos = exponent + 1;
  }
  return d;
}

void appendExponentForm(std::string& out, const Decimal& d, bool twoDigitExponent) {
  out.push_back(d.digits[0]);
  if (d.digits.size() > 1) {
    out.push_back('.');
    out.append(d.digits, 1);
  }
  int exp = d.digits == "0" ? 0 : d.pointPos - 1;
  out.push_back('e');
  out.push_back(exp < 0 ? '-' : '+');
  int absExp = std::abs(exp);
  if (absExp < 10 && twoDigitExponent) out.push_back('0');
  out.append(std::to_string(absExp));
}

void appendFixedForm(std::string& out, const Decimal& d) {
  const int nd = static_cast<int>(d.digits.size());
  if (d.pointPos <= 0) {
    out.append("0.");
    out.append(static_cast<size_t>(-d.pointPos), '0');
    out.append(d.digits);
    return;
  }
  if (d.pointPos >= nd) {
    out.append(d.digits);
    out.append(static_cast<size_t>(d.pointPos - nd), '0');
    return;
  }
  out.append(d.digits, 0, static_cast<size_t>(d.pointPos));
  out.push_back('.');
  out.append(d.digits, static_cast<size_t>(d.pointPos));
}

}  // namespace

std::string formatFloatG(double f, bool asFloat32) {
  if (std::isnan(f)) return "NaN";
  if (std::isinf(f)) return f > 0 ? "+Inf" : "-Inf";
  Decimal d = shortestDecimal(f, asFloat32);
  std::string out;
  if (d.negative) out.push_back('-');
  int exp = d.pointPos - 1;
  if (d.digits != "0" && (exp < -4 || exp >= 6)) {  // Go uses precision 6 for the choice
    appendExponentForm(out, d, true);
    return out;
  }
  appendFixedForm(out, d);
  return out;
}

std::string formatFloatFixed(double f) {
  Decimal d = shortestDecimal(f, false);
  std::string out;
  if (d.negative) out.push_back('-');
  appendFixedForm(out, d);
  return out;
}

std::string formatFloatJson(double f) {
  Decimal d = shortestDecimal(f, false);
  std::string out;
  if (d.negative) out.push_back('-');
  double magnitude = std::fabs(f);
  if (magnitude != 0 && (magnitude < 1e-6 || magnitude >= 1e21)) {
    appendExponentForm(out, d, false);
  } else {
    appendFixedForm(out, d);
  }
  return out;
}

}  // namespace ho::encoding
