// Reconciler::reconcile: the Flux v1 sync of one HelmRelease, Helm 3 only.
#include "controller/reconciler/reconciler.h"

#include <algorithm>

#include "controller/helmrelease/helm_release.h"
#include "controller/helmrelease/phase_conditions.h"
#include "controller/action/chart_crds.h"
#include "controller/reconciler/chart_source.h"
#include "controller/reconciler/dependency_check.h"
#include "controller/reconciler/drift_check.h"
#include "controller/reconciler/helm_release_object.h"
#include "controller/reconciler/release_ownership.h"
#include "controller/reconciler/sync_plan.h"
#include "controller/reconciler/values_composer.h"
#include "controller/release/secret_storage.h"
#include "controller/runtime/structured_log.h"

namespace ho::controller {
namespace {

using Next = ReconcileOutcome::Next;

ReconcileOutcome done() { return {}; }
ReconcileOutcome retry(std::string why) { return {Next::RetryWithBackoff, std::move(why)}; }

// The Stalled reason when rollback.retry ran out of rollback.maxRetries.
constexpr std::string_view kRollbackRetriesExhausted = "RollbackRetriesExhausted";

bool isNotFoundError(const Error& error) { return error.message.find("not found") != std::string::npos; }

// A spec the parser refuses (helmVersion v2 among others): Released=False naming the field.
ReconcileOutcome refuseSpec(kube::client::RestClient& client, WrittenVersions& writes, const nlohmann::json& object,
                            const Error& why) {
  const nlohmann::json& metadata = object["metadata"];
  auto current = parseHelmReleaseStatus(object.value("status", nlohmann::json()));
  HelmReleaseStatus status = current ? std::move(current).value() : HelmReleaseStatus{};
  const std::string message = "Refusing to reconcile the HelmRelease: " + why.message;
  const std::int64_t generation = metadata.value("generation", std::int64_t{0});
  const HelmReleaseCondition* released = findCondition(status, ConditionType::Released);
  if (status.phase == Phase::Failed && status.observedGeneration == generation && released &&
      released->message == message) {
    return done();
  }
  const std::string now = metaNow();
  setCondition(status, {ConditionType::Released, ConditionStatus::False, now, now, "InvalidSpec", message});
  status.phase = Phase::Failed;
  status.observedGeneration = generation;
  const std::string ns = metadata.value("namespace", "");
  const std::string name = metadata.value("name", "");
  auto written = writeStatus(client, ns, name, status);
  if (!written) return retry(written.error().message);
  writes.record(ns + "/" + name, *written);
  return done();
}

// One sync of a parsed HelmRelease; every phase change is written to its status.
// The steps follow Flux v1's release cycle: install or upgrade, then test,
// then on failure uninstall (a failed install) or roll back (a failed upgrade).
class ReleaseSync {
 public:
  ReleaseSync(ActionContext& context, ChartSources sources, const ReconcilerOptions& options, ReconcilerMemory& memory,
              HelmRelease release)
      : context_(context),
        sources_(std::move(sources)),
        options_(options),
        memory_(memory),
        release_(std::move(release)) {}

  // One sync; what it reports (the retry reason, status messages) never holds a value read from a Secret.
  ReconcileOutcome run() {
    ReconcileOutcome outcome = sync();
    outcome.error = secretsRead_.redact(std::move(outcome.error));
    return outcome;
  }

