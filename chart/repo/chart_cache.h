// The on-disk cache of chart tarballs, keyed by repository + name + version +
// digest: a tarball fetched once is reused across reconciles and restarts, and
// an entry whose bytes no longer match is dropped so it is fetched again.
#pragma once

#include <optional>
#include <string>
#include <string_view>

#include "chart/repo/repo_error.h"

namespace ho::chart::repo {

struct ChartCacheKey {
  std::string repoUrl;
  std::string name;
  std::string version;
  std::string digest;  // from the index; "" when the index has none
};

class ChartCache {
 public:
  explicit ChartCache(std::string directory) : directory_(std::move(directory)) {}

  // Where the entry lives (it may not exist).
  std::string pathFor(const ChartCacheKey& key) const;
  // The cached bytes when present and intact (sha256 equals the digest; without
  // a digest, a sound gzipped tar). A corrupt entry is deleted and nullopt returned.
  std::optional<std::string> get(const ChartCacheKey& key) const;
  // Stores verified bytes; returns the entry's path.
  RepoResult<std::string> put(const ChartCacheKey& key, std::string_view bytes) const;

 private:
  std::string directory_;
};

}  // namespace ho::chart::repo
