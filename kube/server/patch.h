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
// Strategic merge uses the kind's patch tags (kube/patch); custom resources
// have none and get 415, as from Kubernetes.
// An apply body given here (the scale subresource) is merged over the live
// object; other applies go through field_manager.h with field ownership.
ApiResult<nlohmann::json> applyPatch(const nlohmann::json& current, PatchType type, std::string_view body);

}  // namespace ho::kube
