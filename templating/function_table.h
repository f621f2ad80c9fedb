// The template function table: every function a template can call (Go's
// builtins, Sprig, Helm) is one entry naming its Go parameter types, so the
// executor can check and convert arguments exactly as Go's reflect-based
// call does ("wrong type for value; expected string; got int64").
#pragma once

#include <functional>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "core/error.h"
#include "core/string_hash.h"
#include "core/value.h"

namespace ho::tmpl {

// A Go parameter type. Any is interface{}; the others accept only values of
// exactly that Go type (and untyped constants that convert to it).
enum class ParamType : std::uint8_t {
  Any,         // interface{}
  String,      // string
  Int,         // int
  Int64,       // int64
  Float64,     // float64
  Bool,        // bool
  List,        // []interface{}
  StringList,  // []string
  Map,         // map[string]interface{}
  Time,        // time.Time (a struct: a missing value is "invalid value; expected time.Time")
};

// executeText's failure to parse the text (Helm's tpl words it differently
// from a failure to execute it).
class TextParseFailure : public Failure {
 public:
  using Failure::Failure;
};

// What a function may ask of the running template (Helm's include and tpl).
class CallContext {
 public:
  virtual ~CallContext() = default;
  // Executes the named template with `data` and returns its output.
  virtual std::string executeTemplate(std::string_view name, const Value& data) = 0;
  // Parses `text` as a new template of the running set and executes it with `data`.
  virtual std::string executeText(std::string_view text, const Value& data) = 0;
};

// A function body. Arguments arrive already checked against the spec's
// parameter types. Failures are thrown as ho::Failure with the function's own
// message; the executor adds "error calling NAME: " and the template position.
using FunctionImpl = std::function<Value(CallContext&, std::span<const Value> args)>;

struct FunctionSpec {
  std::vector<ParamType> params;       // the fixed parameters
  std::optional<ParamType> variadic;   // the type of `...rest`, if any
  FunctionImpl impl;
};

class FunctionTable {
 public:
  // Room for Helm's table (Go's builtins, Sprig's and Helm's ~220 functions)
  // without rehashing it eight times as it fills.
  FunctionTable() { functions_.reserve(256); }

  // Adds `name`, replacing an earlier function of that name.
  void add(std::string name, FunctionSpec spec) { functions_.insert_or_assign(std::move(name), std::move(spec)); }
  const FunctionSpec* find(std::string_view name) const {
    auto it = functions_.find(name);
    return it == functions_.end() ? nullptr : &it->second;
  }
  bool contains(std::string_view name) const { return find(name) != nullptr; }

 private:
  std::unordered_map<std::string, FunctionSpec, StringHash, std::equal_to<>> functions_;
};

}  // namespace ho::tmpl
