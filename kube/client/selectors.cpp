// Label and field selector parsing and matching.
#include "kube/client/selectors.h"

#include <algorithm>

namespace ho::kube {
namespace {

std::string trim(std::string_view text) {
  const size_t first = text.find_first_not_of(" \t");
  if (first == std::string_view::npos) return "";
  const size_t last = text.find_last_not_of(" \t");
  return std::string(text.substr(first, last - first + 1));
}

// Splits on commas outside parentheses.
std::vector<std::string> splitTerms(std::string_view text) {
  std::vector<std::string> terms;
  int depth = 0;
  std::string current;
  for (char c : text) {
    if (c == '(') ++depth;
    if (c == ')') --depth;
    if (c == ',' && depth == 0) {
      terms.push_back(trim(current));
      current.clear();
    } else {
      current += c;
    }
  }
  if (!trim(current).empty() || !terms.empty()) terms.push_back(trim(current));
  return terms;
}

std::vector<std::string> parseValueSet(std::string_view text) {
  std::vector<std::string> values;
  for (const std::string& value : splitTerms(text)) values.push_back(value);
  return values;
}

Error selectorError(std::string_view kind, std::string_view text) {
  return Error{"unable to parse requirement: invalid " + std::string(kind) + " selector: \"" +
                   std::string(text) + "\""};
}

std::string fieldText(const nlohmann::json& object, const std::string& path) {
  const nlohmann::json* current = &object;
  size_t start = 0;
  while (start <= path.size()) {
    const size_t dot = path.find('.', start);
    const std::string key = path.substr(start, dot == std::string::npos ? std::string::npos : dot - start);
    if (!current->is_object() || !current->contains(key)) return "";
    current = &(*current)[key];
    if (dot == std::string::npos) break;
    start = dot + 1;
  }
  if (current->is_string()) return current->get<std::string>();
  if (current->is_null()) return "";
  return current->dump();
}

}  // namespace

Result<LabelSelector> LabelSelector::parse(std::string_view text) {
  LabelSelector selector;
  for (const std::string& term : splitTerms(text)) {
    if (term.empty()) return selectorError("label", text);
    Requirement requirement;
    if (term[0] == '!') {
      requirement = {trim(term.substr(1)), Op::NotExists, {}};
    } else if (const size_t ne = term.find("!="); ne != std::string::npos) {
      requirement = {trim(term.substr(0, ne)), Op::NotEquals, {trim(term.substr(ne + 2))}};
    } else if (const size_t eq = term.find('='); eq != std::string::npos) {
      const size_t valueStart = term.compare(eq, 2, "==") == 0 ? eq + 2 : eq + 1;
      requirement = {trim(term.substr(0, eq)), Op::Equals, {trim(term.substr(valueStart))}};
    } else if (const size_t open = term.find('('); open != std::string::npos) {
      const size_t close = term.rfind(')');
      if (close == std::string::npos || close < open) return selectorError("label", text);
      const std::string head = trim(term.substr(0, open));
      const size_t space = head.find_last_of(" \t");
      if (space == std::string::npos) return selectorError("label", text);
      const std::string op = head.substr(space + 1);
      if (op != "in" && op != "notin") return selectorError("label", text);
      requirement = {trim(head.substr(0, space)), op == "in" ? Op::In : Op::NotIn,
                     parseValueSet(std::string_view(term).substr(open + 1, close - open - 1))};
      if (requirement.values.empty()) return selectorError("label", text);  // "key in ()"
    } else {
      requirement = {term, Op::Exists, {}};
    }
    if (requirement.key.empty()) return selectorError("label", text);
    selector.requirements_.push_back(std::move(requirement));
  }
  return selector;
}

bool LabelSelector::matches(const nlohmann::json& labels) const {
  for (const Requirement& requirement : requirements_) {
    const bool present = labels.is_object() && labels.contains(requirement.key) &&
                         labels[requirement.key].is_string();
    const std::string value = present ? labels[requirement.key].get<std::string>() : "";
    const auto listed = [&] {
      return std::find(requirement.values.begin(), requirement.values.end(), value) != requirement.values.end();
    };
    switch (requirement.op) {
      case Op::Equals:
        if (!present || value != requirement.values.front()) return false;
        break;
      case Op::NotEquals:
        if (present && value == requirement.values.front()) return false;
        break;
      case Op::In:
        if (!present || !listed()) return false;
        break;
      case Op::NotIn:
        if (present && listed()) return false;
        break;
      case Op::Exists:
        if (!present) return false;
        break;
      case Op::NotExists:
        if (present) return false;
        break;
    }
  }
  return true;
}

Result<FieldSelector> FieldSelector::parse(std::string_view text) {
  FieldSelector selector;
  for (const std::string& term : splitTerms(text)) {
    if (const size_t ne = term.find("!="); ne != std::string::npos) {
      selector.terms_.push_back({trim(term.substr(0, ne)), true, trim(term.substr(ne + 2))});
    } else if (const size_t eq = term.find('='); eq != std::string::npos) {
      const size_t valueStart = term.compare(eq, 2, "==") == 0 ? eq + 2 : eq + 1;
      selector.terms_.push_back({trim(term.substr(0, eq)), false, trim(term.substr(valueStart))});
    } else {
      return selectorError("field", text);
    }
  }
  return selector;
}

bool FieldSelector::matches(const nlohmann::json& object) const {
  return std::all_of(terms_.begin(), terms_.end(), [&](const Term& term) {
    return (fieldText(object, term.path) == term.value) != term.negated;
  });
}

}  // namespace ho::kube
