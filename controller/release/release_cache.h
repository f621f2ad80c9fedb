// ReleaseCache: decoded release revisions, keyed by their Secret
// (namespace/name) and its resourceVersion, so reading a release history
// whose Secrets did not change decodes nothing (no base64, gunzip or JSON).
// A changed Secret has a new resourceVersion and is decoded again. The
// least recently used entries are dropped beyond a budget of stored bytes
// (the size of the Secrets' release data). Thread-safe.
#pragma once

#include <cstddef>
#include <list>
#include <mutex>
#include <optional>
#include <string>
#include <unordered_map>

#include "controller/release/release.h"

namespace ho::controller {

class ReleaseCache {
 public:
  static constexpr std::size_t kDefaultBudgetBytes = std::size_t{32} << 20;

  explicit ReleaseCache(std::size_t budgetBytes = kDefaultBudgetBytes) : budgetBytes_(budgetBytes) {}

  // The release decoded from Secret `secretKey` at `resourceVersion`, if cached.
  std::optional<Release> find(const std::string& secretKey, const std::string& resourceVersion);
  // Keeps `release`, decoded from `storedBytes` bytes of Secret data.
  void store(const std::string& secretKey, const std::string& resourceVersion, const Release& release,
             std::size_t storedBytes);
  std::size_t size() const;

 private:
  struct Entry {
    std::string secretKey;
    std::string resourceVersion;
    Release release;
    std::size_t storedBytes = 0;
  };
  void evictBeyondBudget();

  std::size_t budgetBytes_;
  mutable std::mutex mutex_;
  std::list<Entry> entries_;  // most recently used first
  std::unordered_map<std::string, std::list<Entry>::iterator> bySecret_;
  std::size_t storedBytes_ = 0;
};

}  // namespace ho::controller
