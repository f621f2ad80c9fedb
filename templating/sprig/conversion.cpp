// Sprig conversions: atoi wraps strconv.Atoi (errors ignored, so a range
// error keeps Go's clamped value), the rest go through spf13/cast.
#include "templating/sprig/conversion.h"

#include <algorithm>
#include <limits>

#include "templating/go_cast.h"
#include "templating/go_format.h"
#include "templating/go_strconv.h"
#include "templating/sprig/spec_builders.h"

namespace ho::tmpl {

namespace {

using namespace sprig;  // NOLINT(google-build-using-namespace)

// strconv.Atoi's value with its error dropped: 0 on bad syntax, the int64
// limit on overflow.
std::int64_t atoiIgnoringErrors(std::string_view s) {
  if (auto parsed = parseGoInt(s, 10)) return *parsed;
  bool negative = !s.empty() && s[0] == '-';
  std::string_view digits = (!s.empty() && (s[0] == '-' || s[0] == '+')) ? s.substr(1) : s;
  bool wellFormed = !digits.empty() && std::all_of(digits.begin(), digits.end(), [](char c) { return c >= '0' && c <= '9'; });
  if (!wellFormed) return 0;
  return negative ? std::numeric_limits<std::int64_t>::min() : std::numeric_limits<std::int64_t>::max();
}

}  // namespace

void registerConversionFunctions(FunctionTable& table) {
  table.add("atoi", fixed({kString}, [](Args a) { return goInt(atoiIgnoringErrors(a[0].asString())); }));
  table.add("int", fixed({kAny}, [](Args a) { return goInt(castToInt64(a[0])); }));
  table.add("int64", fixed({kAny}, [](Args a) { return Value::integer(castToInt64(a[0]), GoType::Int64); }));
  table.add("float64", fixed({kAny}, [](Args a) { return Value::floating(castToFloat64(a[0])); }));
  table.add("toDecimal", fixed({kAny}, [](Args a) {
    return Value::integer(parseGoInt(formatValue(a[0]), 8).value_or(0), GoType::Int64);
  }));
  table.add("toString", fixed({kAny}, [](Args a) { return goString(castToString(a[0])); }));
  table.add("toStrings", fixed({kAny}, [](Args a) { return goStringList(castToStrings(a[0])); }));
}

}  // namespace ho::tmpl
