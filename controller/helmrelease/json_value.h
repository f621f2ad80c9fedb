// nlohmann::json <-> ho::Value: JSON read as Go's json.Unmarshal into
// interface{} reads it (numbers become float64), which is how Flux v1 and Helm
// see values, and Go values written back as json.Marshal writes them.
#pragma once

#include <nlohmann/json.hpp>

#include "core/error.h"
#include "core/value.h"

namespace ho::controller {

Value valueFromJson(const nlohmann::json& json);
// Whole float64s come back as JSON integers (json.Marshal prints 3, not 3.0).
Result<nlohmann::json> jsonFromValue(const Value& value);

}  // namespace ho::controller
