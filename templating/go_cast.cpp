// spf13/cast v1.7 conversions and Sprig's strval/strslice over Values.
#include "templating/go_cast.h"

#include <cmath>
#include <limits>
#include <string_view>

#include "templating/go_format.h"
#include "templating/go_strconv.h"

namespace ho::tmpl {

namespace {

// Go's int64(f) on amd64: truncation, and the "integer indefinite" value
// (math.MinInt64) for NaN and anything out of range.
std::int64_t truncateFloat(double f) {
  constexpr double kLimit = 9223372036854775808.0;  // 2^63
  if (std::isnan(f) || f >= kLimit || f < -kLimit) return std::numeric_limits<std::int64_t>::min();
  return static_cast<std::int64_t>(f);
}

// cast's trimZeroDecimal: "12.000" -> "12"; anything else unchanged.
std::string_view trimZeroDecimal(std::string_view s) {
  bool foundZero = false;
  for (std::size_t i = s.size(); i > 0; --i) {
    char c = s[i - 1];
    if (c == '.') {
      if (foundZero) return s.substr(0, i - 1);
    } else if (c == '0') {
      foundZero = true;
    } else {
      return s;
    }
  }
  return s;
}

std::string bytesToString(const Value& v) {
  std::string out;
  for (const Value& b : v.asList()) {
    out.push_back(static_cast<char>(b.isUint() ? b.asUint() : static_cast<std::uint64_t>(b.asInt())));
  }
  return out;
}

}  // namespace

std::int64_t castToInt64(const Value& v) {
  switch (v.kind()) {
    case Kind::Bool: return v.asBool() ? 1 : 0;
    case Kind::Int: return v.asInt();
    case Kind::Uint: return static_cast<std::int64_t>(v.asUint());
    case Kind::Float: return truncateFloat(v.asFloat());
    case Kind::String: return parseGoInt(trimZeroDecimal(v.asString()), 0).value_or(0);
    default: return 0;  // nil, and the types cast refuses
  }
}

// Go's int is 64 bits wide; callers that need the full range use castToInt64.
int castToInt(const Value& v) { return static_cast<int>(castToInt64(v)); }

double castToFloat64(const Value& v) {
  switch (v.kind()) {
    case Kind::Bool: return v.asBool() ? 1 : 0;
    case Kind::Int: return static_cast<double>(v.asInt());
    case Kind::Uint: return static_cast<double>(v.asUint());
    case Kind::Float: return v.asFloat();
    case Kind::String: return parseGoFloat(v.asString()).value_or(0);
    default: return 0;
  }
}

std::string castToString(const Value& v) {
  if (v.isString()) return v.asString();
  if (v.isList() && v.goType() == GoType::Bytes) return bytesToString(v);
  if (v.isObject()) return v.asObject().format();
  return formatValue(v);
}

std::vector<std::string> castToStrings(const Value& v) {
  if (v.isNil()) return {};
  if (!v.isList()) return {castToString(v)};
  std::vector<std::string> out;
  out.reserve(v.asList().size());
  for (const Value& item : v.asList()) {
    if (!item.isNil()) out.push_back(castToString(item));
  }
  return out;
}

bool castToBool(const Value& v) {
  switch (v.kind()) {
    case Kind::Bool: return v.asBool();
    case Kind::Int: return v.asInt() != 0;
    case Kind::Uint: return v.asUint() != 0;
    case Kind::Float: return v.asFloat() != 0;
    case Kind::String: return parseGoBool(v.asString()).value_or(false);
    default: return false;
  }
}

}  // namespace ho::tmpl
