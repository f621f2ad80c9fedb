// Pruning of custom resources like kube-apiserver's structural schemas: a
// field the schema does not declare is dropped, unless the schema (or an
// ancestor) says x-kubernetes-preserve-unknown-fields or gives
// additionalProperties. apiVersion, kind and metadata survive at the root
// and in x-kubernetes-embedded-resource objects.
#pragma once

#include <nlohmann/json.hpp>
#include <string>
#include <vector>

namespace ho::kube {

// Prunes `object` (a whole custom resource) in place and returns the paths
// of the dropped fields ("spec.foo", "spec.list[0].bar"), which
// fieldValidation=Strict turns into errors.
std::vector<std::string> pruneUnknownFields(nlohmann::json& object, const nlohmann::json& schema);

}  // namespace ho::kube
