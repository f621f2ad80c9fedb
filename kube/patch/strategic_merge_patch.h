// Applying a strategic merge patch (application/strategic-merge-patch+json)
// the way apimachinery's strategicpatch does: maps merge key by key (null
// deletes), lists follow their field's patch strategy (merge by key,
// merge scalars, or replace), and the directives $patch (replace, delete),
// $retainKeys, $setElementOrder/<list> and $deleteFromPrimitiveList/<list>
// are honoured.
#pragma once

#include <nlohmann/json.hpp>

#include "core/error.h"
#include "kube/patch/patch_schema.h"

namespace ho::kube::patch {

// What the API server does with a PATCH body. `schema` is the kind's
// (builtInSchema); nullptr treats every list as replaced whole.
Result<nlohmann::json> applyStrategicMergePatch(const nlohmann::json& original, const nlohmann::json& patch,
                                                const SchemaNode* schema);

// mergeMap's two modes: the server applies parallel lists and drops nulls
// that match nothing; merging two patches into one (the three-way patch)
// keeps both as they are.
struct MergeOptions {
  bool mergeParallelLists = true;
  bool ignoreUnmatchedNulls = true;
};
// The merge itself; throws ho::Failure on a malformed patch.
nlohmann::json mergeStrategicPatch(nlohmann::json original, nlohmann::json patch, const SchemaNode* schema,
                                   const MergeOptions& options);

}  // namespace ho::kube::patch
