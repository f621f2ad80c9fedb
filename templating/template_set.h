// A set of named templates sharing one function table, as Helm builds from a
// chart: parse each file once (its defines become templates of the set), then
// execute any of them, any number of times, from any thread.
#pragma once

#include <memory>
#include <string>
#include <string_view>
#include <unordered_map>

#include "core/error.h"
#include "core/value.h"
#include "templating/executor.h"
#include "templating/function_table.h"
#include "templating/parser.h"
#include "templating/template_scope.h"

namespace ho::tmpl {

class TemplateSet {
 public:
  explicit TemplateSet(std::shared_ptr<const FunctionTable> functions);

  // Parses `source` as the template `name` and adds it and its defines to the
  // set, which shares the text (parse trees view it) and keeps the nodes of
  // all its parses in one arena. Later definitions replace earlier ones,
  // except that an empty body never replaces an existing template
  // (text/template's AddParseTree). A text the set parsed before under
  // another name (a library chart vendored by several subcharts repeats its
  // files byte for byte) is not parsed again: its trees are shared under the
  // new name. Not to be called while executing.
  Result<void> parse(std::string_view name, SharedText source);

  // Executes the named template with `data` as dot. Const and re-entrant.
  Result<std::string> execute(std::string_view name, const Value& data) const;
  // Appends the output to `out` instead (output written before an error stays).
  Result<void> executeInto(std::string_view name, const Value& data, std::string& out) const;

  bool has(std::string_view name) const { return scope_.find(name) != nullptr; }

  void setMissingKey(MissingKey mode) { env_.options.missingKey = mode; }
  // missingkey=error when on; Go's default otherwise.
  void setMissingKeyError(bool on) { setMissingKey(on ? MissingKey::Error : MissingKey::Invalid); }
  void setMaxTemplateDepth(int depth) { env_.options.maxTemplateDepth = depth; }
  void setMaxOutputBytes(std::size_t bytes) { env_.options.maxOutputBytes = bytes; }
  // The root template's name (see ExecOptions::rootName); "gotpl" by default, as in Helm.
  void setRootName(std::string name) { env_.options.rootName = std::move(name); }

 private:
  // The earlier successful parse of exactly `text` whose trees can stand for
  // parsing it as `name`, if any.
  const ParsedTrees* earlierParse(std::string_view text, std::string_view name) const;

  std::shared_ptr<NodeArena> arena_;
  std::unordered_multimap<std::size_t, ParsedTrees> parsedTexts_;  // by text size
  ExecEnvironment env_;
  TemplateScope scope_;
};

}  // namespace ho::tmpl
