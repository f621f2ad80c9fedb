// The decoded-release cache: lookups by Secret and resourceVersion, LRU eviction by stored bytes.
#include "controller/release/release_cache.h"

namespace ho::controller {

std::optional<Release> ReleaseCache::find(const std::string& secretKey, const std::string& resourceVersion) {
  std::lock_guard lock(mutex_);
  const auto found = bySecret_.find(secretKey);
  if (found == bySecret_.end() || found->second->resourceVersion != resourceVersion) return std::nullopt;
  entries_.splice(entries_.begin(), entries_, found->second);
  return found->second->release;
}

void ReleaseCache::store(const std::string& secretKey, const std::string& resourceVersion, const Release& release,
                         std::size_t storedBytes) {
  if (resourceVersion.empty() || storedBytes > budgetBytes_) return;
  std::lock_guard lock(mutex_);
  if (const auto found = bySecret_.find(secretKey); found != bySecret_.end()) {
    storedBytes_ -= found->second->storedBytes;
    entries_.erase(found->second);
    bySecret_.erase(found);
  }
  entries_.push_front({secretKey, resourceVersion, release, storedBytes});
  bySecret_.emplace(secretKey, entries_.begin());
  storedBytes_ += storedBytes;
  evictBeyondBudget();
}

std::size_t ReleaseCache::size() const {
  std::lock_guard lock(mutex_);
  return entries_.size();
}

void ReleaseCache::evictBeyondBudget() {
  while (storedBytes_ > budgetBytes_ && !entries_.empty()) {
    const Entry& oldest = entries_.back();
    storedBytes_ -= oldest.storedBytes;
    bySecret_.erase(oldest.secretKey);
    entries_.pop_back();
  }
}

}  // namespace ho::controller
