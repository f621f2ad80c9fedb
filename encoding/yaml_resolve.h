// go-yaml v2's YAML 1.1 resolution of plain (unquoted) scalars: which text is
// null, a bool, an int, a float or a timestamp. Used when parsing and when the
// emitter decides whether a string must be quoted.
#pragma once

#include <cstdint>
#include <string_view>

namespace ho::encoding {

enum class ScalarKind : std::uint8_t { String, Null, Bool, Int, Uint, Float, Timestamp };

struct ResolvedScalar {
  ScalarKind kind = ScalarKind::String;
  bool boolValue = false;
  std::int64_t intValue = 0;
  std::uint64_t uintValue = 0;
  double floatValue = 0;
};

// What go-yaml v2 makes of an untagged plain scalar: y/n/yes/no/on/off (any of
// three casings) are bools, ""/~/null are null, 0x1F/0o17/017/0b101/1_000 are
// ints, 1e3/.5 are floats, .inf/.nan are floats, 2001-12-14 is a timestamp.
ResolvedScalar resolvePlainScalar(std::string_view text);

// False when resolvePlainScalar(text) cannot be a NaN or an infinity (only
// .nan, .inf and their signed spellings are; numbers too large are strings).
bool mayBeNonFiniteFloat(std::string_view text);

// go-yaml quotes sexagesimal-looking strings ("1:20") on output.
bool isBase60Float(std::string_view text);

// Go's strconv.ParseInt(s, 0, 64) / ParseUint(s, 0, 64) (sign, 0x/0o/0b/0 prefixes).
bool parseGoInt(std::string_view text, std::int64_t& out);
bool parseGoUint(std::string_view text, std::uint64_t& out);

}  // namespace ho::encoding
