// Defaulting of custom resources like kube-apiserver's structural schemas:
// null values of non-nullable fields without a default are dropped, then
// every absent (or non-nullable null) field whose schema has a `default`
// gets it, recursively through properties, additionalProperties and items.
// kube-apiserver does this on every write and on every read.
#pragma once

#include <nlohmann/json.hpp>

namespace ho::kube {

void applySchemaDefaults(nlohmann::json& value, const nlohmann::json& schema);

}  // namespace ho::kube
