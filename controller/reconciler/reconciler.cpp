// Reconciler::reconcile: the Flux v1 sync of one HelmRelease, Helm 3 only.
#include "controller/reconciler/reconciler.h"

#include <algorithm>

#include "chart/loader.h"
#include "controller/helmrelease/helm_release.h"
#include "controller/helmrelease/phase_conditions.h"
#include "controller/reconciler/helm_release_object.h"
#include "controller/reconciler/values_composer.h"
#include "controller/release/secret_storage.h"
#include "encoding/go_yaml.h"

namespace ho::controller {
namespace {

using Next = ReconcileOutcome::Next;

ReconcileOutcome done() { return {}; }
ReconcileOutcome retry(std::string why) { return {Next::RetryWithBackoff, std::move(why)}; }

bool isNotFoundError(const Error& error) { return error.message.find("not found") != std::string::npos; }

// Values compared as Helm stores them: nil and {} are the same, numbers by their YAML form.
std::string valuesFingerprint(const Value& values) {
  if (values.isNil() || (values.isMap() && values.asMap().empty())) return "{}";
  auto yaml = encoding::toYaml(values);
  return yaml ? *yaml : std::string();
}

// A spec the parser refuses (helmVersion v2 among others): Released=False naming the field.
ReconcileOutcome refuseSpec(kube::client::RestClient& client, const nlohmann::json& object, const Error& why) {
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
  auto written = writeStatus(client, metadata.value("namespace", ""), metadata.value("name", ""), status);
  if (!written) return retry(written.error().message);
  return done();
}

// One sync of a parsed HelmRelease; every phase change is written to its status.
class ReleaseSync {
 public:
  ReleaseSync(ActionContext& context, chart::repo::RepositoryPool& repositories, HelmRelease release)
      : context_(context), repositories_(repositories), release_(std::move(release)) {}

  ReconcileOutcome run() {
    if (release_.spec.suspend) return done();
    auto chart = fetchChart();
    if (!chart) return retry(chart.error().message);
    const std::string revision = (*chart)->metadata.version;
    markChartFetched();

    auto values = composeValues(*context_.client, release_, **chart);
    if (!values) return fail(Phase::Failed, values.error().message);

    SecretStorage storage(context_.client, release_.targetNamespace());
    if (auto unlocked = unlockPendingRelease(context_, release_.releaseName(), release_.targetNamespace());
        !unlocked) {
      return retry(unlocked.error().message);
    }
    auto history = storage.history(release_.releaseName());
    if (!history) return retry(history.error().message);

    const std::optional<Release> deployed = lastDeployed(*history);
    const bool install = history->empty();
    const bool upToDate = deployed && lastRevision(*history)->version == deployed->version &&
                          chartMetadataField(*deployed, "name") == (*chart)->metadata.name &&
                          chartMetadataField(*deployed, "version") == revision &&
                          valuesFingerprint(deployed->config) == valuesFingerprint(*values);
    if (upToDate) return recordUpToDate(revision, std::string(status::kDeployed));
    return deploy(install, **chart, *values, revision);
  }

