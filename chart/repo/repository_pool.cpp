// Repositories keyed by everything that changes how they are fetched.
#include "chart/repo/repository_pool.h"

#include "chart/repo/digest.h"

namespace ho::chart::repo {

std::shared_ptr<ChartRepository> RepositoryPool::get(const RepositoryConfig& config) {
  const HttpOptions& h = config.http;
  // Secrets enter the key only as a digest.
  std::string key = config.url + '\n' + h.username + '\n' + sha256Hex(h.password + '\n' + h.bearerToken) + '\n' +
                    h.caFile + '\n' + h.certFile + '\n' + h.keyFile + '\n' + (h.insecureSkipTlsVerify ? "1" : "0") +
                    (h.passCredentialsAll ? "1" : "0");
  std::lock_guard lock(mutex_);
  auto& slot = repositories_[key];
  if (!slot) slot = std::make_shared<ChartRepository>(config, cacheDir_, indexMaxAge_);
  return slot;
}

}  // namespace ho::chart::repo
