// Computing the strategic merge patch that reconciles a live object with a
// new configuration (strategicpatch.CreateThreeWayMergePatch with overwrite
// on, as helm and kubectl apply call it): every field of `modified` that
// differs from `current` is set, every field that `original` had and
// `modified` dropped is deleted, and fields only `current` has (set by the
// cluster or edited by hand) are left alone. Lists with a merge key are
// patched element by element with $setElementOrder keeping the order of
// `modified`; scalar lists with the merge strategy use
// $deleteFromPrimitiveList; $retainKeys is built for retainKeys fields.
#pragma once

#include <nlohmann/json.hpp>

#include "core/error.h"
#include "kube/patch/patch_schema.h"

namespace ho::kube::patch {

// An empty object when nothing needs to change. Errors name the malformed
// list (an element without its merge key, mixed element types).
Result<nlohmann::json> createThreeWayMergePatch(const nlohmann::json& original, const nlohmann::json& modified,
                                                const nlohmann::json& current, const SchemaNode* schema);

}  // namespace ho::kube::patch
