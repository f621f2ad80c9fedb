// MetricsRegistry and MetricFamily: series bookkeeping and the text exposition.
#include "controller/runtime/metrics_registry.h"

#include <algorithm>
#include <cmath>

#include "core/go_float.h"

namespace ho::controller::runtime {
namespace {

// Sample values as client_golang writes them: Go's %g shortest form, +Inf, -Inf, NaN.
std::string sampleValue(double value) {
  if (std::isnan(value)) return "NaN";
  if (std::isinf(value)) return value > 0 ? "+Inf" : "-Inf";
  return formatGoFloat(value, 'g', -1);
}

std::string escaped(const std::string& text, bool escapeQuotes) {
  std::string out;
  out.reserve(text.size());
  for (char c : text) {
    if (c == '\\') {
      out += "\\\\";
    } else if (c == '\n') {
      out += "\\n";
    } else if (c == '"' && escapeQuotes) {
      out += "\\\"";
    } else {
      out += c;
    }
  }
  return out;
}

// {a="x",b="y"} (with `extra` appended, e.g. le="5"); "" when there are no labels.
std::string labelSet(const std::vector<std::string>& names, const LabelValues& values, const std::string& extra = "") {
  std::string out;
  for (size_t i = 0; i < names.size(); ++i) {
    out += (out.empty() ? "" : ",") + names[i] + "=\"" + escaped(values[i], true) + "\"";
  }
  if (!extra.empty()) out += (out.empty() ? "" : ",") + extra;
  return out.empty() ? out : "{" + out + "}";
}

const char* typeName(MetricType type) {
  switch (type) {
    case MetricType::Counter: return "counter";
    case MetricType::Gauge: return "gauge";
    case MetricType::Histogram: return "histogram";
  }
  return "untyped";
}

}  // namespace

MetricFamily::MetricFamily(MetricType type, std::string name, std::string help, std::vector<std::string> labelNames,
                           std::vector<double> buckets)
    : type_(type), name_(std::move(name)), help_(std::move(help)), buckets_(std::move(buckets)) {
  std::sort(buckets_.begin(), buckets_.end());
  order_.resize(labelNames.size());
  for (size_t i = 0; i < order_.size(); ++i) order_[i] = i;
  std::sort(order_.begin(), order_.end(), [&](size_t a, size_t b) { return labelNames[a] < labelNames[b]; });
  for (size_t given : order_) labelNames_.push_back(labelNames[given]);
  if (labelNames_.empty()) seriesLocked({});
}

LabelValues MetricFamily::key(const LabelValues& labels) const {
  LabelValues sorted;
  sorted.reserve(order_.size());
  for (size_t given : order_) sorted.push_back(given < labels.size() ? labels[given] : std::string());
  return sorted;
}

MetricFamily::Series& MetricFamily::seriesLocked(const LabelValues& labels) {
  Series& series = series_[key(labels)];
  series.bucketCounts.resize(buckets_.size());
  return series;
}

void MetricFamily::add(const LabelValues& labels, double delta) {
  std::lock_guard lock(mutex_);
  seriesLocked(labels).value += delta;
}

void MetricFamily::set(const LabelValues& labels, double value) {
  std::lock_guard lock(mutex_);
  seriesLocked(labels).value = value;
}

void MetricFamily::observe(const LabelValues& labels, double value) {
  std::lock_guard lock(mutex_);
  Series& series = seriesLocked(labels);
  const auto bucket = std::lower_bound(buckets_.begin(), buckets_.end(), value);
  if (bucket != buckets_.end()) ++series.bucketCounts[static_cast<size_t>(bucket - buckets_.begin())];
  series.sum += value;
  ++series.count;
}

void MetricFamily::remove(const LabelValues& labels) {
  std::lock_guard lock(mutex_);
  series_.erase(key(labels));
}

double MetricFamily::value(const LabelValues& labels) const {
  std::lock_guard lock(mutex_);
  const auto found = series_.find(key(labels));
  if (found == series_.end()) return 0;
  return type_ == MetricType::Histogram ? static_cast<double>(found->second.count) : found->second.value;
}

void MetricFamily::render(std::string& out) const {
  std::lock_guard lock(mutex_);
  if (series_.empty()) return;
  out += "# HELP " + name_ + " " + escaped(help_, false) + "\n";
  out += "# TYPE " + name_ + " " + typeName(type_) + "\n";
  for (const auto& [labels, series] : series_) {
    if (type_ != MetricType::Histogram) {
      out += name_ + labelSet(labelNames_, labels) + " " + sampleValue(series.value) + "\n";
      continue;
    }
    unsigned long long cumulative = 0;
    for (size_t i = 0; i < buckets_.size(); ++i) {
      cumulative += series.bucketCounts[i];
      out += name_ + "_bucket" + labelSet(labelNames_, labels, "le=\"" + sampleValue(buckets_[i]) + "\"") + " " +
             std::to_string(cumulative) + "\n";
    }
    out += name_ + "_bucket" + labelSet(labelNames_, labels, "le=\"+Inf\"") + " " + std::to_string(series.count) +
           "\n";
    out += name_ + "_sum" + labelSet(labelNames_, labels) + " " + sampleValue(series.sum) + "\n";
    out += name_ + "_count" + labelSet(labelNames_, labels) + " " + std::to_string(series.count) + "\n";
  }
}

std::shared_ptr<MetricFamily> MetricsRegistry::add(MetricType type, std::string name, std::string help,
                                                   std::vector<std::string> labelNames, std::vector<double> buckets) {
  std::lock_guard lock(mutex_);
  auto& family = families_[name];
  if (!family) {
    family = std::make_shared<MetricFamily>(type, std::move(name), std::move(help), std::move(labelNames),
                                            std::move(buckets));
  }
  return family;
}

Counter MetricsRegistry::counter(std::string name, std::string help, std::vector<std::string> labelNames) {
  return Counter(add(MetricType::Counter, std::move(name), std::move(help), std::move(labelNames), {}));
}

Gauge MetricsRegistry::gauge(std::string name, std::string help, std::vector<std::string> labelNames) {
  return Gauge(add(MetricType::Gauge, std::move(name), std::move(help), std::move(labelNames), {}));
}

Histogram MetricsRegistry::histogram(std::string name, std::string help, std::vector<std::string> labelNames,
                                     std::vector<double> buckets) {
  return Histogram(
      add(MetricType::Histogram, std::move(name), std::move(help), std::move(labelNames), std::move(buckets)));
}

std::string MetricsRegistry::exposition() const {
  std::lock_guard lock(mutex_);
  std::string out;
  for (const auto& [name, family] : families_) family->render(out);
  return out;
}

}  // namespace ho::controller::runtime
