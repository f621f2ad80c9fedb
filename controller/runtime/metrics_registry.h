// A small Prometheus registry: counters, gauges and histograms, each a family
// of series keyed by label values, rendered in the text exposition format
// 0.0.4 the way client_golang does (families sorted by name, series by label
// values, labels in name order, HELP/TYPE lines, histogram buckets cumulative with le="+Inf",
// _sum and _count). Thread-safe.
#pragma once

#include <map>
#include <memory>
#include <mutex>
#include <string>
#include <vector>

namespace ho::controller::runtime {

using LabelValues = std::vector<std::string>;

enum class MetricType { Counter, Gauge, Histogram };

// One metric name and its series. Label values are given in the order of the
// family's label names; a family without labels has its one series from the start.
class MetricFamily {
 public:
  MetricFamily(MetricType type, std::string name, std::string help, std::vector<std::string> labelNames,
               std::vector<double> buckets);

  void add(const LabelValues& labels, double delta);
  void set(const LabelValues& labels, double value);
  void observe(const LabelValues& labels, double value);
  void remove(const LabelValues& labels);
  // The series' value (counter, gauge) or observation count (histogram); 0 when absent.
  double value(const LabelValues& labels) const;

  const std::string& name() const { return name_; }
  void render(std::string& out) const;

 private:
  struct Series {
    double value = 0;                    // counter or gauge
    std::vector<unsigned long long> bucketCounts;  // histogram, not cumulative
    double sum = 0;
    unsigned long long count = 0;
  };
  Series& seriesLocked(const LabelValues& labels);
  // The label values reordered to match labelNames_ (sorted by name).
  LabelValues key(const LabelValues& labels) const;

  MetricType type_;
  std::string name_;
  std::string help_;
  std::vector<std::string> labelNames_;  // sorted
  std::vector<size_t> order_;             // order_[i]: where labelNames_[i] was given
  std::vector<double> buckets_;  // upper bounds, ascending, without +Inf
  mutable std::mutex mutex_;
  std::map<LabelValues, Series> series_;
};

// Typed handles onto a registered family (cheap to copy).
class Counter {
 public:
  explicit Counter(std::shared_ptr<MetricFamily> family) : family_(std::move(family)) {}
  void inc(const LabelValues& labels = {}, double delta = 1) const { family_->add(labels, delta); }
  double value(const LabelValues& labels = {}) const { return family_->value(labels); }

 private:
  std::shared_ptr<MetricFamily> family_;
};

class Gauge {
 public:
  explicit Gauge(std::shared_ptr<MetricFamily> family) : family_(std::move(family)) {}
  void set(const LabelValues& labels, double value) const { family_->set(labels, value); }
  void set(double value) const { family_->set({}, value); }
  void add(const LabelValues& labels, double delta) const { family_->add(labels, delta); }
  void remove(const LabelValues& labels) const { family_->remove(labels); }
  double value(const LabelValues& labels = {}) const { return family_->value(labels); }

 private:
  std::shared_ptr<MetricFamily> family_;
};

class Histogram {
 public:
  explicit Histogram(std::shared_ptr<MetricFamily> family) : family_(std::move(family)) {}
  void observe(const LabelValues& labels, double value) const { family_->observe(labels, value); }
  double count(const LabelValues& labels = {}) const { return family_->value(labels); }

 private:
  std::shared_ptr<MetricFamily> family_;
};

class MetricsRegistry {
 public:
  Counter counter(std::string name, std::string help, std::vector<std::string> labelNames = {});
  Gauge gauge(std::string name, std::string help, std::vector<std::string> labelNames = {});
  Histogram histogram(std::string name, std::string help, std::vector<std::string> labelNames,
                      std::vector<double> buckets);

  // The text exposition of every family (Content-Type: text/plain; version=0.0.4).
  std::string exposition() const;

 private:
  std::shared_ptr<MetricFamily> add(MetricType type, std::string name, std::string help,
                                    std::vector<std::string> labelNames, std::vector<double> buckets);

  mutable std::mutex mutex_;
  std::map<std::string, std::shared_ptr<MetricFamily>> families_;  // by name
};

inline constexpr const char* kExpositionContentType = "text/plain; version=0.0.4; charset=utf-8";

}  // namespace ho::controller::runtime
