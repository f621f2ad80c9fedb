// Numbers and canonical JSON as gojsonschema compares them (see schema_number.h).
#include "chart/schema_number.h"

#include <cmath>
#include <cstdlib>

#include "core/go_float.h"
#include "encoding/go_json.h"

namespace ho::chart {
namespace {

// A decimal number as mantissa digits (no leading or trailing zeros; empty for
// zero) times 10^exponent. The sign does not matter for divisibility.
struct Decimal {
  std::string digits;
  long exponent = 0;
};

Decimal parseDecimal(std::string_view text) {
  Decimal d;
  size_t i = 0;
  if (i < text.size() && (text[i] == '-' || text[i] == '+')) ++i;
  bool afterPoint = false;
  for (; i < text.size() && text[i] != 'e' && text[i] != 'E'; ++i) {
    if (text[i] == '.') {
      afterPoint = true;
      continue;
    }
    if (!d.digits.empty() || text[i] != '0') d.digits.push_back(text[i]);
    if (afterPoint) --d.exponent;
  }
  if (i < text.size()) d.exponent += std::strtol(std::string(text.substr(i + 1)).c_str(), nullptr, 10);
  while (!d.digits.empty() && d.digits.back() == '0') {
    d.digits.pop_back();
    ++d.exponent;
  }
  return d;
}

}  // namespace

std::string jsonNumberText(const Value& number) {
  if (number.isInt()) return std::to_string(number.asInt());
  if (number.isUint()) return std::to_string(number.asUint());
  return formatJsonFloat(number.asFloat());
}

double numberAsDouble(const Value& number) {
  if (number.isInt()) return static_cast<double>(number.asInt());
  if (number.isUint()) return static_cast<double>(number.asUint());
  return number.asFloat();
}

bool isIntegralNumber(const Value& number) {
  if (!number.isFloat()) return true;
  double f = number.asFloat();
  return std::isfinite(f) && std::floor(f) == f;
}

bool isMultipleOf(std::string_view valueText, std::string_view divisorText) {
  Decimal value = parseDecimal(valueText);
  Decimal divisor = parseDecimal(divisorText);
  if (value.digits.empty()) return true;
  if (divisor.digits.empty()) return false;
  // value/divisor = (V/D) * 10^(ev-ed). V has no factor 10, so when ev < ed the
  // divisor D*10^(ed-ev) cannot divide it.
  if (value.exponent < divisor.exponent) return false;
  if (divisor.digits.size() > 36) {  // beyond 128-bit remainders: float64 is all Go had anyway
    double q = std::strtod(std::string(valueText).c_str(), nullptr) /
               std::strtod(std::string(divisorText).c_str(), nullptr);
    return std::floor(q) == q;
  }
  unsigned __int128 modulus = 0;
  for (char c : divisor.digits) modulus = modulus * 10 + static_cast<unsigned>(c - '0');
  unsigned __int128 remainder = 0;
  for (char c : value.digits) remainder = (remainder * 10 + static_cast<unsigned>(c - '0')) % modulus;
  for (long zeros = value.exponent - divisor.exponent; zeros > 0 && remainder != 0; --zeros) {
    remainder = (remainder * 10) % modulus;
  }
  return remainder == 0;
}

std::string formatSchemaNumber(double value) { return formatGoFloat(value, 'g', -1); }

namespace {

Value numbersAsFloats(const Value& v) {
  if (v.isInt() || v.isUint()) return Value::floating(numberAsDouble(v));
  if (v.isList()) {
    List items;
    items.reserve(v.asList().size());
    for (const Value& item : v.asList()) items.push_back(numbersAsFloats(item));
    return Value::list(std::move(items));
  }
  if (v.isMap()) {
    Map entries;
    for (const auto& [key, item] : v.asMap()) entries.emplace(key, numbersAsFloats(item));
    return Value::map(std::move(entries));
  }
  return v;
}

}  // namespace

std::string canonicalJson(const Value& value) {
  Result<std::string> text = encoding::toJson(numbersAsFloats(value));
  return text ? *text : "null";
}

}  // namespace ho::chart
