// The controller's metrics: Flux v1's names and labels, so existing
// dashboards and alerts keep working (flux_helm_operator_*), and our own
// beside them (helm_operator_*): reconciles by result, chart fetch
// durations, work queue depth and leadership.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "controller/helmrelease/helm_release_status.h"
#include "controller/runtime/metrics_registry.h"

namespace ho::controller::runtime {

class OperatorMetrics {
 public:
  OperatorMetrics();

  MetricsRegistry& registry() { return registry_; }

  // flux_helm_operator_release_count: HelmReleases seen (+1 on add, -1 on delete).
  void releaseAdded();
  void releaseRemoved();
  // flux_helm_operator_release_condition_info: -1 False, 0 Unknown, 1 True per
  // condition of the release; series of conditions it no longer has are dropped.
  void setConditions(const std::string& targetNamespace, const std::string& releaseName,
                     const std::vector<HelmReleaseCondition>& conditions);
  void forgetRelease(const std::string& targetNamespace, const std::string& releaseName);

  // flux_helm_operator_release_action_duration_seconds (and the deprecated
  // release_phase_duration_seconds): action is install, upgrade, test, rollback, uninstall or sync.
  void observeAction(std::string_view action, bool success, const std::string& targetNamespace,
                     const std::string& releaseName, double seconds);
  // A whole reconcile of a release: action "sync", the deprecated
  // release_duration_seconds, and helm_operator_reconcile_total/_duration_seconds by result.
  void observeSync(std::string_view result, const std::string& targetNamespace, const std::string& releaseName,
                   double seconds);
  // helm_operator_chart_fetch_duration_seconds{success}.
  void observeChartFetch(bool success, double seconds);
  // flux_helm_operator_release_queue_length_count and helm_operator_workqueue_depth.
  void setQueueLength(size_t length);
  // helm_operator_leader: 1 while this process holds the leader lease (or runs without election).
  void setLeader(bool leading);
  // helm_operator_events_total{type,reason}: Kubernetes Events recorded.
  void eventRecorded(std::string_view type, std::string_view reason);

 private:
  MetricsRegistry registry_;
  Gauge releaseCount_;
  Gauge queueLength_;
  Gauge queueDepth_;
  Gauge conditionInfo_;
  Histogram actionDuration_;
  Histogram phaseDuration_;
  Histogram releaseDuration_;
  Counter reconciles_;
  Histogram reconcileDuration_;
  Histogram chartFetchDuration_;
  Gauge leader_;
  Counter events_;
};

}  // namespace ho::controller::runtime
