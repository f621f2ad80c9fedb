// Small builders for the FunctionSpecs of Sprig's families: a parameter list
// plus a body over the already type-checked arguments, and the Go result
// types Sprig's functions return (string, []string, int, bool...).
#pragma once

#include <span>
#include <string>
#include <utility>
#include <vector>

#include "templating/function_table.h"

namespace ho::tmpl::sprig {

using Args = std::span<const Value>;
inline constexpr ParamType kString = ParamType::String;
inline constexpr ParamType kInt = ParamType::Int;
inline constexpr ParamType kAny = ParamType::Any;
inline constexpr ParamType kBool = ParamType::Bool;

// A function with fixed parameters; `body` takes the arguments.
template <class Body>
FunctionSpec fixed(std::vector<ParamType> params, Body body) {
  return FunctionSpec{std::move(params), std::nullopt, [body](CallContext&, Args args) { return body(args); }};
}

// A function whose last parameter is `...rest`.
template <class Body>
FunctionSpec variadic(std::vector<ParamType> params, ParamType rest, Body body) {
  return FunctionSpec{std::move(params), rest, [body](CallContext&, Args args) { return body(args); }};
}

inline Value goString(std::string s) { return Value::string(std::move(s)); }
inline Value goInt(std::int64_t i) { return Value::integer(i, GoType::Int); }
inline Value goBool(bool b) { return Value::boolean(b); }

inline Value goStringList(const std::vector<std::string>& items) {
  List list;
  list.reserve(items.size());
  for (const std::string& s : items) list.push_back(Value::string(s));
  return Value::list(std::move(list), GoType::StringList);
}

}  // namespace ho::tmpl::sprig
