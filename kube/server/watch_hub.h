// The change history watches read: every committed change becomes a
// WatchEvent with its resourceVersion; watchers wait for events after a
// version. A bounded window is kept; asking for a version older than the
// window is 410 Expired, as on a real apiserver after etcd compaction.
// Events share the committed object version (and its serialized bodies), so
// publishing to any number of watchers copies pointers, not objects.
#pragma once

#include <chrono>
#include <condition_variable>
#include <cstdint>
#include <deque>
#include <memory>
#include <mutex>
#include <string>
#include <vector>

#include "kube/server/api_status.h"
#include "kube/server/object_version.h"

namespace ho::kube {

struct WatchEvent {
  uint64_t resourceVersion = 0;
  std::string type;  // ADDED, MODIFIED, DELETED
  std::string groupResource;
  ObjectPtr object;
  // MODIFIED: the version it replaced, so a selective watch can tell an
  // object entering its selection (ADDED) from one leaving it (DELETED).
  ObjectPtr previous;
};

using SharedWatchEvent = std::shared_ptr<const WatchEvent>;

class WatchHub {
 public:
  explicit WatchHub(size_t historyLimit = 20000);

  // Called in resourceVersion order (the store holds its lock).
  void publish(const WatchEvent& event);
  // The events with resourceVersion > after, waiting up to `deadline` for the
  // first one; empty on deadline or shutdown. Expired when `after` is older
  // than the kept window.
  ApiResult<std::vector<SharedWatchEvent>> eventsAfter(uint64_t after,
                                                       std::chrono::steady_clock::time_point deadline);
  // Wakes every watcher and makes further waits return at once.
  void shutdown();
  bool isShutDown() const;

 private:
  mutable std::mutex mutex_;
  std::condition_variable changed_;
  std::deque<SharedWatchEvent> history_;
  size_t historyLimit_;
  uint64_t droppedThrough_ = 0;  // the newest resourceVersion no longer kept
  bool shutDown_ = false;
};

}  // namespace ho::kube
