// Repositories keyed by everything that changes how they are fetched, and the
// choice between a repository and an OCI registry.
#include "chart/repo/repository_pool.h"

#include "chart/repo/digest.h"
#include "chart/repo/oci_chart.h"

namespace ho::chart::repo {

std::shared_ptr<ChartRepository> RepositoryPool::get(const RepositoryConfig& config) {
  const HttpOptions& h = config.http;
  // Secrets enter the key only as a digest.
  const std::string secrets =
      h.password + '\n' + h.bearerToken + '\n' + h.caPem + '\n' + h.certPem + '\n' + h.keyPem;
  std::string key = config.url + '\n' + h.username + '\n' + sha256Hex(secrets) + '\n' +
                    h.caFile + '\n' + h.certFile + '\n' + h.keyFile + '\n' + (h.insecureSkipTlsVerify ? "1" : "0") +
                    (h.passCredentialsAll ? "1" : "0");
  std::lock_guard lock(mutex_);
  auto& slot = repositories_[key];
  if (!slot) slot = std::make_shared<ChartRepository>(config, cacheDir_, indexMaxAge_);
  return slot;
}

RepoResult<FetchedChart> RepositoryPool::fetchChart(const RepositoryConfig& config, std::string_view chartName,
                                                    std::string_view versionRange) {
  if (isOciUrl(config.url)) {
    return pullOciChart(config.url, chartName, versionRange, config.http, ChartCache(cacheDir_));
  }
  return get(config)->fetchChart(chartName, versionRange);
}

}  // namespace ho::chart::repo
