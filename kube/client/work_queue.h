// A controller work queue (client-go's workqueue / controller-runtime's):
// keys are de-duplicated while waiting, a key is handed to one worker at a
// time (added again while being processed, it is queued once done), retries
// are delayed with per-key exponential backoff, and keys can be requeued
// after a delay. Thread-safe; get() blocks until a key is ready or shutdown.
#pragma once

#include <chrono>
#include <condition_variable>
#include <deque>
#include <map>
#include <mutex>
#include <optional>
#include <set>
#include <string>

namespace ho::kube::client {

struct BackoffLimits {
  std::chrono::milliseconds base{5};
  std::chrono::milliseconds max{1000 * 1000};
};

class WorkQueue {
 public:
  explicit WorkQueue(BackoffLimits limits = {});

  void add(const std::string& key);
  void addAfter(const std::string& key, std::chrono::milliseconds delay);
  // Delays by base * 2^(failures so far), capped at max.
  void addRateLimited(const std::string& key);
  // Resets the key's failure count (call after a success).
  void forget(const std::string& key);
  int failures(const std::string& key) const;

  // The next key, marked as processing; nullopt once shut down (or after `timeout`).
  std::optional<std::string> get(std::chrono::milliseconds timeout = std::chrono::hours(24));
  // The worker is finished with `key`; a re-add that arrived meanwhile is queued now.
  void done(const std::string& key);
  void shutDown();
  size_t length() const;

 private:
  using Clock = std::chrono::steady_clock;
  void addLocked(const std::string& key);
  void promoteDueLocked();

  BackoffLimits limits_;
  mutable std::mutex mutex_;
  std::condition_variable changed_;
  std::deque<std::string> queue_;
  std::set<std::string> dirty_;       // waiting (queued or to be queued after processing)
  std::set<std::string> processing_;
  std::multimap<Clock::time_point, std::string> delayed_;
  std::map<std::string, int> failures_;
  bool shuttingDown_ = false;
};

}  // namespace ho::kube::client
