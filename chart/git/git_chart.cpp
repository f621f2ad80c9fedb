// loadGitChart: mirror, resolve, export, load, complete the dependencies.
#include "chart/git/git_chart.h"

#include <filesystem>

#include "chart/dependencies.h"
#include "chart/loader.h"

namespace ho::chart::git {
namespace {

constexpr std::string_view kFileScheme = "file://";

// The chart at `path` of `commit`, loaded like a chart directory.
Result<std::shared_ptr<Chart>> loadAt(Mirror& mirror, const std::string& commit, const std::string& path) {
  auto files = mirror.exportFiles(commit, path);
  if (!files) return files.error();
  auto chart = loadFileTree(std::move(*files));
  if (!chart) return Error{"loading the chart at \"" + path + "\" of commit " + commit + ": " + chart.error().message};
  return chart;
}

// A file:// dependency's folder: `relative` to the chart's `path`, kept inside the repository.
Result<std::string> dependencyPath(const std::string& path, const std::string& relative) {
  const std::filesystem::path joined = (std::filesystem::path(path).relative_path() / relative).lexically_normal();
  const std::string normal = joined.generic_string();
  if (joined.is_absolute() || normal == ".." || normal.starts_with("../")) {
    return Error{"file://" + relative + " points outside the git repository"};
  }
  return normal;
}

// What the chart at `path` of `commit` is built from: the tree ids of its
// folder and of its file:// dependencies' folders ("" when its folder cannot be read).
std::string chartSourceId(Mirror& mirror, const std::string& commit, const std::string& path) {
  auto tree = mirror.treeId(commit, path);
  if (!tree) return "";
  std::string id = *tree;
  auto chartYaml = mirror.readFile(commit, (std::filesystem::path(path) / "Chart.yaml").generic_string());
  Metadata metadata;
  if (!chartYaml || !parseChartYaml(*chartYaml, metadata)) return id;
  for (const auto& dependency : metadata.dependencies) {
    if (!dependency->repository.starts_with(kFileScheme)) continue;
    auto folder = dependencyPath(path, dependency->repository.substr(kFileScheme.size()));
    auto folderTree = folder ? mirror.treeId(commit, *folder) : Result<std::string>(folder.error());
    id += " " + (folderTree ? *folderTree : std::string("-"));
  }
  return id;
}

Result<void> completeDependencies(Chart& chart, Mirror& mirror, const std::string& commit,
                                  const std::string& path,
                                  const std::optional<repo::DependencySources>& dependencyUpdate) {
  if (!dependencyUpdate) {
    std::string missing;
    for (const auto& dependency : missingDependencies(chart)) {
      missing += (missing.empty() ? "" : ", ") + dependency->name;
    }
    if (missing.empty()) return {};
    return Error{"the chart at \"" + path + "\" of commit " + commit +
                 " declares dependencies that are missing from its charts/ folder: " + missing +
                 " (with skipDepUpdate, only the chart's charts/ folder is used)"};
  }
  repo::DependencySources sources = *dependencyUpdate;
  sources.localChart = [&](const std::string& relative) -> Result<std::shared_ptr<Chart>> {
    auto folder = dependencyPath(path, relative);
    if (!folder) return folder.error();
    return loadAt(mirror, commit, *folder);
  };
  return repo::addMissingDependencies(chart, sources);
}

}  // namespace

Result<GitChart> loadGitChart(MirrorPool& pool, const GitChartRequest& request,
                              const std::optional<repo::DependencySources>& dependencyUpdate) {
  std::shared_ptr<Mirror> mirror = pool.get(request.url, request.credentials);
  auto commit = mirror->resolve(request.ref.empty() ? kDefaultRef : request.ref);
  if (!commit) return commit.error();
  auto treeId = mirror->treeId(*commit, request.path);
  if (!treeId) return treeId.error();
  auto chart = loadAt(*mirror, *commit, request.path);
  if (!chart) return chart.error();
  if (auto completed = completeDependencies(**chart, *mirror, *commit, request.path, dependencyUpdate); !completed) {
    return completed.error();
  }
  return GitChart{std::move(*chart), std::move(*commit), std::move(*treeId)};
}

bool chartChangedBetween(Mirror& mirror, const std::string& before, const std::string& after,
                         const std::string& path) {
  const std::string beforeId = chartSourceId(mirror, before, path);
  return beforeId.empty() || beforeId != chartSourceId(mirror, after, path);
}

}  // namespace ho::chart::git
