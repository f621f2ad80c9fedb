// Drift correction (spec.driftDetection.mode: enabled): the drifted fields of
// the live objects are put back to the release manifest's values and deleted
// objects are created again, without a new Helm revision. Only the drifted
// fields are written (a JSON patch naming each one), so fields the server or
// another controller owns, and fields the ignore rules leave out, stay as they are.
#pragma once

#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "controller/action/actions.h"
#include "controller/reconciler/drift_detection.h"
#include "controller/release/release.h"
#include "core/error.h"

namespace ho::controller {

// The JSON patch (RFC 6902) restoring the drifted fields of an existing
// object: differing fields replaced, missing ones added, extra list items
// removed (last first), a Secret's stringData sent as stringData.
nlohmann::json correctionPatch(const ObjectDrift& drift);

// Creates the missing objects of `deployed` (with helm's ownership metadata
// and the HelmRelease's `antecedent` annotation) and patches the drifted ones.
// Failures are joined into one error after trying every object.
Result<void> correctDrift(ActionContext& context, const Release& deployed, const std::vector<ObjectDrift>& drift,
                          const std::string& antecedent);

}  // namespace ho::controller
