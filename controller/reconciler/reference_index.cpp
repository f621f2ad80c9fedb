// ReferenceIndex: both directions of a references relation, updated together.
#include "controller/reconciler/reference_index.h"

namespace ho::controller {

void ReferenceIndex::set(const std::string& referrer, std::set<std::string> referenced) {
  std::lock_guard lock(mutex_);
  removeLocked(referrer);
  if (referenced.empty()) return;
  for (const std::string& key : referenced) referrers_[key].insert(referrer);
  references_[referrer] = std::move(referenced);
}

void ReferenceIndex::remove(const std::string& referrer) {
  std::lock_guard lock(mutex_);
  removeLocked(referrer);
}

std::set<std::string> ReferenceIndex::referrersOf(const std::string& referenced) const {
  std::lock_guard lock(mutex_);
  const auto found = referrers_.find(referenced);
  return found == referrers_.end() ? std::set<std::string>() : found->second;
}

void ReferenceIndex::removeLocked(const std::string& referrer) {
  const auto found = references_.find(referrer);
  if (found == references_.end()) return;
  for (const std::string& key : found->second) {
    const auto keys = referrers_.find(key);
    if (keys == referrers_.end()) continue;
    keys->second.erase(referrer);
    if (keys->second.empty()) referrers_.erase(keys);
  }
  references_.erase(found);
}

}  // namespace ho::controller
