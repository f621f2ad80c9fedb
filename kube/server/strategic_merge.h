// Strategic merge patch (application/strategic-merge-patch+json) for the
// built-in kinds: lists with a patchMergeKey (containers, env, ports,
// volumes, ...) merge element by element, other lists are replaced; the
// $patch, $retainKeys, $setElementOrder and $deleteFromPrimitiveList
// directives are honoured.
#pragma once

#include <nlohmann/json.hpp>

namespace ho::kube {

// Throws ho::Failure on a malformed patch.
nlohmann::json strategicMerge(const nlohmann::json& original, const nlohmann::json& patch);

}  // namespace ho::kube
