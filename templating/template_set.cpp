// TemplateSet: parsing into one scope, executing from it.
#include "templating/template_set.h"

#include "templating/parser.h"

namespace ho::tmpl {

TemplateSet::TemplateSet(std::shared_ptr<const FunctionTable> functions)
    : arena_(std::make_shared<NodeArena>()) {
  env_.functions = std::move(functions);
}

Result<void> TemplateSet::parse(std::string_view name, SharedText source) {
  auto trees = parseTemplate(name, std::move(source), *env_.functions, arena_);
  if (!trees) return trees.error();
  scope_.add(*trees);
  return {};
}

Result<void> TemplateSet::executeInto(std::string_view name, const Value& data, std::string& out) const {
  try {
    executeNamed(env_, scope_, name, data, out);
  } catch (const Failure& failure) {
    return Error{failure.what()};
  }
  return {};
}

Result<std::string> TemplateSet::execute(std::string_view name, const Value& data) const {
  std::string out;
  if (auto result = executeInto(name, data, out); !result) return result.error();
  return out;
}

}  // namespace ho::tmpl
