// ReconcileReporter: Events, metrics and the log line of each reconcile.
#include "controller/runtime/reconcile_reporter.h"

#include <algorithm>
#include <iomanip>
#include <sstream>
#include <tuple>

#include "controller/reconciler/helm_release_object.h"
#include "controller/runtime/structured_log.h"
#include "kube/client/informer.h"

namespace ho::controller::runtime {
namespace {

std::optional<std::string_view> actionOfPhase(Phase phase) {
  switch (phase) {
    case Phase::Installing: return "install";
    case Phase::Upgrading: return "upgrade";
    case Phase::Testing: return "test";
    case Phase::RollingBack: return "rollback";
    default: return std::nullopt;
  }
}

bool isFailurePhase(Phase phase) {
  return phase == Phase::ChartFetchFailed || phase == Phase::DeployFailed || phase == Phase::TestFailed ||
         phase == Phase::Failed || phase == Phase::RollbackFailed;
}

double secondsSince(std::chrono::steady_clock::time_point start) {
  return std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
}

// How Flux v1's Event messages name a release: "release 'NAME' in namespace 'NS'".
std::string describeRelease(const std::string& releaseName, const std::string& targetNamespace) {
  return "release '" + releaseName + "' in namespace '" + targetNamespace + "'";
}

ObjectReference referenceTo(const HelmRelease& release) {
  return {std::string(kHelmReleaseApiVersion), std::string(kHelmReleaseKind), release.name,
          release.namespaceOrDefault(), release.uid, release.resourceVersion};
}

ObjectReference referenceTo(const nlohmann::json& object) {
  const nlohmann::json& metadata = object["metadata"];
  return {object.value("apiVersion", std::string(kHelmReleaseApiVersion)),
          object.value("kind", std::string(kHelmReleaseKind)), metadata.value("name", ""),
          metadata.value("namespace", ""), metadata.value("uid", ""), metadata.value("resourceVersion", "")};
}

// (target namespace, release name) of an object, with Flux v1's defaults when the spec does not parse.
std::pair<std::string, std::string> releaseLabels(const nlohmann::json& object, const Result<HelmRelease>& parsed) {
  if (parsed) return {parsed->targetNamespace(), parsed->releaseName()};
  const std::string ns = object["metadata"].value("namespace", "default");
  return {ns, ns + "-" + object["metadata"].value("name", "")};
}

// Conditions that differ from `before` in status, reason or message.
std::vector<HelmReleaseCondition> changedConditions(const std::vector<HelmReleaseCondition>& before,
                                                    const std::vector<HelmReleaseCondition>& after) {
  std::vector<HelmReleaseCondition> changed;
  for (const HelmReleaseCondition& condition : after) {
    const auto old = std::find_if(before.begin(), before.end(),
                                  [&](const HelmReleaseCondition& c) { return c.type == condition.type; });
    if (old == before.end() || old->status != condition.status || old->reason != condition.reason ||
        old->message != condition.message) {
      changed.push_back(condition);
    }
  }
  return changed;
}

std::string formatSeconds(double seconds) {
  std::ostringstream text;
  text << std::fixed << std::setprecision(3) << seconds << 's';
  return text.str();
}

}  // namespace

ReconcileReporter::ReconcileReporter(std::shared_ptr<EventRecorder> events, std::shared_ptr<OperatorMetrics> metrics)
    : events_(std::move(events)), metrics_(std::move(metrics)) {}

void ReconcileReporter::objectAdded(const nlohmann::json& object) {
  metrics_->releaseAdded();
  updateGauges(kube::client::objectKey(object), object);
}

void ReconcileReporter::objectUpdated(const nlohmann::json& object) {
  updateGauges(kube::client::objectKey(object), object);
}

void ReconcileReporter::objectDeleted(const nlohmann::json& object) {
  const std::string key = kube::client::objectKey(object);
  metrics_->releaseRemoved();
  std::lock_guard lock(mutex_);
  if (const auto found = gauged_.find(key); found != gauged_.end()) {
    metrics_->forgetRelease(found->second.first, found->second.second);
    gauged_.erase(found);
  }
  traces_.erase(key);
}

void ReconcileReporter::updateGauges(const std::string& key, const nlohmann::json& object) {
  const Result<HelmRelease> parsed = parseHelmRelease(object);
  const std::pair<std::string, std::string> labels = releaseLabels(object, parsed);
  std::lock_guard lock(mutex_);
  auto& known = gauged_[key];
  if (known != labels && !known.second.empty()) metrics_->forgetRelease(known.first, known.second);
  known = labels;
  metrics_->setConditions(labels.first, labels.second,
                          parsed ? parsed->status.conditions : std::vector<HelmReleaseCondition>{});
}

void ReconcileReporter::reconcileStarted(const std::string& key, const std::optional<nlohmann::json>& cached) {
  std::lock_guard lock(mutex_);
  Trace& trace = traces_[key];
  trace.start = Clock::now();
  trace.actions.clear();
  trace.actionPhase.reset();
  trace.deleting = false;
  trace.invalidSpec.clear();
  if (!cached) return;
  const Result<HelmRelease> parsed = parseHelmRelease(*cached);
  trace.object = referenceTo(*cached);
  std::tie(trace.targetNamespace, trace.releaseName) = releaseLabels(*cached, parsed);
  trace.deleting = (*cached)["metadata"].contains("deletionTimestamp") && hasFinalizer(*cached);
  if (!parsed) trace.invalidSpec = parsed.error().message;
  if (!trace.conditions && parsed) trace.conditions = parsed->status.conditions;
}

void ReconcileReporter::finishAction(Trace& trace, bool success) {
  if (!trace.actionPhase) return;
  metrics_->observeAction(*actionOfPhase(*trace.actionPhase), success, trace.targetNamespace, trace.releaseName,
                          secondsSince(trace.actionStart));
  trace.actionPhase.reset();
}

void ReconcileReporter::statusWritten(const HelmRelease& release) {
  const std::string key = release.namespaceOrDefault() + "/" + release.name;
  const HelmReleaseStatus& status = release.status;
  std::vector<PendingEvent> pending;
  ObjectReference object = referenceTo(release);
  {
    std::lock_guard lock(mutex_);
    Trace& trace = traces_[key];
    trace.object = object;
    trace.targetNamespace = release.targetNamespace();
    trace.releaseName = release.releaseName();
    if (trace.actionPhase && status.phase != trace.actionPhase) {
      finishAction(trace, !status.phase || !isFailurePhase(*status.phase));
    }
    if (status.phase && !trace.actionPhase) {
      if (const auto action = actionOfPhase(*status.phase)) {
        trace.actionPhase = status.phase;
        trace.actionStart = Clock::now();
        trace.actions.emplace_back(*action);
      }
    }
    const std::string_view phase = status.phase ? phaseName(*status.phase) : std::string_view();
    for (const HelmReleaseCondition& condition :
         changedConditions(trace.conditions.value_or(std::vector<HelmReleaseCondition>{}), status.conditions)) {
      if (condition.reason == phase || condition.reason.empty()) continue;
      // Stalled and Drifted are the conditions whose True is the bad news.
      const bool trueIsBad = condition.type == ConditionType::Stalled || condition.type == ConditionType::Drifted;
      const bool bad = condition.status == (trueIsBad ? ConditionStatus::True : ConditionStatus::False);
      pending.push_back({bad ? EventType::Warning : EventType::Normal, condition.reason, condition.message});
    }
    if (status.phase) {
      const auto phaseCondition = std::find_if(status.conditions.begin(), status.conditions.end(),
                                               [&](const HelmReleaseCondition& c) { return c.reason == phase; });
      pending.push_back({isFailurePhase(*status.phase) ? EventType::Warning : EventType::Normal, std::string(phase),
                         phaseCondition != status.conditions.end()
                             ? phaseCondition->message
                             : std::string(phase) + " for Helm release '" + release.releaseName() + "' in '" +
                                   release.targetNamespace() + "'."});
    }
    trace.conditions = status.conditions;
  }
  emit(object, pending);
}

void ReconcileReporter::chartFetched(const HelmRelease&, bool success, std::chrono::steady_clock::duration elapsed) {
  metrics_->observeChartFetch(success, std::chrono::duration<double>(elapsed).count());
}

void ReconcileReporter::releaseUninstalled(const HelmRelease& release, const std::string& error) {
  {
    std::lock_guard lock(mutex_);
    traces_[release.namespaceOrDefault() + "/" + release.name].deleting = true;
  }
  const std::string where = describeRelease(release.releaseName(), release.targetNamespace());
  emit(referenceTo(release), {error.empty() ? PendingEvent{EventType::Normal, "ReleaseUninstalled", "uninstalled " + where}
                                            : PendingEvent{EventType::Warning, "FailedReleaseUninstall",
                                                           "uninstalling " + where + " failed: " + error}});
}

ReconcileSummary ReconcileReporter::reconcileFinished(const std::string& key, const ReconcileOutcome& outcome) {
  ReconcileSummary summary;
  summary.result = outcome.next == ReconcileOutcome::Next::RetryWithBackoff ? "error" : "success";
  const bool success = summary.result == "success";
  std::vector<PendingEvent> pending;
  ObjectReference object;
  std::string releaseName;
  {
    std::lock_guard lock(mutex_);
    Trace& trace = traces_[key];
    summary.seconds = secondsSince(trace.start);
    finishAction(trace, false);  // an action whose outcome was never written did not succeed
    if (trace.deleting) {
      trace.actions = {"uninstall"};
      metrics_->observeAction("uninstall", success, trace.targetNamespace, trace.releaseName, summary.seconds);
    }
    metrics_->observeSync(summary.result, trace.targetNamespace, trace.releaseName, summary.seconds);
    for (const std::string& action : trace.actions) summary.action += (summary.action.empty() ? "" : "+") + action;
    if (summary.action.empty()) summary.action = "none";
    object = trace.object;
    releaseName = trace.releaseName;
    const std::string where = describeRelease(trace.releaseName, trace.targetNamespace);
    if (!object.uid.empty() && !trace.deleting && !trace.invalidSpec.empty()) {
      pending.push_back({EventType::Warning, "InvalidSpec", "refusing to reconcile: " + trace.invalidSpec});
    } else if (!object.uid.empty() && !trace.deleting) {
      if (!success) {
        pending.push_back({EventType::Warning, "FailedReleaseSync",
                           "synchronization of " + where + " failed: " + outcome.error});
      } else if (!trace.actions.empty()) {
        pending.push_back({EventType::Normal, "ReleaseSynced", "managed " + where + " synchronized"});
      }
    }
  }
  emit(object, pending);
  logLine(success ? "info" : "warn", "reconciled",
          {{"helmrelease", key}, {"release", releaseName}, {"action", summary.action}, {"result", summary.result},
           {"duration", formatSeconds(summary.seconds)}, {"error", success ? std::string() : outcome.error}});
  return summary;
}

void ReconcileReporter::emit(const ObjectReference& object, const std::vector<PendingEvent>& events) {
  for (const PendingEvent& event : events) events_->record(object, event.type, event.reason, event.message);
}

}  // namespace ho::controller::runtime
