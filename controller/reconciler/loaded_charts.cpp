// A bounded, thread-safe map of loaded repository charts (oldest out first).
#include "controller/reconciler/loaded_charts.h"

#include "chart/loader.h"

namespace ho::controller {

Result<std::shared_ptr<const chart::Chart>> LoadedCharts::load(const std::string& key, std::string_view tgz) {
  if (!key.empty()) {
    if (auto found = find(key)) return found;
  }
  auto loaded = chart::loadArchive(tgz);
  if (!loaded) return loaded.error();
  std::shared_ptr<const chart::Chart> chart = std::move(*loaded);
  if (!key.empty()) keep(key, chart);
  return chart;
}

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
