// How a phase change is recorded in a HelmRelease's status, as Flux v1 does
// it: each phase writes fixed conditions (reason = the phase, message naming
// the release), a condition keeps its lastTransitionTime while its status
// does not change, Released=True clears RolledBack and the rollback count
// (and, beyond Flux v1, Stalled and the failure counts), RolledBack=True
// counts a rollback.
#pragma once

#include <string_view>
#include <vector>

#include "controller/helmrelease/api_names.h"
#include "controller/helmrelease/helm_release.h"
#include "controller/helmrelease/helm_release_status.h"

namespace ho::controller {

// The conditions `phase` writes for `release`, stamped with `now` (RFC 3339).
std::vector<HelmReleaseCondition> conditionsForPhase(const HelmRelease& release, Phase phase, std::string_view now);

// Drops the condition of `type`; false when there was none.
bool removeCondition(HelmReleaseStatus& status, ConditionType type);

// Replaces the condition of the same type (keeping its lastTransitionTime when
// the status is unchanged) and applies the Released/RolledBack side effects.
void setCondition(HelmReleaseStatus& status, HelmReleaseCondition condition);

// Sets status.phase and writes the phase's conditions into `release.status`.
void setPhase(HelmRelease& release, Phase phase, std::string_view now);

// setPhase, also recording `revision`: as lastAttemptedRevision when
// Installing or Upgrading, as revision when Succeeded (ignored otherwise).
void setPhaseWithRevision(HelmRelease& release, Phase phase, std::string_view now, std::string_view revision);

}  // namespace ho::controller