 private:
  ReconcileOutcome sync() {
    if (release_.spec.suspend) return recordSuspended();
    statusChanged_ = removeCondition(release_.status, ConditionType::Suspended);
    takeRequests();
    if (std::optional<ReconcileOutcome> waiting = awaitDependencies()) return *waiting;
    const auto fetchStart = std::chrono::steady_clock::now();
    auto chart = fetchChart();
    if (options_.observer) {
      options_.observer->chartFetched(release_, chart.ok(), std::chrono::steady_clock::now() - fetchStart);
    }
    if (!chart) return retry(chart.error().message);
    markChartFetched();
    if (stalledOnFailures()) return publishIfChanged();

    auto values = composeValues(*context_.client, release_, **chart, &secretsRead_);
    if (!values) return fail(Phase::Failed, values.error().message);

    auto history = storage().history(release_.releaseName());
    if (!history) return retry(history.error().message);
    // A revision left pending by a crash is marked failed first (one more read only then).
    if (const std::optional<Release> last = lastRevision(*history); last && isPendingStatus(last->info.status)) {
      if (auto unlocked = unlockPendingRelease(context_, release_.releaseName(), release_.targetNamespace());
          !unlocked) {
        return retry(unlocked.error().message);
      }
      history = storage().history(release_.releaseName());
      if (!history) return retry(history.error().message);
    }
    if (!history->empty()) {
      if (std::optional<ReconcileOutcome> refused = claimRelease(*lastRevision(*history))) return *refused;
    }

    const SyncPlan plan = forceRequested_ && !history->empty()
                              ? SyncPlan::Upgrade
                              : planSync(release_, *history,
                                         {(*chart)->metadata.name, (*chart)->metadata.version, *values,
                                          release_.spec.postRendering.digest},
                                         {sourceCommit_, sourceChanged_});
    switch (plan) {
      case SyncPlan::Install: return install(**chart, *values);
      case SyncPlan::Upgrade: return upgrade(**chart, *values, lastRevision(*history)->version);
      case SyncPlan::AwaitChange: return publishIfChanged();
      case SyncPlan::UpToDate: break;
    }
    // spec.driftDetection: the live objects against the deployed manifest (no request when disabled).
    const DriftCheck drift = checkDrift(context_, release_, *history);
    if (drift.statusChanged) {
      if (auto written = publish(); !written.empty()) return retry(written);
    }
    if (!drift.error.empty()) return retry(drift.error);
    // Tests that failed (without a rollback) keep saying so until the next change.
    if (release_.status.phase == Phase::TestFailed && release_.status.observedGeneration == release_.generation) {
      return publishIfChanged();
    }
    return recordSucceeded(std::string(status::kDeployed));
  }

  SecretStorage storage() const {
    return SecretStorage(context_.client, release_.targetNamespace(), memory_.releases);
  }

  // spec.suspend: nothing is fetched, installed or upgraded; Suspended=True says so.
  ReconcileOutcome recordSuspended() {
    const HelmReleaseCondition* suspended = findCondition(release_.status, ConditionType::Suspended);
    if (suspended && suspended->status == ConditionStatus::True && suspended->observedGeneration == release_.generation) {
      return done();
    }
    const std::string now = metaNow();
    setCondition(release_.status, {ConditionType::Suspended, ConditionStatus::True, now, now, "Suspended",
                                   "Reconciliation is suspended (spec.suspend); Helm release '" +
                                       release_.releaseName() + "' is left as it is.",
                                   release_.generation});
    if (auto written = publish(); !written.empty()) return retry(written);
    return done();
  }

  // The reconcile.fluxcd.io annotations: requestedAt is recorded as handled,
  // resetAt forgets the failure and rollback counts, forceAt asks for one
  // upgrade (recorded when it starts). A new generation forgets failure counts too.
  void takeRequests() {
    const ReconcileRequests& requests = release_.requests;
    HelmReleaseStatus& status = release_.status;
    if (!requests.requestedAt.empty() && requests.requestedAt != status.lastHandledReconcileAt) {
      status.lastHandledReconcileAt = requests.requestedAt;
      statusChanged_ = true;
    }
    if (!requests.resetAt.empty() && requests.resetAt != status.lastHandledResetAt) {
      status.lastHandledResetAt = requests.resetAt;
      status.rollbackCount = 0;
      statusChanged_ = true;
      forgetFailures();
    }
    if (status.observedGeneration < release_.generation) forgetFailures();
    forceRequested_ = !requests.forceAt.empty() && requests.forceAt != status.lastHandledForceAt;
  }

  void forgetFailures() {
    HelmReleaseStatus& status = release_.status;
    if (status.installFailures != 0 || status.upgradeFailures != 0) statusChanged_ = true;
    status.installFailures = 0;
    status.upgradeFailures = 0;
    if (removeCondition(status, ConditionType::Stalled)) statusChanged_ = true;
  }

