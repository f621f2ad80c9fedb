// WrittenVersions: the resourceVersion of the last write this controller made
// to each HelmRelease (status or finalizer), so a reconcile can use the
// informer's copy of the object instead of a GET when that copy already
// includes our own last write. Thread-safe.
#pragma once

#include <map>
#include <mutex>
#include <nlohmann/json.hpp>
#include <string>

namespace ho::controller {

class WrittenVersions {
 public:
  // Remembers the resourceVersion of `written` (the object a write returned) for `key`.
  void record(const std::string& key, const nlohmann::json& written);
  void forget(const std::string& key);
  // True unless `cached` is older than the last write recorded for `key`:
  // equal versions, or a larger one when both are numbers (as etcd's are);
  // a version that cannot be ordered counts as older.
  bool includesLastWrite(const std::string& key, const nlohmann::json& cached) const;

 private:
  mutable std::mutex mutex_;
  std::map<std::string, std::string, std::less<>> versions_;
};

}  // namespace ho::controller
