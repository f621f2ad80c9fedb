// Building the patch-strategy tree from an openAPIV3Schema.
#include "kube/server/cr_list_schema.h"

namespace ho::kube {

using nlohmann::json;

const patch::SchemaNode* CustomResourceListSchema::build(const json& schema) {
  if (!schema.is_object()) return nullptr;
  patch::SchemaNode node;
  const json properties = schema.value("properties", json::object());  // items() must not outlive it
  for (const auto& [name, property] : properties.items()) {
    if (!property.is_object()) continue;
    patch::FieldSchema field;
    if (property.value("type", "") == "array") {
      const json keys = property.value("x-kubernetes-list-map-keys", json::array());
      if (property.value("x-kubernetes-list-type", "") == "map" && keys.size() == 1 && keys[0].is_string()) {
        field.meta = {patch::Strategy::Merge, false, keys[0].get<std::string>()};
      }
      field.type = build(property.value("items", json()));
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
