// The drift check of an up-to-date release and its Drifted condition.
#include "controller/reconciler/drift_check.h"

#include "controller/helmrelease/phase_conditions.h"
#include "controller/reconciler/drift_correction.h"
#include "controller/reconciler/drift_detection.h"
#include "controller/reconciler/helm_release_object.h"
#include "controller/release/secret_storage.h"

namespace ho::controller {
namespace {

// Sets Drifted as given; false when the condition already says exactly that.
bool setDrifted(HelmRelease& release, ConditionStatus status, std::string_view reason, const std::string& message) {
  const HelmReleaseCondition* current = findCondition(release.status, ConditionType::Drifted);
  if (current && current->status == status && current->reason == reason && current->message == message &&
      current->observedGeneration == release.generation) {
    return false;
  }
  const std::string now = metaNow();
  setCondition(release.status,
               {ConditionType::Drifted, status, now, now, std::string(reason), message, release.generation});
  return true;
}

// No drift: a True condition turns False; a False or absent one is left as it is.
bool markUndrifted(HelmRelease& release) {
  const HelmReleaseCondition* current = findCondition(release.status, ConditionType::Drifted);
  if (!current || current->status != ConditionStatus::True) return false;
  return setDrifted(release, ConditionStatus::False, kNoDriftReason,
                    "The live objects of Helm release '" + release.releaseName() + "' match its manifest.");
}

}  // namespace

std::string summarizeDrift(const std::vector<std::string>& entries) {
  std::string summary;
  for (std::size_t index = 0; index < entries.size() && index < kDriftEntriesShown; ++index) {
    summary += (index == 0 ? "" : ", ") + entries[index];
  }
  if (entries.size() > kDriftEntriesShown) {
    summary += " and " + std::to_string(entries.size() - kDriftEntriesShown) + " more";
  }
  return summary;
}

DriftCheck checkDrift(ActionContext& context, HelmRelease& release, const std::vector<Release>& history) {
  const std::optional<DriftDetectionSpec>& spec = release.spec.driftDetection;
  if (!spec || spec->mode == "disabled") return {removeCondition(release.status, ConditionType::Drifted), ""};
  const std::optional<Release> deployed = lastDeployed(history);
  if (!deployed) return {};
  // A rule that does not compile waits for a spec change (no retries): the condition says why.
  auto rules = DriftIgnoreRules::compile(spec->ignore);
  if (!rules) return {setDrifted(release, ConditionStatus::Unknown, kInvalidIgnoreRuleReason, rules.error().message), ""};
  auto drift = detectDrift(context, *deployed, *rules);
  if (!drift) return {false, "detecting drift: " + drift.error().message};
  if (drift->empty()) return {markUndrifted(release), ""};

  const std::vector<std::string> entries = describeDrift(*drift);
  const std::string fields = std::to_string(entries.size()) + (entries.size() == 1 ? " field" : " fields");
  const std::string where = "Helm release '" + release.releaseName() + "'";
  if (spec->mode == "warn") {
    return {setDrifted(release, ConditionStatus::True, kDriftDetectedReason,
                       "The live objects of " + where + " drifted from its manifest (" + fields +
                           "): " + summarizeDrift(entries)),
            ""};
  }
  if (auto corrected = correctDrift(context, *deployed, *drift, release.antecedent()); !corrected) {
    return {setDrifted(release, ConditionStatus::True, kDriftCorrectionFailedReason,
                       "The live objects of " + where + " drifted from its manifest (" + fields +
                           "): " + summarizeDrift(entries) + "; " + corrected.error().message),
            corrected.error().message};
  }
  return {setDrifted(release, ConditionStatus::False, kDriftCorrectedReason,
                     "Restored the live objects of " + where + " to its manifest without a new revision (" + fields +
                         "): " + summarizeDrift(entries)),
          ""};
}

}  // namespace ho::controller
