// LoadedCharts: repository charts already unpacked and loaded, shared by every
// reconcile that resolves the same index entry (repository URL, name, version
// and digest), so an idle resync does not unpack the same archive again.
// Charts are immutable once loaded; rendering works on a clone.
#pragma once

#include <deque>
#include <map>
#include <memory>
#include <mutex>
#include <string>
#include <string_view>

#include "chart/chart.h"
#include "core/error.h"

namespace ho::controller {

class LoadedCharts {
 public:
  explicit LoadedCharts(size_t capacity = 256) : capacity_(capacity) {}

  // The chart archive `tgz` loaded, once per `key`; an empty key (an index
  // entry without a digest names no fixed bytes) loads it every time.
  Result<std::shared_ptr<const chart::Chart>> load(const std::string& key, std::string_view tgz);

  std::shared_ptr<const chart::Chart> find(const std::string& key) const;
  // Keeps `chart` under `key`, forgetting the oldest entry past the capacity.
  void keep(const std::string& key, std::shared_ptr<const chart::Chart> chart);

 private:
  const size_t capacity_;
  mutable std::mutex mutex_;
  std::map<std::string, std::shared_ptr<const chart::Chart>> charts_;
  std::deque<std::string> order_;  // insertion order, oldest first
};

}  // namespace ho::controller
