// A small JSONPath evaluator: the path is parsed into steps, and each step
// maps the current selection to the next.
#include "kube/server/jsonpath.h"

#include <optional>
#include <string>

namespace ho::kube {
namespace {

using nlohmann::json;

struct Step {
  enum class Kind { Field, Index, Wildcard, Filter } kind;
  std::string field;  // Field; for Filter, the dotted path after @.
  long index = 0;
  bool negated = false;  // Filter with !=
  json literal;          // Filter value
};

std::string unquote(std::string_view text) {
  if (text.size() >= 2 && (text.front() == '"' || text.front() == '\'') && text.back() == text.front()) {
    return std::string(text.substr(1, text.size() - 2));
  }
  return std::string(text);
}

std::string trim(std::string_view text) {
  const size_t first = text.find_first_not_of(' ');
  if (first == std::string_view::npos) return "";
  return std::string(text.substr(first, text.find_last_not_of(' ') - first + 1));
}

std::optional<Step> parseFilter(std::string_view body) {
  // body is `@.a.b == "x"` (the part inside ?( ... )).
  const bool negated = body.find("!=") != std::string_view::npos;
  const size_t op = body.find(negated ? "!=" : "==");
  if (op == std::string_view::npos) return std::nullopt;
  std::string left = trim(body.substr(0, op));
  if (left.rfind("@.", 0) != 0) return std::nullopt;
  const std::string right = trim(body.substr(op + 2));
  json literal = json::parse(right, nullptr, false);
  if (literal.is_discarded()) literal = unquote(right);
  return Step{Step::Kind::Filter, left.substr(2), 0, negated, literal};
}

std::optional<std::vector<Step>> parsePath(std::string_view path) {
  std::string_view text = path;
  if (text.size() >= 2 && text.front() == '{' && text.back() == '}') text = text.substr(1, text.size() - 2);
  if (!text.empty() && text.front() == '$') text.remove_prefix(1);
  std::vector<Step> steps;
  size_t i = 0;
  while (i < text.size()) {
    if (text[i] == '.') {
      const size_t end = text.find_first_of(".[", i + 1);
      const std::string name(text.substr(i + 1, end == std::string_view::npos ? std::string_view::npos : end - i - 1));
      if (name == "*") {
        steps.push_back({Step::Kind::Wildcard, "", 0, false, {}});
      } else if (!name.empty()) {
        steps.push_back({Step::Kind::Field, name, 0, false, {}});
      }
      i = end == std::string_view::npos ? text.size() : end;
    } else if (text[i] == '[') {
      const size_t close = i + 1 < text.size() && text[i + 1] == '?' ? text.find(")]", i) : text.find(']', i);
      if (close == std::string_view::npos) return std::nullopt;
      const std::string_view inner = text.substr(i + 1, close - i - 1);
      if (inner.rfind("?(", 0) == 0) {
        auto filter = parseFilter(inner.substr(2));
        if (!filter) return std::nullopt;
        steps.push_back(*filter);
        i = close + 2;
        continue;
      }
      if (inner == "*") {
        steps.push_back({Step::Kind::Wildcard, "", 0, false, {}});
      } else if (!inner.empty() && (inner.front() == '\'' || inner.front() == '"')) {
        steps.push_back({Step::Kind::Field, unquote(inner), 0, false, {}});
      } else {
        try {
          steps.push_back({Step::Kind::Index, "", std::stol(std::string(inner)), false, {}});
        } catch (const std::exception&) {
          return std::nullopt;
        }
      }
      i = close + 1;
    } else {
      const size_t end = text.find_first_of(".[", i);
      steps.push_back({Step::Kind::Field, std::string(text.substr(i, end - i)), 0, false, {}});
      i = end == std::string_view::npos ? text.size() : end;
    }
  }
  return steps;
}

const json* lookupDotted(const json& value, const std::string& dotted) {
  const json* current = &value;
  size_t start = 0;
  while (start <= dotted.size()) {
    const size_t dot = dotted.find('.', start);
    const std::string key = dotted.substr(start, dot == std::string::npos ? std::string::npos : dot - start);
    if (!current->is_object() || !current->contains(key)) return nullptr;
    current = &(*current)[key];
    if (dot == std::string::npos) break;
    start = dot + 1;
  }
  return current;
}

void applyStep(const Step& step, const json& value, std::vector<json>& out) {
  switch (step.kind) {
    case Step::Kind::Field:
      if (value.is_object() && value.contains(step.field)) out.push_back(value[step.field]);
      break;
    case Step::Kind::Index: {
      if (!value.is_array()) break;
      const long size = static_cast<long>(value.size());
      const long index = step.index < 0 ? size + step.index : step.index;
      if (index >= 0 && index < size) out.push_back(value[static_cast<size_t>(index)]);
      break;
    }
    case Step::Kind::Wildcard:
      if (value.is_array() || value.is_object()) {
        for (const json& element : value) out.push_back(element);
      }
      break;
    case Step::Kind::Filter:
      if (!value.is_array()) break;
      for (const json& element : value) {
        const json* field = lookupDotted(element, step.field);
        if (field && ((*field == step.literal) != step.negated)) out.push_back(element);
      }
      break;
  }
}

}  // namespace

std::vector<json> evaluateJsonPath(const json& root, std::string_view path) {
  const auto steps = parsePath(path);
  if (!steps) return {};
  std::vector<json> selection{root};
  for (const Step& step : *steps) {
    std::vector<json> next;
    for (const json& value : selection) applyStep(step, value, next);
    selection = std::move(next);
  }
  return selection;
}

}  // namespace ho::kube
