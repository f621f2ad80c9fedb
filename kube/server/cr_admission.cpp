// Custom resource admission: the CRD lookup and the order kube-apiserver
// applies pruning, defaulting and validation in.
#include "kube/server/cr_admission.h"

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
  const auto crd = store.get({kCrds, "", type.resource + "." + type.group});
  if (!crd) return;
  for (const json& version : crd->value("spec", json::object()).value("versions", json::array())) {
    if (version.value("name", "") != type.version) continue;
    const json schema = version.value("schema", json::object()).value("openAPIV3Schema", json());
    if (schema.is_object()) schema_ = schema;
  }
}

std::optional<ApiError> CustomResourceAdmission::admit(json& object, const std::string& fieldValidation) const {
  if (schema_.is_null()) return std::nullopt;
  const std::vector<std::string> unknown = pruneUnknownFields(object, schema_);
  if (fieldValidation == "Strict" && !unknown.empty()) {
    std::string fields;
    for (const std::string& path : unknown) fields += (fields.empty() ? "" : ", ") + ("unknown field \"" + path + "\"");
    return badRequest(type_.kind + " in version \"" + type_.version + "\" cannot be handled as a " + type_.kind +
                      ": strict decoding error: " + fields);
  }
  applySchemaDefaults(object, schema_);
  const std::vector<FieldError> errors = validateCustomResource(object, schema_);
  if (errors.empty()) return std::nullopt;
  return invalidObject(type_.kind + "." + type_.group, nameOf(object), errors);
}

std::unique_ptr<CustomResourceListSchema> CustomResourceAdmission::listSchema() const {
  if (schema_.is_null()) return nullptr;
  return std::make_unique<CustomResourceListSchema>(schema_);
}

}  // namespace ho::kube
