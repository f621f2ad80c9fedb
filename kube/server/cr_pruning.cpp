// Structural pruning: a walk over the value and its schema.
#include "kube/server/cr_pruning.h"
#include "kube/server/cr_schema_member.h"

#include <set>

namespace ho::kube {
namespace {

using nlohmann::json;

bool isMetaField(const std::string& key) { return key == "apiVersion" || key == "kind" || key == "metadata"; }

std::string childPath(const std::string& parent, const std::string& key) {
  return parent.empty() ? key : parent + "." + key;
}

class Pruner {
 public:
  explicit Pruner(std::vector<std::string>& dropped) : dropped_(dropped) {}

  // `schema` null means "no schema here": every object field is unknown.
  void prune(json& value, const json& schema, const std::string& path, bool preserving) {
    const bool preserve = preserving || (schema.is_object() && schema.value("x-kubernetes-preserve-unknown-fields", false));
    if (value.is_array()) {
      const json& items = schemaMember(schema, "items");
      for (size_t i = 0; i < value.size(); ++i) {
        prune(value[i], items, path + "[" + std::to_string(i) + "]", preserve);
      }
      return;
    }
    if (!value.is_object()) return;
    if (!schema.is_object()) {
      if (preserve) return;
      for (const auto& [key, member] : value.items()) dropped_.push_back(childPath(path, key));
      value = json::object();
      return;
    }
    const bool keepsMeta = path.empty() || schema.value("x-kubernetes-embedded-resource", false);
    const json& properties = schemaMember(schema, "properties");
    const json& additional = schemaMember(schema, "additionalProperties");
    std::vector<std::string> unknown;
    for (auto& [key, member] : value.items()) {
      if (keepsMeta && isMetaField(key)) continue;
      if (properties.contains(key)) {
        prune(member, properties[key], childPath(path, key), false);
      } else if (additional.is_object()) {
        prune(member, additional, childPath(path, key), false);
      } else if (additional.is_boolean() && additional.get<bool>()) {
        continue;
      } else if (!preserve) {
        unknown.push_back(key);
      }
    }
    for (const std::string& key : unknown) {
      dropped_.push_back(childPath(path, key));
      value.erase(key);
    }
  }

 private:
  std::vector<std::string>& dropped_;
};

}  // namespace

std::vector<std::string> pruneUnknownFields(json& object, const json& schema) {
  std::vector<std::string> dropped;
  Pruner(dropped).prune(object, schema, "", false);
  return dropped;
}

}  // namespace ho::kube
