// The shared, bounded cache of watch event Tables.
#include "kube/server/watch_table_cache.h"

namespace ho::kube {

std::shared_ptr<const std::string> WatchTableCache::body(uint64_t resourceVersion, const std::string& variant,
                                                         const std::function<std::string()>& build) {
  std::shared_ptr<Entry> entry;
  {
    std::lock_guard lock(mutex_);
    Key key{resourceVersion, variant};
    auto found = entries_.find(key);
    if (found == entries_.end()) {
      found = entries_.emplace(key, std::make_shared<Entry>()).first;
      order_.push_back(std::move(key));
      while (order_.size() > capacity_) {
        entries_.erase(order_.front());
        order_.pop_front();
      }
    }
    entry = found->second;
  }
  std::call_once(entry->built, [&] {
    entry->body = std::make_shared<const std::string>(build());
    std::lock_guard lock(mutex_);
    ++builds_;
  });
  return entry->body;
}

uint64_t WatchTableCache::builds() const {
  std::lock_guard lock(mutex_);
  return builds_;
}

}  // namespace ho::kube
