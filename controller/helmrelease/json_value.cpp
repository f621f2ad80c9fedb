// Converts between parsed JSON and the Go value model with encoding/json's types.
#include "controller/helmrelease/json_value.h"

#include "encoding/go_json.h"

namespace ho::controller {

Value valueFromJson(const nlohmann::json& json) {
  switch (json.type()) {
    case nlohmann::json::value_t::boolean:
      return Value::boolean(json.get<bool>());
    case nlohmann::json::value_t::number_integer:
      return Value::floating(static_cast<double>(json.get<std::int64_t>()));
    case nlohmann::json::value_t::number_unsigned:
      return Value::floating(static_cast<double>(json.get<std::uint64_t>()));
    case nlohmann::json::value_t::number_float:
      return Value::floating(json.get<double>());
    case nlohmann::json::value_t::string:
      return Value::string(json.get<std::string>());
    case nlohmann::json::value_t::array: {
      List items;
      items.reserve(json.size());
      for (const nlohmann::json& item : json) items.push_back(valueFromJson(item));
      return Value::list(std::move(items));
    }
    case nlohmann::json::value_t::object: {
      Map entries;
      for (const auto& [key, item] : json.items()) entries.emplace(key, valueFromJson(item));
      return Value::map(std::move(entries));
    }
    default:  // null, discarded, binary
      return Value::nil();
  }
}

Result<nlohmann::json> jsonFromValue(const Value& value) {
  auto text = encoding::toJson(value);
  if (!text) return text.error();
  return nlohmann::json::parse(*text);
}

}  // namespace ho::controller
