// The plain forms panic on a bad pattern (regexp.MustCompile's text), the
// must* forms return Go's compile error; regexMatch alone swallows it.
#include "templating/sprig/regex.h"

#include "core/error.h"
#include "templating/sprig/go_regexp.h"
#include "templating/sprig/spec_builders.h"

namespace ho::tmpl {

namespace {

using namespace sprig;  // NOLINT(google-build-using-namespace)

GoRegexp compileOrThrow(std::string_view expr) {
  auto compiled = GoRegexp::compile(expr);
  if (auto* error = std::get_if<std::string>(&compiled)) throw Failure(*error);
  return std::get<GoRegexp>(std::move(compiled));
}

// Registers `name` with MustCompile semantics and must`Name` with returned errors.
template <class Body>
void addPair(FunctionTable& table, const std::string& name, std::vector<ParamType> params, Body body) {
  auto mustName = "must" + std::string(1, static_cast<char>(name[0] - 'a' + 'A')) + name.substr(1);
  table.add(name, fixed(params, [body](Args a) { return body(GoRegexp::mustCompile(a[0].asString()), a); }));
  table.add(mustName, fixed(params, [body](Args a) { return body(compileOrThrow(a[0].asString()), a); }));
}

}  // namespace

void registerRegexFunctions(FunctionTable& table) {
  table.add("regexMatch", fixed({kString, kString}, [](Args a) {
    auto compiled = GoRegexp::compile(a[0].asString());
    const auto* re = std::get_if<GoRegexp>(&compiled);
    return goBool(re != nullptr && re->matchString(a[1].asString()));
  }));
  table.add("mustRegexMatch", fixed({kString, kString}, [](Args a) {
    return goBool(compileOrThrow(a[0].asString()).matchString(a[1].asString()));
  }));
  addPair(table, "regexFind", {kString, kString},
          [](const GoRegexp& re, Args a) { return goString(re.findString(a[1].asString())); });
  addPair(table, "regexFindAll", {kString, kString, kInt},
          [](const GoRegexp& re, Args a) { return goStringList(re.findAllString(a[1].asString(), a[2].asInt())); });
  addPair(table, "regexReplaceAll", {kString, kString, kString},
          [](const GoRegexp& re, Args a) { return goString(re.replaceAllString(a[1].asString(), a[2].asString(), false)); });
  addPair(table, "regexReplaceAllLiteral", {kString, kString, kString},
          [](const GoRegexp& re, Args a) { return goString(re.replaceAllString(a[1].asString(), a[2].asString(), true)); });
  addPair(table, "regexSplit", {kString, kString, kInt},
          [](const GoRegexp& re, Args a) { return goStringList(re.split(a[1].asString(), a[2].asInt())); });
  table.add("regexQuoteMeta", fixed({kString}, [](Args a) { return goString(goQuoteMeta(a[0].asString())); }));
}

}  // namespace ho::tmpl
