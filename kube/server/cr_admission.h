// What kube-apiserver does to a custom resource's body on every write before
// storing it, driven by the CRD version's openAPIV3Schema: drop
// non-nullable nulls, prune unknown fields (an error with
// fieldValidation=Strict), apply defaults, validate (422 Invalid with
// kube-apiserver's messages and causes).
#pragma once

#include <nlohmann/json.hpp>
#include <memory>
#include <optional>
#include <string>

#include "kube/server/api_status.h"
#include "kube/server/cr_list_schema.h"
#include "kube/server/object_store.h"
#include "kube/server/resource_registry.h"

namespace ho::kube {

// One request's admission: the CRD is read once, on construction, before
// the store is locked for the write (admit runs inside store mutations).
class CustomResourceAdmission {
 public:
  CustomResourceAdmission(const ObjectStore& store, const ResourceType& type);

  // Prunes, defaults and validates `object` in place. `fieldValidation` is
  // the request's query parameter ("Strict" rejects unknown fields).
  // Built-in kinds and schema-less versions pass unchanged.
  std::optional<ApiError> admit(nlohmann::json& object, const std::string& fieldValidation) const;
  // The keyed lists server-side apply merges by; null for built-in kinds
  // and schema-less versions.
  std::unique_ptr<CustomResourceListSchema> listSchema() const;

 private:
  const ResourceType& type_;
  ObjectPtr crd_;                           // the CRD as stored (shared, not copied)
  const nlohmann::json* schema_ = nullptr;  // its version's openAPIV3Schema, inside crd_
};

}  // namespace ho::kube
