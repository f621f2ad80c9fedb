// Typed field access with path-naming errors for the HelmRelease parsers.
#include "controller/helmrelease/field_reader.h"

#include <cmath>
#include <limits>

#include "core/error.h"

namespace ho::controller {

FieldReader::FieldReader(const nlohmann::json& object, std::string path) : object_(object), path_(std::move(path)) {}

std::string FieldReader::pathOf(std::string_view key) const {
  return path_.empty() ? std::string(key) : path_ + "." + std::string(key);
}

const nlohmann::json* FieldReader::find(std::string_view key) const {
  const auto found = object_.find(key);
  if (found == object_.end() || found->is_null()) return nullptr;
  return &*found;
}

void FieldReader::fail(std::string_view key, std::string_view message) const {
  throw Failure(pathOf(key) + ": " + std::string(message));
}

void FieldReader::failExpected(std::string_view key, std::string_view expected, const nlohmann::json& got) const {
  fail(key, "expected " + std::string(expected) + ", got " + got.dump());
}

std::string FieldReader::string(std::string_view key) const {
  const nlohmann::json* field = find(key);
  if (!field) return "";
  if (!field->is_string()) failExpected(key, "a string", *field);
  return field->get<std::string>();
}

std::string FieldReader::requiredString(std::string_view key) const {
  std::string text = string(key);
  if (text.empty()) fail(key, "required");
  return text;
}

std::optional<bool> FieldReader::optionalBoolean(std::string_view key) const {
  const nlohmann::json* field = find(key);
  if (!field) return std::nullopt;
  if (!field->is_boolean()) failExpected(key, "a boolean", *field);
  return field->get<bool>();
}

bool FieldReader::boolean(std::string_view key) const { return optionalBoolean(key).value_or(false); }

std::optional<std::int64_t> FieldReader::nonNegativeInteger(std::string_view key, std::string_view noun) const {
  const nlohmann::json* field = find(key);
  if (!field) return std::nullopt;
  std::optional<std::int64_t> number;
  if (field->is_number_integer() && !field->is_number_unsigned()) {
    number = field->get<std::int64_t>();
  } else if (field->is_number_unsigned()) {
    if (field->get<std::uint64_t>() <= static_cast<std::uint64_t>(std::numeric_limits<std::int64_t>::max())) {
      number = static_cast<std::int64_t>(field->get<std::uint64_t>());
    }
  } else if (field->is_number_float()) {
    const double real = field->get<double>();
    if (std::trunc(real) == real && std::abs(real) < 9.2e18) number = static_cast<std::int64_t>(real);
  }
  if (!number) failExpected(key, "an " + std::string(noun), *field);
  if (*number < 0) failExpected(key, "a non-negative " + std::string(noun), *field);
  return number;
}

std::optional<std::int64_t> FieldReader::count(std::string_view key) const {
  return nonNegativeInteger(key, "integer");
}

std::optional<std::int64_t> FieldReader::seconds(std::string_view key) const {
  return nonNegativeInteger(key, "integer number of seconds");
}

std::optional<FieldReader> FieldReader::object(std::string_view key) const {
  const nlohmann::json* field = find(key);
  if (!field) return std::nullopt;
  return readObject(*field, pathOf(key));
}

std::vector<FieldReader> FieldReader::objectList(std::string_view key) const {
  const nlohmann::json* field = find(key);
  if (!field) return {};
  if (!field->is_array()) failExpected(key, "a list", *field);
  std::vector<FieldReader> items;
  items.reserve(field->size());
  for (std::size_t index = 0; index < field->size(); ++index) {
    items.push_back(readObject((*field)[index], pathOf(key) + "[" + std::to_string(index) + "]"));
  }
  return items;
}

FieldReader readObject(const nlohmann::json& value, const std::string& path) {
  if (!value.is_object()) throw Failure(path + ": expected an object, got " + value.dump());
  return FieldReader(value, path);
}

}  // namespace ho::controller
