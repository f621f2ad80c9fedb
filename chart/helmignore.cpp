// .helmignore parsing and matching with Helm's pkg/ignore rules (including its
// quirk that a "!pattern" rule ignores every path the pattern does not match).
#include "chart/helmignore.h"

#include "chart/ascii_space.h"
#include "chart/glob.h"

namespace ho::chart {
namespace {

std::string_view baseName(std::string_view path) {
  while (path.size() > 1 && path.back() == '/') path.remove_suffix(1);
  auto slash = path.rfind('/');
  return slash == std::string_view::npos ? path : path.substr(slash + 1);
}

}  // namespace

Result<IgnoreRules> IgnoreRules::parse(std::string_view text) {
  IgnoreRules rules;
  if (text.starts_with("\xEF\xBB\xBF")) text.remove_prefix(3);
  std::size_t start = 0;
  while (start < text.size()) {
    std::size_t end = text.find('\n', start);
    std::string_view line = text.substr(start, end == std::string_view::npos ? text.npos : end - start);
    if (auto added = rules.addPattern(line); !added) return added.error();
    if (end == std::string_view::npos) break;
    start = end + 1;
  }
  return rules;
}

void IgnoreRules::addDefaults() { (void)addPattern("templates/.?*"); }

Result<void> IgnoreRules::addPattern(std::string_view line) {
  std::string_view rule = trimSpace(line);
  if (rule.empty() || rule.starts_with("#")) return {};
  if (rule.find("**") != std::string_view::npos) return Error{"double-star (**) syntax is not supported"};
  if (auto valid = pathMatch(rule, "abc"); !valid) return valid.error();
  Rule r;
  if (rule.starts_with("!")) {
    r.negate = true;
    rule.remove_prefix(1);
  }
  if (rule.ends_with("/")) {
    r.mustBeDir = true;
    rule.remove_suffix(1);
  }
  if (rule.starts_with("/")) {
    rule.remove_prefix(1);
    r.matchBasename = false;
  } else {
    r.matchBasename = rule.find('/') == std::string_view::npos;
  }
  r.pattern = std::string(rule);
  rules_.push_back(std::move(r));
  return {};
}

bool IgnoreRules::ignored(std::string_view path, bool isDirectory) const {
  if (path.empty() || path == "." || path == "./") return false;
  for (const Rule& rule : rules_) {
    auto matched = pathMatch(rule.pattern, rule.matchBasename ? baseName(path) : path);
    bool matches = matched.ok() && *matched;
    if (rule.negate) {
      if (rule.mustBeDir && !isDirectory) return true;
      if (!matches) return true;
      continue;
    }
    if (rule.mustBeDir && !isDirectory) continue;
    if (matches) return true;
  }
  return false;
}

}  // namespace ho::chart
