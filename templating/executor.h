// Executes parsed templates over Values with Go's text/template semantics:
// field and key lookup, pipelines, variables, control flow, function calls
// with Go's argument checking, and errors reading
// `template: NAME:LINE:COL: executing "NAME" at <NODE>: ...`.
#pragma once

#include <cstdint>
#include <memory>
#include <string>
#include <string_view>

#include "core/value.h"
#include "templating/function_table.h"
#include "templating/template_scope.h"

namespace ho::tmpl {

// text/template's "missingkey" option.
enum class MissingKey : std::uint8_t {
  Invalid,  // Go's default: a missing key is "no value" (prints <no value>)
  Zero,     // missingkey=zero, Helm's default: the map's zero value, a nil interface{}
  Error,    // missingkey=error, Helm's --strict: `map has no entry for key "x"`
};

struct ExecOptions {
  MissingKey missingKey = MissingKey::Invalid;
  // Go's maxExecDepth for nested {{template}} calls. Independently of it, an
  // execution that is about to exhaust the native stack fails with the same error.
  int maxTemplateDepth = 100000;
  // Bounds what one execution writes, so a hostile template fails with a clear
  // error instead of exhausting memory (Go and Helm have no such bound; no
  // real chart comes near it: a release must fit in a 1 MiB Secret).
  std::size_t maxOutputBytes = 256u * 1024 * 1024;
  // The name Go's root template has: what "no template %q associated with
  // template %q" names, and the name text run by executeText is parsed under
  // (Helm's engine calls its root "gotpl").
  std::string rootName = "gotpl";
};

struct ExecEnvironment {
  std::shared_ptr<const FunctionTable> functions;
  ExecOptions options;
};

// Runs `tree` with `data` as dot and $, appending its output to `out`. Throws
// ho::Failure carrying Go's complete error text. Functions it calls receive a
// CallContext whose executeTemplate/executeText run within `scope`.
void executeTree(const ExecEnvironment& env, const TemplateScope& scope, const Tree& tree, const Value& data,
                 std::string& out);
// Looks `name` up in `scope` and executes it like executeTree; an unknown name
// fails as Go's ExecuteTemplate does ("template: no template %q associated with template %q").
void executeNamed(const ExecEnvironment& env, const TemplateScope& scope, std::string_view name, const Value& data,
                  std::string& out);

}  // namespace ho::tmpl