 private:
  Result<std::shared_ptr<chart::Chart>> fetchChart() {
    const ChartSource& source = release_.spec.chart;
    if (source.kind != ChartSourceKind::Repository) {
      const std::string message = "git chart sources are not supported yet";
      (void)fail(Phase::ChartFetchFailed, message);
      return Error{message};
    }
    auto repository = repositories_.get(chart::repo::RepositoryConfig{"", source.repository, {}});
    auto fetched = repository->fetchChart(source.name, source.version);
    if (!fetched) {
      const chart::repo::RepoError& error = fetched.error();
      const std::string message = std::string(chart::repo::repoErrorKindName(error.kind)) + ": " + error.message;
      (void)fail(Phase::ChartFetchFailed, message);
      return Error{message};
    }
    auto loaded = chart::loadArchive(fetched->bytes);
    if (!loaded) {
      (void)fail(Phase::ChartFetchFailed, loaded.error().message);
      return loaded.error();
    }
    return loaded;
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

  ReconcileOutcome deploy(bool install, const chart::Chart& chart, const Value& values, const std::string& revision) {
    setPhaseWithRevision(release_, install ? Phase::Installing : Phase::Upgrading, metaNow(), revision);
    release_.status.releaseName = release_.releaseName();
    release_.status.observedGeneration = release_.generation;
    if (auto written = publish(); !written.empty()) return retry(written);

    const HelmReleaseSpec& spec = release_.spec;
    WaitOptions waitOptions;
    waitOptions.timeout = std::chrono::seconds(spec.timeoutSeconds());
    Result<Release> result = Error{};
    if (install) {
      result = controller::install(context_, chart,
                                   {.releaseName = release_.releaseName(),
                                    .namespace_ = release_.targetNamespace(),
                                    .values = values,
                                    .skipCrds = spec.skipCRDs,
                                    .maxHistory = static_cast<int>(spec.maxHistoryOrDefault()),
                                    .wait = spec.waitOrDefault(),
                                    .waitOptions = waitOptions});
    } else {
      result = controller::upgrade(context_, chart,
                                   {.releaseName = release_.releaseName(),
                                    .namespace_ = release_.targetNamespace(),
                                    .values = values,
                                    .resetValues = !spec.reuseValues(),
                                    .reuseValues = spec.reuseValues(),
                                    .maxHistory = static_cast<int>(spec.maxHistoryOrDefault()),
                                    .wait = spec.waitOrDefault(),
                                    .waitOptions = waitOptions});
    }
    if (!result) {
      release_.status.releaseStatus = currentReleaseStatus();
      return fail(Phase::DeployFailed, result.error().message);
    }
    setPhase(release_, Phase::Deployed, metaNow());
    return recordUpToDate(revision, result->info.status);
  }

  // Succeeded with `revision`; not written again when the status already says so.
  ReconcileOutcome recordUpToDate(const std::string& revision, const std::string& releaseStatus) {
    HelmReleaseStatus& status = release_.status;
    const HelmReleaseCondition* released = findCondition(status, ConditionType::Released);
    if (!statusChanged_ && status.phase == Phase::Succeeded && status.revision == revision && status.releaseStatus == releaseStatus &&
        status.releaseName == release_.releaseName() && status.observedGeneration == release_.generation &&
        released && released->status == ConditionStatus::True) {
      return done();
    }
    setPhaseWithRevision(release_, Phase::Succeeded, metaNow(), revision);
    status.releaseName = release_.releaseName();
    status.releaseStatus = releaseStatus;
    status.observedGeneration = release_.generation;
    if (auto written = publish(); !written.empty()) return retry(written);
    return done();
  }

  // Records `phase` with `detail` appended to the messages it writes, and asks for a retry.
  // Records `phase` with `detail` appended to the messages it writes, and asks
  // for a retry. A failure already recorded for this generation is not written again.
  ReconcileOutcome fail(Phase phase, const std::string& detail) {
    HelmReleaseStatus& status = release_.status;
    const bool alreadyRecorded = status.phase == phase && status.observedGeneration == release_.generation &&
                                 std::any_of(status.conditions.begin(), status.conditions.end(), [&](const auto& c) {
                                   return c.reason == phaseName(phase) && c.message.ends_with(" " + detail);
                                 });
    if (alreadyRecorded) return retry(detail);
    setPhase(release_, phase, metaNow());
    for (HelmReleaseCondition& condition : status.conditions) {
      if (condition.reason == phaseName(phase)) condition.message += " " + detail;
    }
    status.observedGeneration = release_.generation;
    if (auto written = publish(); !written.empty()) return retry(written);
    return retry(detail);
  }

  std::string currentReleaseStatus() {
    auto history = SecretStorage(context_.client, release_.targetNamespace()).history(release_.releaseName());
    if (!history) return {};
    const std::optional<Release> last = lastRevision(*history);
    return last ? last->info.status : std::string();
  }

  // "" on success, else why the status could not be written.
  std::string publish() {
    auto written = writeStatus(*context_.client, release_.namespaceOrDefault(), release_.name, release_.status);
    return written ? std::string() : written.error().message;
  }

  ActionContext& context_;
  chart::repo::RepositoryPool& repositories_;
  HelmRelease release_;
  bool statusChanged_ = false;  // changed in memory beyond what the server has
};

}  // namespace

Reconciler::Reconciler(ActionContext context, std::shared_ptr<chart::repo::RepositoryPool> repositories)
    : context_(std::move(context)), repositories_(std::move(repositories)) {}

ReconcileOutcome Reconciler::reconcile(const std::string& ns, const std::string& name) {
  kube::client::RestClient& client = *context_.client;
  auto fetched = client.get(kube::client::resourcePath(helmReleaseResource(), ns, name));
  if (!fetched) return fetched.error().isNotFound() ? done() : retry(fetched.error().message);
  nlohmann::json object = std::move(fetched).value();
  auto parsed = parseHelmRelease(object);

  if (object["metadata"].contains("deletionTimestamp")) {
    if (!hasFinalizer(object)) return done();
    if (parsed) {
      auto removed = uninstall(context_, {.releaseName = parsed->releaseName(),
                                          .namespace_ = parsed->targetNamespace()});
      if (!removed && !isNotFoundError(removed.error())) return retry(removed.error().message);
    }
    auto patched = setFinalizer(client, object, false);
    if (!patched && !patched.error().isNotFound()) return retry(patched.error().message);
    return done();
  }
  if (!parsed) return refuseSpec(client, object, parsed.error());
  if (!hasFinalizer(object)) {
    auto patched = setFinalizer(client, object, true);
    if (!patched) return retry(patched.error().message);
    auto reparsed = parseHelmRelease(*patched);
    if (!reparsed) return retry(reparsed.error().message);
    parsed = std::move(reparsed);
  }
  return ReleaseSync(context_, *repositories_, std::move(parsed).value()).run();
}

}  // namespace ho::controller
