// A bounded, thread-safe map of loaded repository charts (oldest out first).
#include "controller/reconciler/loaded_charts.h"

namespace ho::controller {

std::shared_ptr<const chart::Chart> LoadedCharts::find(const std::string& key) const {
  std::lock_guard lock(mutex_);
  auto found = charts_.find(key);
  return found == charts_.end() ? nullptr : found->second;
}

void LoadedCharts::keep(const std::string& key, std::shared_ptr<const chart::Chart> chart) {
  std::lock_guard lock(mutex_);
  if (!charts_.insert_or_assign(key, std::move(chart)).second) return;
  order_.push_back(key);
  while (order_.size() > capacity_) {
    charts_.erase(order_.front());
    order_.pop_front();
  }
}

}  // namespace ho::controller
