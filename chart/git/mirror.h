// One bare mirror of a git repository under the cache directory: every
// branch and tag of the remote, fetched when the last fetch is older than the
// poll interval or on demand (a ref it does not know yet), one fetch at a time,
// with a deadline per fetch and exponential backoff after failures, capped at
// the poll interval (a remote that is down answers from the last error at
// once instead of holding a worker). Commits are read straight from the object database: resolving a
// ref, the id of the tree at a path, and the files under a path, without a
// working tree. Thread-safe.
#pragma once

#include <atomic>
#include <chrono>
#include <cstdint>
#include <mutex>
#include <string>
#include <string_view>
#include <vector>

#include "chart/chart.h"
#include "chart/git/credentials.h"
#include "chart/git/libgit2.h"
#include "core/error.h"

namespace ho::chart::git {

struct MirrorOptions {
  std::chrono::milliseconds pollInterval{std::chrono::minutes(5)};  // --git-poll-interval
  std::chrono::milliseconds timeout{std::chrono::seconds(20)};      // --git-timeout, per fetch
  std::chrono::milliseconds minBackoff{std::chrono::seconds(1)};
  std::chrono::milliseconds maxBackoff{std::chrono::minutes(5)};
};

class Mirror {
 public:
  Mirror(std::string url, Credentials credentials, std::string directory, MirrorOptions options);

  // Fetches when never fetched by this process, when the last fetch is older
  // than the poll interval or failed, or when `force`; not while a failure's
  // backoff runs (then the failure is returned again).
  Result<void> refresh(bool force = false);
  // The full commit id of `ref`: a branch, a tag, or a full or abbreviated
  // commit id. A ref the mirror does not know triggers one forced fetch.
  Result<std::string> resolve(std::string_view ref);
  // resolve() from what the mirror holds now, without fetching.
  Result<std::string> commitOf(std::string_view ref);
  // The id of the tree at `path` ("" or "." = the root) in `commit`.
  Result<std::string> treeId(std::string_view commit, std::string_view path);
  // Every file under `path` in `commit`, named relative to `path`.
  Result<std::vector<File>> exportFiles(std::string_view commit, std::string_view path);
  // The content of the file at `path` in `commit`.
  Result<std::string> readFile(std::string_view commit, std::string_view path);

  const std::string& url() const { return url_; }
  // How many fetches this mirror has started, and how many of them succeeded.
  std::uint64_t fetchCount() const { return fetches_.load(); }
  std::uint64_t successfulFetchCount() const { return successfulFetches_.load(); }
  // When refresh() will fetch again: the last fetch plus the poll interval,
  // the end of a failure's backoff, or now when never fetched.
  std::chrono::steady_clock::time_point nextFetchDue();

 private:
  using Clock = std::chrono::steady_clock;
  Result<void> openLocked();
  Result<void> fetchLocked();
  std::chrono::milliseconds maxBackoff() const;
  Result<TreeHandle> treeAtLocked(std::string_view commit, std::string_view path);
  std::string describe(const std::string& what) const;

  const std::string url_;
  const Credentials credentials_;
  const std::string directory_;
  const MirrorOptions options_;
  std::mutex mutex_;
  RepositoryHandle repository_;
  bool fetched_ = false;
  Clock::time_point lastFetch_;
  Clock::time_point retryAfter_;
  std::chrono::milliseconds backoff_{0};
  std::string lastFailure_;  // of the last fetch, empty after a success
  std::atomic<std::uint64_t> fetches_{0};
  std::atomic<std::uint64_t> successfulFetches_{0};
};

}  // namespace ho::chart::git
