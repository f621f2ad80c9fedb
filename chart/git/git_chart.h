// A chart from a git repository (Flux v1's spec.chart.git/ref/path): the
// mirror is refreshed (poll interval), `ref` resolved to a commit, the tree at
// `path` read from the object database and loaded like a chart directory.
// The tree id at `path` tells whether a later commit changed the chart.
#pragma once

#include <memory>
#include <string>

#include "chart/chart.h"
#include "chart/git/mirror_pool.h"
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

Result<GitChart> loadGitChart(MirrorPool& pool, const GitChartRequest& request);

}  // namespace ho::chart::git
