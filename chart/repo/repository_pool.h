// The controller's set of chart repositories: one long-lived ChartRepository
// per repository URL and credentials, so the parsed index and the 304
// revalidation carry over from one reconcile to the next; oci:// registries
// are asked afresh each time (their blobs are cached). Thread-safe.
#pragma once

#include <chrono>
#include <map>
#include <memory>
#include <mutex>
#include <string>
#include <string_view>

#include "chart/repo/chart_repository.h"

namespace ho::chart::repo {

class RepositoryPool {
 public:
  // `cacheDir` is shared by every repository (their files are keyed by URL);
  // `indexMaxAge` is how long an index in memory is used before it is
  // revalidated (see ChartRepository; zero: until a version is missing).
  explicit RepositoryPool(std::string cacheDir, std::chrono::milliseconds indexMaxAge = {})
      : cacheDir_(std::move(cacheDir)), indexMaxAge_(indexMaxAge) {}

  // The repository for `config`, made on first use. Configurations that differ
  // in URL, credentials or TLS settings get different instances.
  std::shared_ptr<ChartRepository> get(const RepositoryConfig& config);
  // Chart `chartName` at `versionRange` from config.url: an HTTP repository
  // through get(config), or an oci:// registry (see oci_chart.h; its charts are
  // cached in the same folder). A loopback registry is spoken to over HTTPS
  // instead of plain HTTP when config.http carries a CA or client certificate.
  RepoResult<FetchedChart> fetchChart(const RepositoryConfig& config, std::string_view chartName,
                                      std::string_view versionRange);

 private:
  std::string cacheDir_;
  std::chrono::milliseconds indexMaxAge_;
  std::mutex mutex_;
  std::map<std::string, std::shared_ptr<ChartRepository>> repositories_;
};

}  // namespace ho::chart::repo
