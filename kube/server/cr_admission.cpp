// Custom resource admission: the CRD lookup and the order kube-apiserver
// applies pruning, defaulting and validation in.
#include "kube/server/cr_admission.h"
#include "kube/server/cr_schema_member.h"

#include "kube/server/cr_defaulting.h"
#include "kube/server/cr_pruning.h"
#include "kube/server/cr_validation.h"

namespace ho::kube {
namespace {

using nlohmann::json;

const std::string kCrds = "customresourcedefinitions.apiextensions.k8s.io";

std::string nameOf(const json& object) {
  const json metadata = object.value("metadata", json::object());
  return metadata.is_object() ? metadata.value("name", "") : "";
}

}  // namespace

CustomResourceAdmission::CustomResourceAdmission(const ObjectStore& store, const ResourceType& type) : type_(type) {
  if (!type.custom) return;
  crd_ = store.find({kCrds, "", type.resource + "." + type.group});
  if (!crd_) return;
  for (const json& version : schemaMember(schemaMember(crd_->object(), "spec"), "versions")) {
    if (version.value("name", "") != type.version) continue;
    const json& schema = schemaMember(schemaMember(version, "schema"), "openAPIV3Schema");
    if (schema.is_object()) schema_ = &schema;
  }
}

std::optional<ApiError> CustomResourceAdmission::admit(json& object, const std::string& fieldValidation) const {
  if (schema_ == nullptr) return std::nullopt;
  const std::vector<std::string> unknown = pruneUnknownFields(object, *schema_);
  if (fieldValidation == "Strict" && !unknown.empty()) {
    std::string fields;
    for (const std::string& path : unknown) fields += (fields.empty() ? "" : ", ") + ("unknown field \"" + path + "\"");
    return badRequest(type_.kind + " in version \"" + type_.version + "\" cannot be handled as a " + type_.kind +
                      ": strict decoding error: " + fields);
  }
  applySchemaDefaults(object, *schema_);
  const std::vector<FieldError> errors = validateCustomResource(object, *schema_);
  if (errors.empty()) return std::nullopt;
  return invalidObject(type_.kind + "." + type_.group, nameOf(object), errors);
}

std::unique_ptr<CustomResourceListSchema> CustomResourceAdmission::listSchema() const {
  if (schema_ == nullptr) return nullptr;
  return std::make_unique<CustomResourceListSchema>(*schema_);
}

}  // namespace ho::kube
