// The controller's git mirrors: one Mirror per repository URL and credential
// set, made on first use under the cache directory and shared by every
// HelmRelease (and every `render`) that names it, so N releases of one
// repository cost one fetch per poll interval. Thread-safe.
#pragma once

#include <cstdint>
#include <map>
#include <memory>
#include <mutex>
#include <string>
#include <vector>

#include "chart/git/mirror.h"

namespace ho::chart::git {

class MirrorPool {
 public:
  MirrorPool(std::string cacheDir, MirrorOptions options = {});

  // The mirror of `url` with `credentials`, made on first use.
  std::shared_ptr<Mirror> get(const std::string& url, const Credentials& credentials);
  // Fetches every mirror now (Flux v1's POST /api/v1/sync-git); the errors of those that failed.
  std::vector<Error> refreshAll();

  // Every mirror made so far.
  std::vector<std::shared_ptr<Mirror>> all();
  const MirrorOptions& options() const { return options_; }
  std::size_t size();
  // Fetches started by all mirrors so far.
  std::uint64_t fetchCount();

 private:
  std::string cacheDir_;
  MirrorOptions options_;
  std::mutex mutex_;
  std::map<std::string, std::shared_ptr<Mirror>> mirrors_;  // by sha256(URL, credential fingerprint)
};

}  // namespace ho::chart::git
