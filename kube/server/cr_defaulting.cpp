// Structural defaulting: null pruning, then defaults, top down.
#include "kube/server/cr_defaulting.h"
#include "kube/server/cr_schema_member.h"

#include <string>
#include <vector>

namespace ho::kube {
namespace {

using nlohmann::json;

bool nonNullableNull(const json& value, const json& schema) {
  return value.is_null() && schema.is_object() && !schema.value("nullable", false);
}

// The schema of an object's field: its property, else additionalProperties.
const json& fieldSchema(const json& schema, const std::string& key) {
  const json& properties = schemaMember(schema, "properties");
  if (const auto found = properties.find(key); found != properties.end()) return *found;
  const json& additional = schemaMember(schema, "additionalProperties");
  return additional.is_object() ? additional : absentSchema();
}

void dropNulls(json& value, const json& schema) {
  if (value.is_object()) {
    std::vector<std::string> dropped;
    for (auto& [key, member] : value.items()) {
      const json& memberSchema = fieldSchema(schema, key);
      if (nonNullableNull(member, memberSchema) && !memberSchema.contains("default")) {
        dropped.push_back(key);
      } else {
        dropNulls(member, memberSchema);
      }
    }
    for (const std::string& key : dropped) value.erase(key);
  } else if (value.is_array()) {
    const json& items = schemaMember(schema, "items");
    for (json& item : value) dropNulls(item, items);
  }
}

void applyDefaults(json& value, const json& schema) {
  if (!schema.is_object()) return;
  if (value.is_object()) {
    const json& properties = schemaMember(schema, "properties");
    for (const auto& [key, property] : properties.items()) {
      if (!property.is_object() || !property.contains("default")) continue;
      if (!value.contains(key) || nonNullableNull(value[key], property)) value[key] = property["default"];
    }
    for (auto& [key, member] : value.items()) {
      const json& memberSchema = fieldSchema(schema, key);
      if (nonNullableNull(member, memberSchema) && memberSchema.contains("default")) member = memberSchema["default"];
      applyDefaults(member, memberSchema);
    }
  } else if (value.is_array()) {
    const json& items = schemaMember(schema, "items");
    for (json& item : value) {
      if (nonNullableNull(item, items) && items.contains("default")) item = items["default"];
      applyDefaults(item, items);
    }
  }
}

}  // namespace

void applySchemaDefaults(json& value, const json& schema) {
  dropNulls(value, schema);
  applyDefaults(value, schema);
}

}  // namespace ho::kube
