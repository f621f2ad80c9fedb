// The bounded change history and the waiting watchers.
#include "kube/server/watch_hub.h"

#include <algorithm>

namespace ho::kube {

WatchHub::WatchHub(size_t historyLimit) : historyLimit_(historyLimit) {}

void WatchHub::publish(const WatchEvent& event) {
  auto shared = std::make_shared<const WatchEvent>(event);
  {
    std::lock_guard lock(mutex_);
    history_.push_back(std::move(shared));
    while (history_.size() > historyLimit_) {
      droppedThrough_ = history_.front()->resourceVersion;
      history_.pop_front();
    }
  }
  changed_.notify_all();
}

ApiResult<std::vector<SharedWatchEvent>> WatchHub::eventsAfter(uint64_t after,
                                                               std::chrono::steady_clock::time_point deadline) {
  std::unique_lock lock(mutex_);
  if (after < droppedThrough_) {
    return expired("too old resource version: " + std::to_string(after) + " (" + std::to_string(droppedThrough_) +
                   ")");
  }
  const auto hasNewer = [&] { return shutDown_ || (!history_.empty() && history_.back()->resourceVersion > after); };
  changed_.wait_until(lock, deadline, hasNewer);
  std::vector<SharedWatchEvent> events;
  if (shutDown_) return events;
  auto first = std::upper_bound(history_.begin(), history_.end(), after,
                                [](uint64_t rv, const SharedWatchEvent& event) { return rv < event->resourceVersion; });
  events.assign(first, history_.end());
  return events;
}

void WatchHub::shutdown() {
  {
    std::lock_guard lock(mutex_);
    shutDown_ = true;
  }
  changed_.notify_all();
}

bool WatchHub::isShutDown() const {
  std::lock_guard lock(mutex_);
  return shutDown_;
}

}  // namespace ho::kube
