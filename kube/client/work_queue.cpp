// WorkQueue: a FIFO with dirty/processing sets and a delay heap.
#include "kube/client/work_queue.h"

#include <algorithm>

namespace ho::kube::client {

WorkQueue::WorkQueue(BackoffLimits limits) : limits_(limits) {}

void WorkQueue::addLocked(const std::string& key) {
  if (shuttingDown_ || dirty_.count(key)) return;
  dirty_.insert(key);
  if (processing_.count(key)) return;  // queued again by done()
  queue_.push_back(key);
  changed_.notify_one();
}

void WorkQueue::add(const std::string& key) {
  std::lock_guard lock(mutex_);
  addLocked(key);
}

void WorkQueue::addAfter(const std::string& key, std::chrono::milliseconds delay) {
  std::lock_guard lock(mutex_);
  if (shuttingDown_) return;
  if (delay <= std::chrono::milliseconds::zero()) return addLocked(key);
  delayed_.emplace(Clock::now() + delay, key);
  changed_.notify_all();
}

void WorkQueue::addRateLimited(const std::string& key) {
  std::chrono::milliseconds delay;
  {
    std::lock_guard lock(mutex_);
    const int exponent = std::min(failures_[key]++, 40);
    const double scaled = static_cast<double>(limits_.base.count()) * static_cast<double>(1ULL << std::min(exponent, 62));
    delay = std::chrono::milliseconds(static_cast<long long>(std::min(scaled, static_cast<double>(limits_.max.count()))));
  }
  addAfter(key, delay);
}

void WorkQueue::forget(const std::string& key) {
  std::lock_guard lock(mutex_);
  failures_.erase(key);
}

int WorkQueue::failures(const std::string& key) const {
  std::lock_guard lock(mutex_);
  const auto found = failures_.find(key);
  return found == failures_.end() ? 0 : found->second;
}

void WorkQueue::promoteDueLocked() {
  const auto now = Clock::now();
  while (!delayed_.empty() && delayed_.begin()->first <= now) {
    const std::string key = delayed_.begin()->second;
    delayed_.erase(delayed_.begin());
    addLocked(key);
  }
}

std::optional<std::string> WorkQueue::get(std::chrono::milliseconds timeout) {
  std::unique_lock lock(mutex_);
  const auto deadline = Clock::now() + timeout;
  for (;;) {
    promoteDueLocked();
    if (shuttingDown_) return std::nullopt;
    if (!queue_.empty()) break;
    auto wakeAt = deadline;
    if (!delayed_.empty()) wakeAt = std::min(wakeAt, delayed_.begin()->first);
    if (Clock::now() >= deadline) return std::nullopt;
    changed_.wait_until(lock, wakeAt);
  }
  std::string key = queue_.front();
  queue_.pop_front();
  processing_.insert(key);
  dirty_.erase(key);
  return key;
}

void WorkQueue::done(const std::string& key) {
  std::lock_guard lock(mutex_);
  processing_.erase(key);
  if (dirty_.count(key)) {
    queue_.push_back(key);
    changed_.notify_one();
  }
}

void WorkQueue::shutDown() {
  std::lock_guard lock(mutex_);
  shuttingDown_ = true;
  changed_.notify_all();
}

size_t WorkQueue::length() const {
  std::lock_guard lock(mutex_);
  return queue_.size();
}

}  // namespace ho::kube::client
