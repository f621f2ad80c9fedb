// Turns what the controller does into what users see: a Kubernetes Event on
// the HelmRelease for every phase it records and every condition it changes
// (reasons are Flux v1's phase names: Installing, Upgrading, Deployed,
// DeployFailed, Succeeded, ChartFetchFailed, RolledBack, ...), Flux v1's
// per-sync ReleaseSynced / FailedReleaseSync Events, the metrics of
// OperatorMetrics, and one log line per reconcile (release, action, result,
// duration). A successful reconcile that changed nothing records no Event,
// so idle resyncs do not fill the event log.
#pragma once

#include <chrono>
#include <map>
#include <memory>
#include <mutex>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <vector>

#include "controller/reconciler/reconciler.h"
#include "controller/runtime/event_recorder.h"
#include "controller/runtime/operator_metrics.h"
#include "controller/runtime/reconcile_observer.h"

namespace ho::controller::runtime {

// What one reconcile amounted to (also what the log line says).
struct ReconcileSummary {
  std::string action;  // install, upgrade, test, rollback (joined with '+'), uninstall, or none
  std::string result;  // success or error
  double seconds = 0;
};

class ReconcileReporter final : public ReconcileObserver {
 public:
  ReconcileReporter(std::shared_ptr<EventRecorder> events, std::shared_ptr<OperatorMetrics> metrics);

  OperatorMetrics& metrics() { return *metrics_; }

  // The informer's view of HelmReleases: counts and condition gauges.
  void objectAdded(const nlohmann::json& object);
  void objectUpdated(const nlohmann::json& object);
  void objectDeleted(const nlohmann::json& object);

  // One reconcile of `key` ("namespace/name"); `cached` is the informer's copy of the object, if any.
  void reconcileStarted(const std::string& key, const std::optional<nlohmann::json>& cached);
  ReconcileSummary reconcileFinished(const std::string& key, const ReconcileOutcome& outcome);

  void statusWritten(const HelmRelease& release) override;
  void chartFetched(const HelmRelease& release, bool success, std::chrono::steady_clock::duration elapsed) override;
  void releaseUninstalled(const HelmRelease& release, const std::string& error) override;

 private:
  using Clock = std::chrono::steady_clock;
  struct PendingEvent {
    EventType type;
    std::string reason;
    std::string message;
  };
  // Per HelmRelease: the reconcile in progress and the conditions last written.
  struct Trace {
    Clock::time_point start = Clock::now();
    ObjectReference object;
    std::string targetNamespace;
    std::string releaseName;
    bool deleting = false;
    std::string invalidSpec;  // why the spec does not parse (empty when it does)
    std::vector<std::string> actions;
    std::optional<Phase> actionPhase;  // Installing, Upgrading, Testing or RollingBack awaiting its outcome
    Clock::time_point actionStart;
    std::optional<std::vector<HelmReleaseCondition>> conditions;
  };
  void finishAction(Trace& trace, bool success);
  void updateGauges(const std::string& key, const nlohmann::json& object);
  void emit(const ObjectReference& object, const std::vector<PendingEvent>& events);

  std::shared_ptr<EventRecorder> events_;
  std::shared_ptr<OperatorMetrics> metrics_;
  std::mutex mutex_;
  std::map<std::string, Trace> traces_;                                // by key
  std::map<std::string, std::pair<std::string, std::string>> gauged_;  // key -> (target namespace, release name)
};

}  // namespace ho::controller::runtime
