// Phase -> conditions, and condition merging with Flux v1's rules.
#include "controller/helmrelease/phase_conditions.h"

#include <algorithm>
#include <string>

namespace ho::controller {
namespace {

struct PhaseEffect {
  ConditionType type;
  ConditionStatus status;
  std::string_view messageStart;  // followed by " Helm release 'NAME' in 'NAMESPACE'."
  bool alsoReleasedFalse;         // also writes Released=False with the same message
};

PhaseEffect effectOf(Phase phase) {
  using enum ConditionType;
  using enum ConditionStatus;
  switch (phase) {
    case Phase::ChartFetched: return {ChartFetched, True, "Chart fetch was successful for", false};
    case Phase::ChartFetchFailed: return {ChartFetched, False, "Chart fetch failed for", true};
    case Phase::Installing: return {Deployed, Unknown, "Running installation for", false};
    case Phase::Upgrading: return {Deployed, Unknown, "Running upgrade for", false};
    case Phase::Deployed: return {Deployed, True, "Installation or upgrade succeeded for", false};
    case Phase::DeployFailed: return {Deployed, False, "Installation or upgrade failed for", true};
    case Phase::Testing: return {Tested, Unknown, "Testing", false};
    case Phase::Tested: return {Tested, True, "Tested", false};
    case Phase::TestFailed: return {Tested, False, "Test failed for", true};
    case Phase::Succeeded: return {Released, True, "Release was successful for", false};
    case Phase::Failed: return {Released, False, "Release failed for", false};
    case Phase::RollingBack: return {RolledBack, Unknown, "Rolling back", false};
    case Phase::RolledBack: return {RolledBack, True, "Rolled back", false};
    case Phase::RollbackFailed: return {RolledBack, False, "Rollback failed for", false};
  }
  return {Released, Unknown, "", false};
}

}  // namespace

bool removeCondition(HelmReleaseStatus& status, ConditionType type) {
  return std::erase_if(status.conditions, [type](const HelmReleaseCondition& c) { return c.type == type; }) != 0;
}

std::vector<HelmReleaseCondition> conditionsForPhase(const HelmRelease& release, Phase phase, std::string_view now) {
  const PhaseEffect effect = effectOf(phase);
  HelmReleaseCondition condition;
  condition.type = effect.type;
  condition.status = effect.status;
  condition.lastUpdateTime = std::string(now);
  condition.lastTransitionTime = std::string(now);
  condition.reason = std::string(phaseName(phase));
  condition.message = std::string(effect.messageStart) + " Helm release '" + release.releaseName() + "' in '" +
                      release.targetNamespace() + "'.";
  std::vector<HelmReleaseCondition> conditions{condition};
  const bool releasedFalse =
      effect.alsoReleasedFalse && !(phase == Phase::TestFailed && release.spec.test.ignoreFailuresOrDefault());
  if (releasedFalse) {
    condition.type = ConditionType::Released;
    condition.status = ConditionStatus::False;
    conditions.push_back(condition);
  }
  return conditions;
}

void setCondition(HelmReleaseStatus& status, HelmReleaseCondition condition) {
  if (const HelmReleaseCondition* current = findCondition(status, condition.type);
      current && current->status == condition.status) {
    condition.lastTransitionTime = current->lastTransitionTime;
  }
  removeCondition(status, condition.type);
  const bool released = condition.type == ConditionType::Released && condition.status == ConditionStatus::True;
  const bool rolledBack = condition.type == ConditionType::RolledBack && condition.status == ConditionStatus::True;
  status.conditions.push_back(std::move(condition));
  if (released) {
    removeCondition(status, ConditionType::RolledBack);
    status.rollbackCount = 0;
    removeCondition(status, ConditionType::Stalled);
    status.installFailures = 0;
    status.upgradeFailures = 0;
  }
  if (rolledBack) ++status.rollbackCount;
}

void setPhase(HelmRelease& release, Phase phase, std::string_view now) {
  for (HelmReleaseCondition& condition : conditionsForPhase(release, phase, now)) {
    setCondition(release.status, std::move(condition));
  }
  release.status.phase = phase;
}

void setPhaseWithRevision(HelmRelease& release, Phase phase, std::string_view now, std::string_view revision) {
  setPhase(release, phase, now);
  if (phase == Phase::Installing || phase == Phase::Upgrading) release.status.lastAttemptedRevision = revision;
  if (phase == Phase::Succeeded) release.status.revision = revision;
}

}  // namespace ho::controller
