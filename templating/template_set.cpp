// TemplateSet: parsing into one scope, executing from it.
#include "templating/template_set.h"

#include "templating/parser.h"

namespace ho::tmpl {
namespace {

// Whether `text` holds `name` as a quoted string (a define or block could be named so).
bool quotes(std::string_view text, std::string_view name) {
  for (char quote : {'"', '`'}) {
    const std::string quoted = quote + std::string(name) + quote;
    if (text.find(quoted) != std::string_view::npos) return true;
  }
  return false;
}

// The trees of one parse of a text, as parsing the same text under `name`
// makes them (when no define in it is named like either file, the text's own
// template is the last tree).
ParsedTrees renamed(const ParsedTrees& trees, std::string_view name) {
  ParsedTrees out;
  out.reserve(trees.size());
  for (std::size_t i = 0; i < trees.size(); ++i) {
    auto tree = std::make_shared<Tree>(*trees[i]);
    tree->parseName = name;
    if (i + 1 == trees.size()) tree->name = name;
    out.push_back(std::move(tree));
  }
  return out;
}

}  // namespace

TemplateSet::TemplateSet(std::shared_ptr<const FunctionTable> functions)
    : arena_(std::make_shared<NodeArena>()) {
  env_.functions = std::move(functions);
}

Result<void> TemplateSet::parse(std::string_view name, SharedText source) {
  if (const ParsedTrees* earlier = earlierParse(source.view(), name)) {
    scope_.add(renamed(*earlier, name));
    return {};
  }
  const std::size_t size = source.view().size();
  auto trees = parseTemplate(name, std::move(source), *env_.functions, arena_);
  if (!trees) return trees.error();
  scope_.add(*trees);
  parsedTexts_.emplace(size, std::move(*trees));
  return {};
}

const ParsedTrees* TemplateSet::earlierParse(std::string_view text, std::string_view name) const {
  auto [from, to] = parsedTexts_.equal_range(text.size());
  for (auto it = from; it != to; ++it) {
    const Tree& own = *it->second.back();
    if (own.source.view() == text && !quotes(text, own.parseName) && !quotes(text, name)) return &it->second;
  }
  return nullptr;
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