  // spec.dependsOn: nothing happens until every dependency is released at its
  // current generation; DependenciesReady says what is awaited (or the cycle).
  // The generation is not marked observed while waiting, so this HelmRelease
  // does not look released at it to its own dependents.
  std::optional<ReconcileOutcome> awaitDependencies() {
    if (release_.spec.dependsOn.empty()) {
      if (removeCondition(release_.status, ConditionType::DependenciesReady)) statusChanged_ = true;
      return std::nullopt;
    }
    auto checked = checkDependencies(*context_.client, release_);
    if (!checked) return retry(checked.error().message);
    const HelmReleaseCondition* current = findCondition(release_.status, ConditionType::DependenciesReady);
    const ConditionStatus wanted = checked->ready ? ConditionStatus::True : ConditionStatus::False;
    if (!current || current->status != wanted || current->message != checked->message ||
        current->observedGeneration != release_.generation) {
      const std::string now = metaNow();
      setCondition(release_.status, {ConditionType::DependenciesReady, wanted, now, now, checked->reason,
                                     checked->message, release_.generation});
      statusChanged_ = true;
    }
    if (checked->ready) return std::nullopt;
    runtime::logLine("info", "waiting for dependencies",
                     {{"resource", release_.antecedent()}, {"why", checked->message}});
    // A dependency that changes queues this HelmRelease again (Controller); resyncs look too.
    if (statusChanged_) {
      if (auto written = publish(); !written.empty()) return retry(written);
    }
    return done();
  }

  // Stalled because install/upgrade retries ran out: nothing is attempted
  // until a spec change, resetAt or forceAt (takeRequests) or another chart
  // revision. A rollback-retry stall is left to planSync (Flux v1's rules).
  bool stalledOnFailures() {
    const HelmReleaseCondition* stalled = findCondition(release_.status, ConditionType::Stalled);
    if (!stalled || stalled->reason == kRollbackRetriesExhausted || forceRequested_) return false;
    if (revision_ == release_.status.lastAttemptedRevision) return true;
    forgetFailures();
    return false;
  }

  // Counts a failed install or upgrade (or its tests) against remediation.retries.
  void countFailure(bool installing) {
    ++(installing ? release_.status.installFailures : release_.status.upgradeFailures);
    statusChanged_ = true;
  }

  // {reason, what ran out} when retrying is over, else empty strings: a failure
  // count beyond spec.install/upgrade.remediation.retries, or (Flux v1's rule)
  // rollback.retry with rollbackCount beyond rollback.maxRetries.
  std::pair<std::string, std::string> exhaustedRetries(bool installing) const {
    const HelmReleaseStatus& status = release_.status;
    const std::optional<std::int64_t> limit = installing ? release_.spec.install.retries : release_.spec.upgrade.retries;
    const std::int64_t failures = installing ? status.installFailures : status.upgradeFailures;
    const std::string action = installing ? "install" : "upgrade";
    if (limit && failures > *limit) {
      return {installing ? "InstallRetriesExhausted" : "UpgradeRetriesExhausted",
              std::to_string(failures) + " failed " + action + "s (spec." + action +
                  ".remediation.retries: " + std::to_string(*limit) + ")"};
    }
    const RollbackSpec& rollback = release_.spec.rollback;
    if (!installing && rollback.retry && hasRolledBack(release_) && !shouldRetryUpgrade(release_)) {
      return {std::string(kRollbackRetriesExhausted),
              std::to_string(status.rollbackCount) + " rollbacks (spec.rollback.maxRetries: " +
                  std::to_string(rollback.maxRetriesOrDefault()) + ")"};
    }
    return {};
  }

  // After a failed attempt: Stalled=True with the error and no retry when
  // retries are exhausted, else `otherwise` (the counts written first).
  ReconcileOutcome stallOr(bool installing, const std::string& cause, ReconcileOutcome otherwise) {
    const auto [reason, exhausted] = exhaustedRetries(installing);
    if (reason.empty()) {
      if (statusChanged_) {
        if (auto written = publish(); !written.empty()) return retry(written);
      }
      return otherwise;
    }
    const std::string now = metaNow();
    setCondition(release_.status,
                 {ConditionType::Stalled, ConditionStatus::True, now, now, reason,
                  "Retries exhausted after " + exhausted +
                      "; waiting for a spec change, another chart revision or reconcile.fluxcd.io/resetAt. Last error: " +
                      secretsRead_.redact(cause),
                  release_.generation});
    if (auto written = publish(); !written.empty()) return retry(written);
    return done();
  }

  // The chart of spec.chart; records its revision (ChartFetchFailed on failure).
  Result<std::shared_ptr<const chart::Chart>> fetchChart() {
    auto resolved = resolveChart(*context_.client, release_, sources_, &secretsRead_);
    if (!resolved) {
      (void)fail(Phase::ChartFetchFailed, resolved.error().message);
      return resolved.error();
    }
    revision_ = resolved->revision;
    if (release_.spec.chart.kind == ChartSourceKind::Git) sourceCommit_ = resolved->revision;
    sourceChanged_ = resolved->sourceChanged;
    sourceNote_ = resolved->note;
    return std::move(resolved->chart);
  }

