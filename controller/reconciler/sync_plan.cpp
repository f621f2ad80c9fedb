// planSync: the sync decision from history, status and the desired release.
#include "controller/reconciler/sync_plan.h"

#include <optional>

#include "chart/values.h"
#include "controller/action/action_support.h"
#include "controller/action/post_render.h"
#include "controller/release/secret_storage.h"
#include "encoding/go_yaml.h"

namespace ho::controller {
namespace {

// Values compared as Helm stores them: nil and {} are the same, numbers by their YAML form.
std::string valuesFingerprint(const Value& values) {
  if (values.isNil() || (values.isMap() && values.asMap().empty())) return "{}";
  auto yaml = encoding::toYaml(values);
  return yaml ? *yaml : std::string();
}

// Whether an upgrade of `base` would store `release`'s chart and config again
// (with reused values the stored config is the old one under the new), post-rendered alike.
bool sameAs(const Release& release, const Release& base, const HelmRelease& helmRelease,
            const DesiredRelease& desired) {
  const Value config = helmRelease.spec.reuseValues() ? chart::mergeMaps(orEmptyMap(base.config), desired.values)
                                                      : desired.values;
  return chartMetadataField(release, "name") == desired.chartName &&
         chartMetadataField(release, "version") == desired.chartVersion &&
         valuesFingerprint(release.config) == valuesFingerprint(config) &&
         postRenderDigestOf(release.manifest) == desired.postRenderDigest;
}

// Flux v1 compares with the newest revision that is failed or superseded: the failed attempt.
std::optional<Release> failedAttempt(const std::vector<Release>& history) {
  std::optional<Release> newest;
  for (const Release& revision : history) {
    const bool candidate = revision.info.status == status::kFailed || revision.info.status == status::kSuperseded;
    if (candidate && (!newest || revision.version > newest->version)) newest = revision;
  }
  return newest;
}

}  // namespace

bool hasRolledBack(const HelmRelease& release) {
  if (release.status.observedGeneration < release.generation) return false;
  const HelmReleaseCondition* rolledBack = findCondition(release.status, ConditionType::RolledBack);
  return rolledBack != nullptr && rolledBack->status == ConditionStatus::True;
}

bool shouldRetryUpgrade(const HelmRelease& release) {
  const RollbackSpec& rollback = release.spec.rollback;
  if (!rollback.retry) return false;
  const std::int64_t maxRetries = rollback.maxRetriesOrDefault();
  return maxRetries == 0 || release.status.rollbackCount <= maxRetries;
}

SyncPlan planSync(const HelmRelease& release, const std::vector<Release>& history, const DesiredRelease& desired,
                  const SourceRevision& source) {
  const std::optional<Release> last = lastRevision(history);
  if (!last) return SyncPlan::Install;
  const std::optional<Release> deployed = lastDeployed(history);
  if (hasRolledBack(release)) {
    const std::string& revision = source.commit.empty() ? desired.chartVersion : source.commit;
    if (revision != release.status.lastAttemptedRevision || shouldRetryUpgrade(release)) {
      return SyncPlan::Upgrade;
    }
    const std::optional<Release> failed = failedAttempt(history);
    const Release& base = deployed ? *deployed : *last;
    return failed && sameAs(*failed, base, release, desired) ? SyncPlan::AwaitChange : SyncPlan::Upgrade;
  }
  if (!source.changed && deployed && deployed->version == last->version &&
      sameAs(*deployed, *deployed, release, desired)) {
    return SyncPlan::UpToDate;
  }
  return SyncPlan::Upgrade;
}

std::string_view syncPlanName(SyncPlan plan) {
  switch (plan) {
    case SyncPlan::Install: return "install";
    case SyncPlan::Upgrade: return "upgrade";
    case SyncPlan::UpToDate: return "up-to-date";
    case SyncPlan::AwaitChange: return "await-change";
  }
  return "";
}

}  // namespace ho::controller
