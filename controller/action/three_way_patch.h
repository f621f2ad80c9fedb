// The patch an upgrade sends for one resource, computed like helm 3's
// createPatch: from the previous release's manifest object (`original`),
// the new one (`modified`) and the live object (`current`): fields the chart
// dropped are deleted, fields that differ from the live object are set, and
// fields only the cluster set (status, defaults, other controllers' labels)
// are left alone. Lists are compared element-wise, where a live element that
// carries extra (defaulted) fields still counts as equal, and are sent whole
// when they differ (JSON merge patch semantics).
#pragma once

#include <nlohmann/json.hpp>

namespace ho::controller {

// An empty object when nothing needs to change.
nlohmann::json threeWayMergePatch(const nlohmann::json& original, const nlohmann::json& modified,
                                  const nlohmann::json& current);
// jsonpatch.CreateMergePatch(original, modified): what helm sends for custom resources.
nlohmann::json twoWayMergePatch(const nlohmann::json& original, const nlohmann::json& modified);

}  // namespace ho::controller