  // ChartFetched=True after an earlier fetch failure (left alone when already true).
  void markChartFetched() {
    const HelmReleaseCondition* fetched = findCondition(release_.status, ConditionType::ChartFetched);
    if (fetched == nullptr || fetched->status == ConditionStatus::True) return;
    for (HelmReleaseCondition& condition : conditionsForPhase(release_, Phase::ChartFetched, metaNow())) {
      setCondition(release_.status, std::move(condition));
    }
    statusChanged_ = true;
  }

  // Flux v1's ownership check, made explicit: objects naming another
  // HelmRelease stop the sync with Released=False; a release whose objects name
  // none (made with the helm CLI) is adopted, said so in the Released message,
  // and annotated as ours. Skipped once this HelmRelease has tried to release it.
  std::optional<ReconcileOutcome> claimRelease(const Release& latest) {
    const HelmReleaseStatus& status = release_.status;
    const bool releasedBefore = !status.lastAttemptedRevision.empty() || !status.revision.empty();
    if (status.releaseName == release_.releaseName() && releasedBefore) return {};
    auto ownership = releaseOwnership(context_, latest, release_.antecedent());
    if (!ownership) return retry("checking which HelmRelease manages the release: " + ownership.error().message);
    if (ownership->owner == ReleaseOwnership::Owner::Another) {
      const std::string detail = "Helm release '" + release_.releaseName() + "' appears to be managed by '" +
                                 ownership->antecedent + "'; it is not taken over.";
      (void)fail(Phase::Failed, detail);
      return done();  // nothing to retry until the other HelmRelease lets go; resyncs look again
    }
    if (ownership->owner == ReleaseOwnership::Owner::Nobody) {
      adoptionNote_ = "Adopted the Helm release, which no HelmRelease managed (no " +
                      std::string(kAntecedentAnnotation) + " annotation on its objects).";
      runtime::logLine("info", "adopting a Helm release made outside the operator",
                       {{"resource", release_.antecedent()}, {"release", release_.releaseName()},
                        {"targetNamespace", release_.targetNamespace()}});
      annotate(latest);
      statusChanged_ = true;
    }
    return {};
  }

  ReconcileOutcome install(const chart::Chart& chart, const Value& values) {
    if (auto written = enterPhase(Phase::Installing); !written.empty()) return retry(written);
    const HelmReleaseSpec& spec = release_.spec;
    Result<Release> installed = controller::install(context_, chart,
                                                    {.releaseName = release_.releaseName(),
                                                     .namespace_ = release_.targetNamespace(),
                                                     .values = values,
                                                     .skipCrds = spec.skipCRDs,
                                                     .createNamespace = spec.install.createNamespace,
                                                     .maxHistory = static_cast<int>(spec.maxHistoryOrDefault()),
                                                     .wait = spec.waitOrDefault(),
                                                     .waitOptions = waitFor(spec.timeoutSeconds()),
                                                     .postRender = spec.postRendering});
    if (!installed) return uninstallFailedInstall(recordDeployFailed(true, installed.error()));
    (void)record(Phase::Deployed, "");
    return test(std::nullopt, *installed);
  }

  ReconcileOutcome upgrade(const chart::Chart& chart, const Value& values, int previousVersion) {
    if (auto written = enterPhase(Phase::Upgrading); !written.empty()) return retry(written);
    const HelmReleaseSpec& spec = release_.spec;
    if (spec.upgrade.crds != CrdUpgradePolicy::Skip) {
      const ExistingCrds existing =
          spec.upgrade.crds == CrdUpgradePolicy::CreateReplace ? ExistingCrds::Replace : ExistingCrds::Keep;
      auto crds = applyChartCrds(context_, chart, release_.targetNamespace(), existing,
                                 std::chrono::seconds(spec.timeoutSeconds()));
      if (!crds) return rollBack(previousVersion, recordDeployFailed(false, crds.error()));
    }
    Result<Release> upgraded = controller::upgrade(context_, chart,
                                                   {.releaseName = release_.releaseName(),
                                                    .namespace_ = release_.targetNamespace(),
                                                    .values = values,
                                                    .resetValues = !spec.reuseValues(),
                                                    .reuseValues = spec.reuseValues(),
                                                    .force = spec.forceUpgrade,
                                                    .maxHistory = static_cast<int>(spec.maxHistoryOrDefault()),
                                                    .wait = spec.waitOrDefault(),
                                                    .waitOptions = waitFor(spec.timeoutSeconds()),
                                                    .postRender = spec.postRendering});
    if (!upgraded) return rollBack(previousVersion, recordDeployFailed(false, upgraded.error()));
    (void)record(Phase::Deployed, "");
    return test(previousVersion, *upgraded);
  }

