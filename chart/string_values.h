// Go's []string and map[string]string fields of Helm structs as Values
// (typed so typeOf and %v print them as Go would).
#pragma once

#include <map>
#include <string>
#include <vector>

#include "core/value.h"

namespace ho::chart {

inline Value stringListValue(const std::vector<std::string>& items) {
  List list;
  list.reserve(items.size());
  for (const auto& item : items) list.push_back(Value::string(item));
  return Value::list(std::move(list), GoType::StringList);
}

inline Value stringMapValue(const std::map<std::string, std::string>& entries) {
  Map map;
  for (const auto& [k, v] : entries) map.emplace(k, Value::string(v));
  return Value::map(std::move(map));
}

}  // namespace ho::chart
