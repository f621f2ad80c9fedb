// Go's view of decoded JSON values, for the patch algorithms.
#include "kube/patch/go_value.h"

#include <algorithm>
#include <vector>

#include "core/go_float.h"

namespace ho::kube::patch {

using nlohmann::json;

GoKind goKind(const json& value) {
  switch (value.type()) {
    case json::value_t::boolean: return GoKind::Bool;
    case json::value_t::number_integer:
    case json::value_t::number_unsigned: return GoKind::Int;
    case json::value_t::number_float: return GoKind::Float;
    case json::value_t::string: return GoKind::String;
    case json::value_t::array: return GoKind::List;
    case json::value_t::object: return GoKind::Map;
    default: return GoKind::Nil;
  }
}

bool goDeepEqual(const json& a, const json& b) {
  const GoKind kind = goKind(a);
  if (kind != goKind(b)) return false;
  if (kind == GoKind::List) {
    if (a.size() != b.size()) return false;
    for (size_t i = 0; i < a.size(); ++i) {
      if (!goDeepEqual(a[i], b[i])) return false;
    }
    return true;
  }
  if (kind == GoKind::Map) {
    if (a.size() != b.size()) return false;
    for (const auto& [key, value] : a.items()) {
      const auto other = b.find(key);
      if (other == b.end() || !goDeepEqual(value, *other)) return false;
    }
    return true;
  }
  return a == b;
}

std::string goPrint(const json& value) {
  switch (goKind(value)) {
    case GoKind::Nil: return "<nil>";
    case GoKind::String: return value.get<std::string>();
    case GoKind::Float: return formatGoFloat(value.get<double>(), 'g', -1);
    default: return value.dump();
  }
}

json sortScalars(json list) {
  std::vector<std::pair<std::string, json>> keyed;
  for (json& element : list) keyed.emplace_back(goPrint(element), std::move(element));
  std::stable_sort(keyed.begin(), keyed.end(), [](const auto& a, const auto& b) { return a.first < b.first; });
  json sorted = json::array();
  for (auto& [text, element] : keyed) sorted.push_back(std::move(element));
  return sorted;
}

json deduplicateScalars(json list) {
  std::vector<json> elements(list.begin(), list.end());
  for (size_t i = 0; i + 1 < elements.size(); ++i) {
    for (size_t j = i + 1; j < elements.size();) {
      if (goDeepEqual(elements[i], elements[j])) {
        elements[j] = elements.back();
        elements.pop_back();
      } else {
        ++j;
      }
    }
  }
  return json(elements);
}

}  // namespace ho::kube::patch
