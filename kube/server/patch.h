// PATCH bodies: the four content types clients send, applied to an object.
#pragma once

#include <nlohmann/json.hpp>
#include <optional>
#include <string_view>

#include "kube/server/api_status.h"

namespace ho::kube {

enum class PatchType { JsonPatch, MergePatch, StrategicMerge, Apply };

// application/json-patch+json, merge-patch+json, strategic-merge-patch+json,
// apply-patch+yaml; nullopt for anything else (415).
std::optional<PatchType> patchTypeFor(std::string_view contentType);

// The patched object. `current` is null when an apply creates the object.
// Server-side apply merges the applied configuration over the live object
// (no field ownership is tracked).
ApiResult<nlohmann::json> applyPatch(const nlohmann::json& current, PatchType type, std::string_view body);

}  // namespace ho::kube
