// Go's text/template builtin functions (and, or, not, len, index, slice, eq,
// ne, lt, le, gt, ge, print, printf, println, html, js, urlquery, call) over
// Reflected values, with Go's arities and error messages.
#pragma once

#include <span>
#include <string_view>

#include "templating/reflected.h"

namespace ho::tmpl {

// How a builtin takes its arguments, mirroring its Go signature.
enum class BuiltinArgs : std::uint8_t {
  Reflect,      // reflect.Value parameters: values arrive as they are, nil or missing included
  Interface,    // interface{} parameters: missing values arrive as nil
  FormatFirst,  // printf: a string, then interface{} values
};

struct Builtin {
  std::string_view name;
  int fixedParams;   // Go's fixed parameter count
  bool variadic;     // whether more may follow
  BuiltinArgs args;
  // Throws ho::Failure with the message Go's function returns as its error.
  Reflected (*impl)(std::span<const Reflected> args);
};

// Index of the builtin named `name`, or -1.
int findBuiltin(std::string_view name);
const Builtin& builtinAt(int index);

// Go's truth(): the truthiness of a value (nil and missing are false).
bool isTrue(const Reflected& v);

}  // namespace ho::tmpl
