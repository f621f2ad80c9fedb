// Test helpers for calling one registered function the way the template
// executor does (arguments already of their Go types) and building Values.
#pragma once

#include <gtest/gtest.h>

#include <string>
#include <utility>
#include <vector>

#include "core/error.h"
#include "templating/function_table.h"

namespace ho::tmpl::testing {

class NoTemplates final : public CallContext {
 public:
  std::string executeTemplate(std::string_view, const Value&) override { throw Failure("no templates"); }
  std::string executeText(std::string_view, const Value&) override { throw Failure("no templates"); }
};

inline Value callFunction(const FunctionTable& table, const std::string& name, std::vector<Value> args) {
  const FunctionSpec* spec = table.find(name);
  if (spec == nullptr) throw std::logic_error("no function " + name);
  NoTemplates context;
  return spec->impl(context, args);
}

// The message a call fails with, or "" when it succeeds.
inline std::string callFailure(const FunctionTable& table, const std::string& name, std::vector<Value> args) {
  try {
    callFunction(table, name, std::move(args));
  } catch (const Failure& failure) {
    return failure.what();
  }
  return "";
}

// Template literals: 1 is an int, "a" a string; list/dict build []interface{} and maps.
inline Value goInt(std::int64_t n) { return Value::integer(n, GoType::Int); }
inline Value goStr(std::string s) { return Value::string(std::move(s)); }
inline Value goFloat(double f) { return Value::floating(f); }
inline Value goList(List items) { return Value::list(std::move(items)); }
inline Value goStrings(std::vector<std::string> items) {
  List values;
  for (auto& s : items) values.push_back(Value::string(std::move(s)));
  return Value::list(std::move(values), GoType::StringList);
}
inline Value goDict(Map entries) { return Value::map(std::move(entries)); }

}  // namespace ho::tmpl::testing
