// Building the patch-strategy tree from an openAPIV3Schema.
#include "kube/server/cr_list_schema.h"
#include "kube/server/cr_schema_member.h"

#include <algorithm>
#include <string>
#include <vector>

namespace ho::kube {

using nlohmann::json;

const patch::SchemaNode* CustomResourceListSchema::build(const json& schema) {
  if (!schema.is_object()) return nullptr;
  patch::SchemaNode node;
  const json& properties = schemaMember(schema, "properties");
  for (const auto& [name, property] : properties.items()) {
    if (!property.is_object()) continue;
    patch::FieldSchema field;
    if (property.value("type", "") == "array") {
      const json& keys = schemaMember(property, "x-kubernetes-list-map-keys");
      const bool keyed = property.value("x-kubernetes-list-type", "") == "map" && keys.is_array() && !keys.empty() &&
                         std::all_of(keys.begin(), keys.end(), [](const json& key) { return key.is_string(); });
      if (keyed) {
        field.meta = {patch::Strategy::Merge, false, keys[0].get<std::string>(), {}};
        if (keys.size() > 1) field.meta.listMapKeys = keys.get<std::vector<std::string>>();
      }
      field.type = build(schemaMember(property, "items"));
    } else {
      field.type = build(property);
    }
    if (field.meta.strategy != patch::Strategy::None || field.type) node.fields.emplace(name, field);
  }
  if (node.fields.empty()) return nullptr;
  nodes_.push_back(std::move(node));
  return &nodes_.back();
}

}  // namespace ho::kube
