// HelmRelease status (helm.fluxcd.io/v1 HelmReleaseStatus): the phase, the
// Helm release it tracks, revisions and conditions, with the JSON form Flux
// v1 writes (empty fields omitted) and reads.
#pragma once

#include <cstdint>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <vector>

#include "controller/helmrelease/api_names.h"
#include "core/error.h"

namespace ho::controller {

// Times are RFC 3339 strings as metav1.Time prints them ("2024-05-01T10:00:00Z");
// "" means unset.
struct HelmReleaseCondition {
  ConditionType type = ConditionType::Released;
  ConditionStatus status = ConditionStatus::Unknown;
  std::string lastUpdateTime;
  std::string lastTransitionTime;
  std::string reason;
  std::string message;
  // The generation the condition describes (metav1.Condition's field; kubectl
  // wait honours it). Only the conditions added beyond Flux v1 set it; 0 = unset.
  std::int64_t observedGeneration = 0;

  bool operator==(const HelmReleaseCondition&) const = default;
};

struct HelmReleaseStatus {
  std::int64_t observedGeneration = 0;
  std::optional<Phase> phase;
  std::string releaseName;
  std::string releaseStatus;          // Helm's status string: deployed, failed, pending-upgrade, ...
  std::string revision;               // chart version (repository) or commit (git) last released
  std::string lastAttemptedRevision;  // the same, of the last install or upgrade attempt
  std::int64_t rollbackCount = 0;
  std::vector<HelmReleaseCondition> conditions;
  // Additions beyond Flux v1 (issue 13): the reconcile.fluxcd.io annotation
  // values last acted on, and failed attempts since the last release, spec
  // change or reset (compared with spec.install/upgrade.remediation.retries).
  std::string lastHandledReconcileAt;
  std::string lastHandledForceAt;
  std::string lastHandledResetAt;
  std::int64_t installFailures = 0;
  std::int64_t upgradeFailures = 0;

  bool operator==(const HelmReleaseStatus&) const = default;
};

// The condition of `type`, or nullptr.
const HelmReleaseCondition* findCondition(const HelmReleaseStatus& status, ConditionType type);

// The object to PUT or merge-patch as `.status` (zero values left out, as Go's omitempty does).
nlohmann::json statusToJson(const HelmReleaseStatus& status);

// Reads `.status`; null or absent reads as an empty status. Errors name the
// field, e.g. `status.conditions[1].type: unknown condition type "Ready"`.
Result<HelmReleaseStatus> parseHelmReleaseStatus(const nlohmann::json& status);

}  // namespace ho::controller