  // DeployFailed with the error of the install or upgrade, counted as a
  // failure; returns the cause for the steps that follow.
  std::string recordDeployFailed(bool installing, const Error& error) {
    const std::string cause = std::string(installing ? "installation" : "upgrade") + " failed: " + error.message;
    release_.status.releaseStatus = currentReleaseStatus();
    countFailure(installing);
    (void)record(Phase::DeployFailed, cause);
    return cause;
  }

  // spec.test: helm test after a successful install or upgrade. A failure
  // uninstalls a fresh install or rolls back an upgrade, unless ignoreFailures.
  ReconcileOutcome test(std::optional<int> previousVersion, const Release& deployed) {
    const TestSpec& spec = release_.spec.test;
    if (spec.enable) {
      if (auto written = record(Phase::Testing, ""); !written.empty()) return retry(written);
      auto tested = controller::test(context_, release_.releaseName(), release_.targetNamespace(),
                                     std::chrono::seconds(spec.timeoutSeconds()));
      if (!tested) {
        const std::string cause = "test failed: " + tested.error().message;
        if (!spec.ignoreFailuresOrDefault()) countFailure(!previousVersion);
        (void)record(Phase::TestFailed, cause);
        if (!spec.ignoreFailuresOrDefault()) {
          return previousVersion ? rollBack(*previousVersion, cause) : uninstallFailedInstall(cause);
        }
      } else {
        (void)record(Phase::Tested, "");
      }
    }
    annotate(deployed);
    return recordSucceeded(deployed.info.status);
  }

  // spec.rollback after a failed upgrade (or failed test): back to the revision
  // deployed before, when enabled and the failed attempt wrote a revision.
  ReconcileOutcome rollBack(int previousVersion, const std::string& cause) {
    const RollbackSpec& spec = release_.spec.rollback;
    if (!spec.enable) return stallOr(false, cause, retry(cause));
    auto history = storage().history(release_.releaseName());
    if (!history) return retry(cause + "; " + history.error().message);
    const std::optional<Release> latest = lastRevision(*history);
    if (!latest || latest->version <= previousVersion) return stallOr(false, cause, retry(cause));
    if (auto written = record(Phase::RollingBack, ""); !written.empty()) return retry(written);
    auto rolledBack = controller::rollback(context_, {.releaseName = release_.releaseName(),
                                                      .namespace_ = release_.targetNamespace(),
                                                      .revision = previousVersion,
                                                      .disableHooks = spec.disableHooks,
                                                      .recreate = spec.recreate,
                                                      .force = spec.force,
                                                      .maxHistory = static_cast<int>(
                                                          release_.spec.maxHistoryOrDefault()),
                                                      .wait = spec.wait,
                                                      .waitOptions = waitFor(spec.timeoutSeconds())});
    release_.status.releaseStatus = currentReleaseStatus();
    if (!rolledBack) {
      (void)record(Phase::RollbackFailed, "rollback failed: " + rolledBack.error().message + "; after " + cause);
      return stallOr(false, cause, retry(cause + "; rollback failed: " + rolledBack.error().message));
    }
    annotate(*rolledBack);
    if (auto written = record(Phase::RolledBack, "after " + cause); !written.empty()) return retry(written);
    // Later syncs upgrade again only as planSync allows; the backoff paces the retries.
    return stallOr(false, cause, shouldRetryUpgrade(release_) ? retry(cause) : done());
  }

  // Flux v1 purges a release whose installation (or its tests) failed; the next sync installs afresh.
  ReconcileOutcome uninstallFailedInstall(const std::string& cause) {
    auto removed = uninstall(context_, {.releaseName = release_.releaseName(),
                                        .namespace_ = release_.targetNamespace(),
                                        .timeout = std::chrono::seconds(release_.spec.timeoutSeconds())});
    if (!removed && !isNotFoundError(removed.error())) {
      return retry(cause + "; uninstall failed: " + removed.error().message);
    }
    release_.status.releaseStatus.clear();
    if (auto written = publish(); !written.empty()) return retry(written);
    return stallOr(true, cause, retry(cause));
  }

