// LocateChart over the repository and OCI registry clients.
#include "chart/repo/chart_locator.h"

#include <filesystem>

#include "chart/repo/chart_repository.h"
#include "chart/repo/oci_chart.h"
#include "chart/repo/repositories_file.h"

namespace ho::chart::repo {

RepoResult<std::string> locateChart(const ChartLocation& location) {
  std::string cacheRoot =
      (location.repositoryCache.empty() ? defaultRepositoryCachePath() : location.repositoryCache) + "/helm-operator";
  RepositoryConfig config;
  std::string chartName = location.chart;
  if (isOciUrl(location.chart)) {
    // oci://HOST/PATH/CHART names the chart itself, as in `helm template r oci://...`.
    auto fetched = pullOciChart(location.chart, "", location.version, location.http, ChartCache(cacheRoot));
    if (!fetched) return fetched.error();
    return fetched->path;
  }
  if (!location.repoUrl.empty()) {
    config.url = location.repoUrl;
    config.http = location.http;
  } else {
    std::error_code ec;
    if (std::filesystem::exists(location.chart, ec)) return location.chart;
    if (location.chart.starts_with('/') || location.chart.starts_with('.')) {
      return RepoError{RepoErrorKind::ChartNotFound, "path \"" + location.chart + "\" not found"};
    }
    std::size_t slash = location.chart.find('/');
    if (slash == std::string::npos) {
      return RepoError{RepoErrorKind::ChartNotFound,
                       "non-absolute URLs should be in form of repo_name/path_to_chart, got: " + location.chart};
    }
    std::string repoName = location.chart.substr(0, slash);
    chartName = location.chart.substr(slash + 1);
    auto repositories = loadRepositoriesFile(
        location.repositoryConfig.empty() ? defaultRepositoryConfigPath() : location.repositoryConfig);
    if (!repositories) return repositories.error();
    auto found = findRepository(*repositories, repoName);
    if (!found) return RepoError{RepoErrorKind::ChartNotFound, "repo " + repoName + " not found"};
    config = std::move(*found);
  }
  ChartRepository repository(std::move(config), cacheRoot);
  auto fetched = repository.fetchChart(chartName, location.version);
  if (!fetched) return fetched.error();
  return fetched->path;
}

}  // namespace ho::chart::repo
