// Table bodies of watch events (`kubectl get -w` asks for
// application/json;as=Table), shared between watchers: the Table of one
// event for one way of asking (resource and version watched, includeObject,
// with or without column definitions) is built by the first watcher that
// needs it and handed to every other one, as kube-apiserver caches an
// event's encoding per encoder. Holds the newest `capacity` bodies.
#pragma once

#include <cstdint>
#include <deque>
#include <functional>
#include <map>
#include <memory>
#include <mutex>
#include <string>
#include <utility>

namespace ho::kube {

class WatchTableCache {
 public:
  explicit WatchTableCache(size_t capacity = 4096) : capacity_(capacity == 0 ? 1 : capacity) {}
  WatchTableCache(const WatchTableCache&) = delete;
  WatchTableCache& operator=(const WatchTableCache&) = delete;

  // The body for the event at `resourceVersion` asked for as `variant`;
  // `build` runs once per key, concurrent callers wait for its result.
  std::shared_ptr<const std::string> body(uint64_t resourceVersion, const std::string& variant,
                                          const std::function<std::string()>& build);
  // How many bodies were built (not found in the cache).
  uint64_t builds() const;

 private:
  struct Entry {
    std::once_flag built;
    std::shared_ptr<const std::string> body;
  };
  using Key = std::pair<uint64_t, std::string>;

  size_t capacity_;
  mutable std::mutex mutex_;
  std::map<Key, std::shared_ptr<Entry>> entries_;
  std::deque<Key> order_;  // oldest first
  uint64_t builds_ = 0;
};

}  // namespace ho::kube