  // Marks the objects of `release` as this HelmRelease's; a failure is only logged, as in Flux v1.
  void annotate(const Release& release) {
    if (auto annotated = annotateReleaseObjects(context_, release, release_.antecedent()); !annotated) {
      runtime::logLine("warn", annotated.error().message, {{"resource", release_.antecedent()}});
    }
  }

  static WaitOptions waitFor(std::int64_t seconds) {
    WaitOptions options;
    options.timeout = std::chrono::seconds(seconds);
    return options;
  }

  // Installing or Upgrading, recording the chart revision attempted (and, for git, naming the commit).
  std::string enterPhase(Phase phase) {
    setPhaseWithRevision(release_, phase, metaNow(), revision_);
    removeCondition(release_.status, ConditionType::Stalled);
    if (forceRequested_) release_.status.lastHandledForceAt = release_.requests.forceAt;
    appendToPhaseMessages(phase, sourceNote_);
    release_.status.releaseName = release_.releaseName();
    release_.status.observedGeneration = release_.generation;
    return publish();
  }

  // Succeeded with the chart revision; not written again when the status already says so.
  ReconcileOutcome recordSucceeded(const std::string& releaseStatus) {
    HelmReleaseStatus& status = release_.status;
    const HelmReleaseCondition* released = findCondition(status, ConditionType::Released);
    if (!statusChanged_ && status.phase == Phase::Succeeded && status.revision == revision_ &&
        status.releaseStatus == releaseStatus && status.releaseName == release_.releaseName() &&
        status.observedGeneration == release_.generation && released && released->status == ConditionStatus::True) {
      return done();
    }
    status.revision = revision_;
    status.releaseName = release_.releaseName();
    status.releaseStatus = releaseStatus;
    if (auto written = record(Phase::Succeeded, adoptionNote_); !written.empty()) return retry(written);
    return done();
  }

  ReconcileOutcome publishIfChanged() {
    if (!statusChanged_ && release_.status.observedGeneration == release_.generation) return done();
    release_.status.observedGeneration = release_.generation;
    if (auto written = publish(); !written.empty()) return retry(written);
    return done();
  }

  // Records `phase` with `detail` appended to the messages it writes, and asks
  // for a retry. A failure already recorded for this generation is not written again.
  ReconcileOutcome fail(Phase phase, const std::string& rawDetail) {
    const std::string detail = secretsRead_.redact(rawDetail);
    const HelmReleaseStatus& status = release_.status;
    const bool alreadyRecorded = status.phase == phase && status.observedGeneration == release_.generation &&
                                 std::any_of(status.conditions.begin(), status.conditions.end(), [&](const auto& c) {
                                   return c.reason == phaseName(phase) && c.message.ends_with(" " + detail);
                                 });
    if (alreadyRecorded && !statusChanged_) return retry(detail);
    if (auto written = record(phase, detail); !written.empty()) return retry(written);
    return retry(detail);
  }

  // Sets `phase` (its conditions get `detail` appended to their message) and
  // writes the status; "" on success, else why it could not be written.
  std::string record(Phase phase, const std::string& detail) {
    setPhase(release_, phase, metaNow());
    appendToPhaseMessages(phase, detail);
    release_.status.observedGeneration = release_.generation;
    return publish();
  }

  // Adds `detail` (when not empty) to the messages of the conditions `phase` wrote.
  void appendToPhaseMessages(Phase phase, const std::string& detail) {
    if (detail.empty()) return;
    for (HelmReleaseCondition& condition : release_.status.conditions) {
      if (condition.reason == phaseName(phase)) condition.message += " " + secretsRead_.redact(detail);
    }
  }

  std::string currentReleaseStatus() {
    auto history = storage().history(release_.releaseName());
    if (!history) return {};
    const std::optional<Release> last = lastRevision(*history);
    return last ? last->info.status : std::string();
  }

  // "" on success, else why the status could not be written.
  std::string publish() {
    auto written = writeStatus(*context_.client, release_.namespaceOrDefault(), release_.name, release_.status);
    if (!written) return written.error().message;
    memory_.writes.record(release_.key(), *written);
    statusChanged_ = false;
    if (options_.observer) options_.observer->statusWritten(release_);
    return {};
  }

