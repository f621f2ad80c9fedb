// Helpers for the template engine tests: build Values tersely, render a
// template text with a small function table, and get its output or error.
#pragma once

#include <initializer_list>
#include <memory>
#include <string>
#include <string_view>
#include <utility>

#include "core/error.h"
#include "core/value.h"
#include "templating/function_table.h"
#include "templating/template_set.h"

namespace ho::tmpl::testing {

inline Value str(std::string s) { return Value::string(std::move(s)); }
inline Value num(double f) { return Value::floating(f); }  // numbers as YAML values arrive
inline Value integer(std::int64_t i) { return Value::integer(i, GoType::Int); }
inline Value list(std::initializer_list<Value> items) { return Value::list(List(items)); }
inline Value map(std::initializer_list<std::pair<const std::string, Value>> entries) {
  return Value::map(Map(entries));
}

// A few functions shaped like Sprig's and Helm's, for exercising calls.
std::shared_ptr<const FunctionTable> testFunctions();

struct Rendered {
  bool ok;
  std::string text;  // the output, or the error message
};

Rendered renderWith(const TemplateSet& set, std::string_view name, const Value& data);
// Parses `text` as template "t" (Go's test name) and executes it.
Rendered render(std::string_view text, const Value& data = Value(), MissingKey mode = MissingKey::Invalid);

// The output, or "ERROR: <message>" so one EXPECT_EQ checks either.
inline std::string out(std::string_view text, const Value& data = Value(), MissingKey mode = MissingKey::Invalid) {
  Rendered r = render(text, data, mode);
  return r.ok ? r.text : "ERROR: " + r.text;
}
inline std::string err(std::string_view text, const Value& data = Value(), MissingKey mode = MissingKey::Invalid) {
  Rendered r = render(text, data, mode);
  return r.ok ? "OK: " + r.text : r.text;
}

}  // namespace ho::tmpl::testing
