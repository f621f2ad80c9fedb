// OperatorMetrics: the metric families and what each event of the controller adds to them.
#include "controller/runtime/operator_metrics.h"

#include <algorithm>

namespace ho::controller::runtime {
namespace {

// Flux v1's buckets for release durations, in seconds.
const std::vector<double> kReleaseBuckets = {1, 5, 10, 30, 60, 120, 180, 300, 600, 1800};
// Chart downloads are usually sub-second.
const std::vector<double> kFetchBuckets = {0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60};
// Every condition type a status can carry, so new ones get series without a change here.
const std::vector<ConditionType> kConditionTypes = allConditionTypes();

std::string successLabel(bool success) { return success ? "true" : "false"; }

double conditionValue(ConditionStatus status) {
  switch (status) {
    case ConditionStatus::True: return 1;
    case ConditionStatus::False: return -1;
    case ConditionStatus::Unknown: return 0;
  }
  return 0;
}

}  // namespace

OperatorMetrics::OperatorMetrics()
    : releaseCount_(registry_.gauge("flux_helm_operator_release_count", "Count of releases managed by the operator.")),
      queueLength_(registry_.gauge("flux_helm_operator_release_queue_length_count",
                                   "Count of release jobs waiting in the queue to be processed.")),
      queueDepth_(registry_.gauge("helm_operator_workqueue_depth", "HelmRelease keys waiting in the work queue.")),
      conditionInfo_(registry_.gauge("flux_helm_operator_release_condition_info",
                                     "Current HelmRelease condition status. Values are -1 (false), 0 (unknown or "
                                     "absent), 1 (true)",
                                     {"target_namespace", "release_name", "condition"})),
      actionDuration_(registry_.histogram("flux_helm_operator_release_action_duration_seconds",
                                          "Duration of release sync actions in seconds.",
                                          {"action", "success", "target_namespace", "release_name"},
                                          kReleaseBuckets)),
      phaseDuration_(registry_.histogram("flux_helm_operator_release_phase_duration_seconds",
                                         "Deprecated, use release_action_duration_seconds.",
                                         {"action", "success", "namespace", "release_name"}, kReleaseBuckets)),
      releaseDuration_(registry_.histogram("flux_helm_operator_release_duration_seconds",
                                           "Deprecated, use release_action_duration_seconds{action=\"sync\"}.",
                                           {"success", "namespace", "release_name"}, kReleaseBuckets)),
      reconciles_(registry_.counter("helm_operator_reconcile_total", "HelmRelease reconciles by result.",
                                    {"result"})),
      reconcileDuration_(registry_.histogram("helm_operator_reconcile_duration_seconds",
                                             "Duration of HelmRelease reconciles by result.", {"result"},
                                             kReleaseBuckets)),
      chartFetchDuration_(registry_.histogram("helm_operator_chart_fetch_duration_seconds",
                                              "Duration of chart fetches (index and archive, cached or not).",
                                              {"success"}, kFetchBuckets)),
      leader_(registry_.gauge("helm_operator_leader",
                              "1 while this process is the leader (always 1 without leader election).")),
      events_(registry_.counter("helm_operator_events_total", "Kubernetes Events recorded on HelmReleases.",
                                {"type", "reason"})) {}

void OperatorMetrics::releaseAdded() { releaseCount_.add({}, 1); }
void OperatorMetrics::releaseRemoved() { releaseCount_.add({}, -1); }

void OperatorMetrics::setConditions(const std::string& targetNamespace, const std::string& releaseName,
                                    const std::vector<HelmReleaseCondition>& conditions) {
  for (ConditionType type : kConditionTypes) {
    const LabelValues labels = {targetNamespace, releaseName, std::string(conditionTypeName(type))};
    const auto present = std::find_if(conditions.begin(), conditions.end(),
                                      [type](const HelmReleaseCondition& c) { return c.type == type; });
    if (present == conditions.end()) {
      conditionInfo_.remove(labels);
    } else {
      conditionInfo_.set(labels, conditionValue(present->status));
    }
  }
}

void OperatorMetrics::forgetRelease(const std::string& targetNamespace, const std::string& releaseName) {
  setConditions(targetNamespace, releaseName, {});
}

void OperatorMetrics::observeAction(std::string_view action, bool success, const std::string& targetNamespace,
                                    const std::string& releaseName, double seconds) {
  actionDuration_.observe({std::string(action), successLabel(success), targetNamespace, releaseName}, seconds);
  phaseDuration_.observe({std::string(action), successLabel(success), targetNamespace, releaseName}, seconds);
}

void OperatorMetrics::observeSync(std::string_view result, const std::string& targetNamespace,
                                  const std::string& releaseName, double seconds) {
  const bool success = result == "success";
  observeAction("sync", success, targetNamespace, releaseName, seconds);
  releaseDuration_.observe({successLabel(success), targetNamespace, releaseName}, seconds);
  reconciles_.inc({std::string(result)});
  reconcileDuration_.observe({std::string(result)}, seconds);
}

void OperatorMetrics::observeChartFetch(bool success, double seconds) {
  chartFetchDuration_.observe({successLabel(success)}, seconds);
}

void OperatorMetrics::setQueueLength(size_t length) {
  queueLength_.set(static_cast<double>(length));
  queueDepth_.set(static_cast<double>(length));
}

void OperatorMetrics::setLeader(bool leading) { leader_.set(leading ? 1 : 0); }

void OperatorMetrics::eventRecorded(std::string_view type, std::string_view reason) {
  events_.inc({std::string(type), std::string(reason)});
}

}  // namespace ho::controller::runtime
