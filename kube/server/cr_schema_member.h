// Read-only access to a part of an OpenAPI v3 schema (properties, items,
// additionalProperties, ...) without copying it: the walks over custom
// resources visit every field, and copying subtrees of a large CRD schema at
// each step dominated the API server's time.
#pragma once

#include <nlohmann/json.hpp>

namespace ho::kube {

// The null value that stands for "no schema here" (iterating it visits nothing).
inline const nlohmann::json& absentSchema() {
  static const nlohmann::json kAbsent;
  return kAbsent;
}

// The member `key` of `schema`, or absentSchema() when `schema` is not an
// object or lacks it.
inline const nlohmann::json& schemaMember(const nlohmann::json& schema, const char* key) {
  if (!schema.is_object()) return absentSchema();
  const auto found = schema.find(key);
  return found == schema.end() ? absentSchema() : *found;
}

}  // namespace ho::kube
