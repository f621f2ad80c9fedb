// Loading the chart of --git/--ref/--path through a mirror in the git cache.
#include "cli/git_chart_input.h"

#include <unistd.h>

#include <cstdlib>

#include "chart/git/git_chart.h"

namespace ho::cli {
namespace {

std::string defaultCacheDir() {
  if (const char* cache = std::getenv("XDG_CACHE_HOME"); cache != nullptr && *cache != '\0') {
    return std::string(cache) + "/helm-operator/git";
  }
  if (const char* home = std::getenv("HOME"); home != nullptr && *home != '\0') {
    return std::string(home) + "/.cache/helm-operator/git";
  }
  return "/tmp/helm-operator-git-" + std::to_string(getuid());
}

}  // namespace

void addGitChartOptions(FlagSet& flags, GitChartOptions& options) {
  flags.addString("git", options.url, "a git repository URL (or local path) to take the chart from");
  flags.addString("ref", options.ref, "with --git: the branch, tag or commit (default master)");
  flags.addString("path", options.path, "with --git: the chart's folder in the repository");
  flags.addString("git-cache", options.cacheDir,
                  "folder for git mirrors (default $XDG_CACHE_HOME or ~/.cache, under helm-operator/git)");
  flags.addBool("skip-dep-update", options.skipDepUpdate,
                "with --git: use only the chart's charts/ folder (do not fetch missing dependencies)");
}

Result<std::shared_ptr<chart::Chart>> loadGitChartInput(const GitChartOptions& options) {
  const std::string cacheDir = options.cacheDir.empty() ? defaultCacheDir() : options.cacheDir;
  // Every run looks at the remote: a preview should show the branch as it is now.
  chart::git::MirrorPool mirrors(cacheDir, {.pollInterval = std::chrono::milliseconds(0)});
  chart::repo::RepositoryPool repositories(cacheDir + "/dependencies");
  chart::git::GitChartRequest request{options.url, options.ref.empty() ? chart::git::kDefaultRef : options.ref,
                                      options.path, {}};
  std::optional<chart::repo::DependencySources> dependencyUpdate;
  if (!options.skipDepUpdate) dependencyUpdate = chart::repo::DependencySources{&repositories, {}, {}};
  auto loaded = chart::git::loadGitChart(mirrors, request, dependencyUpdate);
  if (!loaded) return loaded.error();
  return std::move(loaded->chart);
}

}  // namespace ho::cli
