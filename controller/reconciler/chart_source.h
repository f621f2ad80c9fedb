// Where a HelmRelease's chart comes from (spec.chart), resolved to a loaded
// chart and the "revision" Flux v1 records: a chart repository's (or an
// oci:// registry's) chart and its version (with spec.chart.chartPullSecret's
// credentials), or a git repository's chart at `path` and the commit of
// `ref`. For git, a commit that leaves the tree under `path` as it was in the
// last attempted commit is no change: the revision stays that commit, so an
// unrelated commit never makes a new Helm revision.
#pragma once

#include <chrono>
#include <memory>
#include <string>

#include "chart/chart.h"
#include "chart/git/mirror_pool.h"
#include "chart/repo/repository_pool.h"
#include "controller/helmrelease/helm_release.h"
#include "controller/reconciler/loaded_charts.h"
#include "controller/reconciler/secret_redactor.h"
#include "core/error.h"
#include "kube/client/rest_client.h"

namespace ho::controller {

struct ChartSources {
  std::shared_ptr<chart::repo::RepositoryPool> repositories;
  std::shared_ptr<chart::git::MirrorPool> mirrors;  // null: git sources are refused
  std::shared_ptr<LoadedCharts> loadedCharts;       // repository charts already loaded (never null)
  // Bounds each chart repository request.
  std::chrono::milliseconds fetchTimeout{std::chrono::seconds(30)};
};

struct ResolvedChart {
  std::shared_ptr<const chart::Chart> chart;
  std::string revision;        // the chart version, or the git commit
  bool sourceChanged = false;  // git: the tree under path differs from the last attempted commit's
  std::string note;            // what Installing/Upgrading messages add ("" for repository charts)
};

// Fetches and loads the chart of `release`; secretRef and chartPullSecret
// credentials are read with `client`, and the secret values among them are
// remembered by `secretsRead` (when given). Errors are what ChartFetchFailed reports.
Result<ResolvedChart> resolveChart(kube::client::RestClient& client, const HelmRelease& release,
                                   const ChartSources& sources, SecretRedactor* secretsRead = nullptr);

}  // namespace ho::controller
