// Go's fmt package over Values: Sprint, Sprintln, Sprintf with every verb,
// flag, width and precision, and %v formatting of maps ("map[a:1 b:2]"),
// lists ("[a b]"), nil ("<nil>") and floats ("1e+06") exactly as Go prints them.
#pragma once

#include <span>
#include <string>
#include <string_view>

#include "core/value.h"

namespace ho::tmpl {

// fmt.Sprint(v): %v of one value.
std::string formatValue(const Value& v);
// fmt.Sprint(args...): operands joined, with a space between two operands when neither is a string.
std::string sprint(std::span<const Value> args);
// fmt.Sprintln(args...): operands always separated by spaces, then a newline.
std::string sprintln(std::span<const Value> args);
// fmt.Sprintf(format, args...), including Go's %!verb(type=value) error forms.
std::string sprintf(std::string_view format, std::span<const Value> args);
// strconv.Quote(s): Go double-quoted string literal.
std::string quoteGo(std::string_view s);

}  // namespace ho::tmpl
