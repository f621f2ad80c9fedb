// loadGitChart: mirror, resolve, export, load.
#include "chart/git/git_chart.h"

#include "chart/loader.h"

namespace ho::chart::git {

Result<GitChart> loadGitChart(MirrorPool& pool, const GitChartRequest& request) {
  std::shared_ptr<Mirror> mirror = pool.get(request.url, request.credentials);
  auto commit = mirror->resolve(request.ref.empty() ? kDefaultRef : request.ref);
  if (!commit) return commit.error();
  auto treeId = mirror->treeId(*commit, request.path);
  if (!treeId) return treeId.error();
  auto files = mirror->exportFiles(*commit, request.path);
  if (!files) return files.error();
  auto chart = loadFileTree(std::move(*files));
  if (!chart) {
    return Error{"loading the chart at \"" + request.path + "\" of commit " + *commit + ": " + chart.error().message};
  }
  return GitChart{std::move(*chart), std::move(*commit), std::move(*treeId)};
}

}  // namespace ho::chart::git
