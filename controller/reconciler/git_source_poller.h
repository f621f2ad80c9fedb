// Polls the git mirrors of charts from git on its own thread, each every poll
// interval (--git-poll-interval), instead of waiting for a reconcile to come
// by. After a mirror has fetched (whoever made it fetch), the HelmReleases on
// that repository whose ref now names a commit that changed the tree under
// their path (compared with the commit in their lastAttemptedRevision) are
// queued, once per pair of commits, so a push rolls out within one poll interval
// whatever the resync interval; commits elsewhere in the repository queue
// nothing. A mirror that starts or stops failing queues its HelmReleases so
// their status says the remote is unreachable (and recovers) at once; a
// failing mirror is retried on its own backoff (see Mirror), and the others
// are polled as usual.
#pragma once

#include <chrono>
#include <condition_variable>
#include <cstdint>
#include <functional>
#include <map>
#include <memory>
#include <mutex>
#include <nlohmann/json.hpp>
#include <string>
#include <thread>
#include <vector>

#include "chart/git/mirror_pool.h"

namespace ho::controller {

class GitSourcePoller {
 public:
  using ListHelmReleases = std::function<std::vector<nlohmann::json>()>;  // the informer's cache
  using Enqueue = std::function<void(const std::string& key)>;           // "namespace/name"

  GitSourcePoller(std::shared_ptr<chart::git::MirrorPool> mirrors, ListHelmReleases list, Enqueue enqueue);
  ~GitSourcePoller();
  GitSourcePoller(const GitSourcePoller&) = delete;
  GitSourcePoller& operator=(const GitSourcePoller&) = delete;

  void start();
  // Waits for a fetch in progress to end (bounded by the git timeout).
  void stop();

  // One pass: fetches the mirrors that are due and queues what changed.
  // Returns when the next mirror is due. Called by the poller's thread.
  std::chrono::steady_clock::time_point pollOnce();

 private:
  struct MirrorState {
    std::uint64_t checkedFetches = 0;  // successful fetches already looked at
    bool failing = false;
  };
  void loop();
  // Queues the HelmReleases on `mirror`'s repository: all of them, or only those whose chart changed.
  void queueReleases(chart::git::Mirror& mirror, bool all);
  // The commit (or "!" + the ref when it is gone) at which `object`'s chart
  // changed since its last attempted commit; "" when it did not, or when
  // that pair of commits was judged before.
  std::string changedAt(chart::git::Mirror& mirror, const std::string& key, const nlohmann::json& object);

  std::shared_ptr<chart::git::MirrorPool> mirrors_;
  ListHelmReleases list_;
  Enqueue enqueue_;
  std::map<const chart::git::Mirror*, MirrorState> states_;  // poller thread only
  // HelmRelease key -> "ATTEMPTED CURRENT": the commits last compared (poller thread only).
  std::map<std::string, std::string> judged_;
  std::mutex mutex_;
  std::condition_variable wake_;
  bool stopping_ = false;
  std::thread thread_;
};

}  // namespace ho::controller