  ActionContext& context_;
  ChartSources sources_;
  const ReconcilerOptions& options_;
  ReconcilerMemory& memory_;
  HelmRelease release_;
  std::string revision_;      // the chart version (or git commit) being released
  std::string sourceCommit_;    // the git commit released ("" for a repository chart)
  bool sourceChanged_ = false;  // a git commit changed the chart since the last attempt
  std::string sourceNote_;      // what Installing/Upgrading messages add about the source
  std::string adoptionNote_;  // set when this sync adopted a release made elsewhere
  bool statusChanged_ = false;  // changed in memory beyond what the server has
  bool forceRequested_ = false;  // a reconcile.fluxcd.io/forceAt not handled yet
  SecretRedactor secretsRead_;  // the values read from Secrets, masked in every message
};

// Deletion: uninstalls the release unless its objects name another HelmRelease.
Result<void> uninstallOwnRelease(ActionContext& context, const HelmRelease& release) {
  auto history = SecretStorage(context.client, release.targetNamespace()).history(release.releaseName());
  if (!history) return history.error();
  const std::optional<Release> latest = lastRevision(*history);
  if (!latest) return {};
  // When the owner cannot be told (an object kind no longer served), uninstall as Flux v1 always did.
  auto ownership = releaseOwnership(context, *latest, release.antecedent());
  if (ownership && ownership->owner == ReleaseOwnership::Owner::Another) return {};
  auto removed = uninstall(context, {.releaseName = release.releaseName(),
                                     .namespace_ = release.targetNamespace(),
                                     .timeout = std::chrono::seconds(release.spec.timeoutSeconds())});
  if (!removed && !isNotFoundError(removed.error())) return removed.error();
  return {};
}

}  // namespace

Reconciler::Reconciler(ActionContext context, std::shared_ptr<chart::repo::RepositoryPool> repositories,
                       ReconcilerOptions options)
    : context_(std::move(context)), repositories_(std::move(repositories)), options_(options) {}

ReconcileOutcome Reconciler::reconcile(const std::string& ns, const std::string& name, const nlohmann::json* cached) {
  kube::client::RestClient& client = *context_.client;
  const std::string key = ns + "/" + name;
  nlohmann::json object;
  if (cached && memory_.writes.includesLastWrite(key, *cached)) {
    object = *cached;
  } else {
    auto fetched = client.get(kube::client::resourcePath(helmReleaseResource(), ns, name));
    if (!fetched) {
      if (!fetched.error().isNotFound()) return retry(fetched.error().message);
      memory_.writes.forget(key);
      return done();
    }
    object = std::move(fetched).value();
  }
  auto parsed = parseHelmRelease(object);

  if (object["metadata"].contains("deletionTimestamp")) {
    if (!hasFinalizer(object)) return done();
    // A suspended HelmRelease is not touched, not even uninstalled (as in Flux v2): its release stays.
    if (parsed && parsed->spec.suspend) {
      runtime::logLine("info", "deleted while suspended; the Helm release is left installed",
                       {{"resource", parsed->antecedent()}, {"release", parsed->releaseName()}});
    } else if (parsed) {
      auto removed = uninstallOwnRelease(context_, *parsed);
      if (options_.observer) options_.observer->releaseUninstalled(*parsed, removed ? "" : removed.error().message);
      if (!removed) return retry(removed.error().message);
    }
    auto patched = setFinalizer(client, object, false);
    if (!patched && !patched.error().isNotFound()) return retry(patched.error().message);
    memory_.writes.forget(key);
    return done();
  }
  if (!parsed) return refuseSpec(client, memory_.writes, object, parsed.error());
  if (!hasFinalizer(object)) {
    auto patched = setFinalizer(client, object, true);
    if (!patched) return retry(patched.error().message);
    memory_.writes.record(key, *patched);
    auto reparsed = parseHelmRelease(*patched);
    if (!reparsed) return retry(reparsed.error().message);
    parsed = std::move(reparsed);
  }
  const ChartSources sources{repositories_, options_.gitMirrors, loadedCharts_, options_.chartFetchTimeout};
  return ReleaseSync(context_, sources, options_, memory_, std::move(parsed).value()).run();
}

}  // namespace ho::controller
