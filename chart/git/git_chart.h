// A chart from a git repository (Flux v1's spec.chart.git/ref/path): the
// mirror is refreshed (poll interval), `ref` resolved to a commit, the tree at
// `path` read from the object database and loaded like a chart directory.
// Dependencies missing from its charts/ are fetched like `helm dependency
// update` does (file:// ones from the same commit), unless that is skipped.
// A later commit changed the chart when it changed the tree at `path` or at
// the folder of one of its file:// dependencies.
#pragma once

#include <memory>
#include <optional>
#include <string>

#include "chart/chart.h"
#include "chart/git/mirror_pool.h"
#include "chart/repo/dependency_update.h"
#include "core/error.h"

namespace ho::chart::git {

inline constexpr const char* kDefaultRef = "master";  // Flux v1's --git-default-ref

struct GitChartRequest {
  std::string url;
  std::string ref = kDefaultRef;  // branch, tag or commit
  std::string path;               // the chart's folder in the repository
  Credentials credentials;
};

struct GitChart {
  std::shared_ptr<Chart> chart;
  std::string commit;  // full id of the commit `ref` resolved to
  std::string treeId;  // id of the tree at `path` in that commit
};

// `dependencyUpdate`: where Chart.yaml dependencies missing from charts/ come
// from (its localChart is filled in here); nullopt (skipDepUpdate): only
// charts/ is used and a missing dependency is an error.
Result<GitChart> loadGitChart(MirrorPool& pool, const GitChartRequest& request,
                              const std::optional<repo::DependencySources>& dependencyUpdate = std::nullopt);

// Whether the chart at `path` differs between commits `before` and `after` of
// `mirror`: the tree at `path`, or at the folder of a file:// dependency its
// Chart.yaml names. A folder that cannot be read counts as changed.
bool chartChangedBetween(Mirror& mirror, const std::string& before, const std::string& after,
                         const std::string& path);

}  // namespace ho::chart::git
