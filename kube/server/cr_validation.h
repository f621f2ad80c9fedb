// Validation of a custom resource against its CRD version's openAPIV3Schema,
// with the rules and error texts of kube-apiserver (kube-openapi's validator
// as apiextensions-apiserver reports it): type, nullable,
// x-kubernetes-int-or-string, required, enum, pattern (Go regexp syntax,
// through RE2), minimum/maximum (exclusive too), multipleOf,
// minLength/maxLength, minItems/maxItems, uniqueItems,
// minProperties/maxProperties, the string formats Kubernetes checks, allOf,
// anyOf, oneOf and not (with kube-openapi's choice of which alternative's
// errors to report), and unique keys (one or several
// x-kubernetes-list-map-keys) and items of x-kubernetes-list-type map/set.
#pragma once

#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "kube/server/api_status.h"

namespace ho::kube {

// One field.Error: `type` is the StatusCause type (FieldValueInvalid, ...),
// `body` what follows "field: " in the message.
struct FieldError {
  std::string type;
  std::string field;
  std::string body;
};

// The errors of `object` (a whole custom resource) under `schema`, in
// kube-apiserver's order (properties in name order where Go's is random).
std::vector<FieldError> validateCustomResource(const nlohmann::json& object, const nlohmann::json& schema);

// The 422 Invalid Status for field errors: `qualifiedKind` is "Kind.group".
ApiError invalidObject(const std::string& qualifiedKind, const std::string& name, const std::vector<FieldError>& errors);

}  // namespace ho::kube
