// The drift check of a HelmRelease whose release is up to date, as its
// spec.driftDetection asks, and the Drifted condition it leaves:
//  - disabled (or absent): no request at all; a Drifted condition left from
//    an earlier mode is removed;
//  - warn: Drifted=True (DriftDetected) listing the drifted fields, back to
//    False (NoDrift) once the objects match again;
//  - enabled: the drift is corrected, then Drifted=False (DriftCorrected)
//    lists what was restored; Drifted=True (DriftCorrectionFailed) when it
//    could not be.
// An ignore rule whose target does not compile is Drifted=Unknown
// (InvalidIgnoreRule) naming the field, until the spec changes.
// The condition is rewritten only when what it says changes, so a steady
// state costs no status write and no Event.
#pragma once

#include <string>
#include <vector>

#include "controller/action/actions.h"
#include "controller/helmrelease/helm_release.h"
#include "controller/release/release.h"

namespace ho::controller {

// Drifted condition reasons.
inline constexpr std::string_view kDriftDetectedReason = "DriftDetected";
inline constexpr std::string_view kDriftCorrectedReason = "DriftCorrected";
inline constexpr std::string_view kDriftCorrectionFailedReason = "DriftCorrectionFailed";
inline constexpr std::string_view kNoDriftReason = "NoDrift";
inline constexpr std::string_view kInvalidIgnoreRuleReason = "InvalidIgnoreRule";

// Drift entries a condition message lists before "and N more".
inline constexpr std::size_t kDriftEntriesShown = 10;

struct DriftCheck {
  bool statusChanged = false;  // release.status has a new Drifted condition (or lost it) to write
  std::string error;           // why the check or the correction failed ("" when it did not)
};

// Checks the live objects of the last deployed revision in `history` and
// updates the Drifted condition in `release.status`.
DriftCheck checkDrift(ActionContext& context, HelmRelease& release, const std::vector<Release>& history);

// "a, b, c" of the first kDriftEntriesShown entries, then " and N more".
std::string summarizeDrift(const std::vector<std::string>& entries);

}  // namespace ho::controller
