// The spf13/cast conversions Sprig applies to interface{} arguments
// (toInt64, toFloat64, toString, toStrings...), with Go's rules for nil,
// bools, numeric strings and overflow.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "core/value.h"

namespace ho::tmpl {

std::int64_t castToInt64(const Value& v);   // cast.ToInt64: "12" -> 12, 1.9 -> 1, true -> 1, bad -> 0
int castToInt(const Value& v);              // cast.ToInt
double castToFloat64(const Value& v);       // cast.ToFloat64
std::string castToString(const Value& v);   // sprig strval: strings as is, else fmt %v
std::vector<std::string> castToStrings(const Value& v);  // sprig strslice
bool castToBool(const Value& v);            // cast.ToBool

}  // namespace ho::tmpl
