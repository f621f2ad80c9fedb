// Go literal syntax as text/template's parser reads it: strconv.Unquote for
// string and character constants, and the NumberNode rules that decide
// whether a numeric literal is usable as an int, a uint and/or a float64.
#pragma once

#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <variant>

namespace ho::tmpl {

// strconv.Unquote of a "..." or `...` literal; nullopt on invalid syntax.
std::optional<std::string> unquoteGoString(std::string_view literal);

// strconv.Unquote's trivial case: the literal's body when it is the value
// itself (no escapes, valid UTF-8; no carriage return in a raw string), so
// that it can be viewed where it stands; nullopt otherwise.
std::optional<std::string_view> unquotedInPlace(std::string_view literal);

// The offset of the first `quote`, backslash or newline in `text` at or after
// `at` (text.size() when none): what ends, escapes or breaks a quoted literal.
std::size_t quotedLiteralStop(std::string_view text, std::size_t at, char quote);

// A numeric constant as parse.NumberNode holds it.
struct NumberLiteral {
  bool isInt = false;
  bool isUint = false;
  bool isFloat = false;
  bool isComplex = false;
  std::int64_t intValue = 0;
  std::uint64_t uintValue = 0;
  double floatValue = 0;
  double complexReal = 0;  // when isComplex
  double complexImag = 0;
};

// Parses a Number, CharConstant or Complex ("1+2i") token's text; on failure
// returns Go's message (e.g. `integer overflow: "99999999999999999999"`,
// `illegal number syntax: "1e"`). Imaginary constants ("2i") are complex.
std::variant<NumberLiteral, std::string> parseNumberLiteral(std::string_view text, bool isCharConstant,
                                                            bool isComplexToken = false);

}  // namespace ho::tmpl
