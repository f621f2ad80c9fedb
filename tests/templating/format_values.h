// Shorthands for building Go values in the fmt and cast tests, typed the way
// template constants and sprig functions type them (int, float64, string...).
#pragma once

#include <string>
#include <utility>
#include <vector>

#include "core/value.h"

namespace ho::tmpl::testing {

inline Value I(std::int64_t i) { return Value::integer(i, GoType::Int); }
inline Value F(double f) { return Value::floating(f); }
inline Value S(std::string s) { return Value::string(std::move(s)); }
inline Value B(bool b) { return Value::boolean(b); }
inline Value N() { return Value::nil(); }
inline Value L(List items) { return Value::list(std::move(items)); }
inline Value M(Map entries) { return Value::map(std::move(entries)); }

}  // namespace ho::tmpl::testing
