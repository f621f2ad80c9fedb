// Which objects reference which, kept in both directions under one mutex: a
// referrer (a HelmRelease key) names a set of referenced keys (the ConfigMaps
// and Secrets it reads values from, the HelmReleases it depends on), and the
// controller asks who references a key when that key changes.
#pragma once

#include <map>
#include <mutex>
#include <set>
#include <string>

namespace ho::controller {

class ReferenceIndex {
 public:
  // Replaces what `referrer` references (an empty set forgets it).
  void set(const std::string& referrer, std::set<std::string> referenced);
  void remove(const std::string& referrer);
  // The referrers of `referenced`.
  std::set<std::string> referrersOf(const std::string& referenced) const;

 private:
  void removeLocked(const std::string& referrer);

  mutable std::mutex mutex_;
  std::map<std::string, std::set<std::string>> referrers_;   // referenced -> referrers
  std::map<std::string, std::set<std::string>> references_;  // referrer -> referenced
};

}  // namespace ho::controller
