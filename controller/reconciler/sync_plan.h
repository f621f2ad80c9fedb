// What one sync of a HelmRelease does with its Helm release, decided from the
// release history, the HelmRelease's status and the chart and values it asks
// for (Flux v1's determineSyncAction, with a comparison of chart and values in
// place of its dry-run upgrade, so an unchanged release costs no revision):
//  - no release yet: install;
//  - rolled back in this generation (RolledBack=True): upgrade again only for
//    a different chart version, a retry that spec.rollback allows, or chart
//    and values that differ from the attempt that failed; else await a change;
//  - otherwise: nothing when the deployed revision already has this chart and
//    these values, was post-rendered with these postRenderers and
//    commonMetadata (the digest its manifest records), and, for a git chart,
//    no commit changed the chart's folder since the last attempt; else upgrade.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "controller/helmrelease/helm_release.h"
#include "controller/release/release.h"
#include "core/value.h"

namespace ho::controller {

enum class SyncPlan { Install, Upgrade, UpToDate, AwaitChange };

// The chart and values a HelmRelease asks for.
struct DesiredRelease {
  std::string chartName;
  std::string chartVersion;  // also the HelmRelease's "revision" for a repository chart
  Value values;
  std::string postRenderDigest = {};  // PostRenderSpec::digest ("" = no post-rendering)
};

// For a git chart: the commit recorded as the HelmRelease's "revision", and
// whether a commit changed the chart's folder since the last attempted one.
struct SourceRevision {
  std::string commit;  // "" for a repository chart
  bool changed = false;
};

SyncPlan planSync(const HelmRelease& release, const std::vector<Release>& history, const DesiredRelease& desired,
                  const SourceRevision& source = {});

// Flux v1's HasRolledBack: RolledBack=True and the generation already observed.
bool hasRolledBack(const HelmRelease& release);
// Flux v1's ShouldRetryUpgrade: rollback.retry and (maxRetries == 0 or rollbackCount <= maxRetries).
bool shouldRetryUpgrade(const HelmRelease& release);

std::string_view syncPlanName(SyncPlan plan);

}  // namespace ho::controller
