// nlohmann::json -> ho::Value, as Go's json.Unmarshal into interface{} reads
// JSON (numbers become float64), which is how Flux v1 and Helm see values.
#pragma once

#include <nlohmann/json.hpp>

#include "core/value.h"

namespace ho::controller {

Value valueFromJson(const nlohmann::json& json);

}  // namespace ho::controller
