// Controller: informer -> work queue -> reconciler workers, plus resyncs.
#include "controller/reconciler/controller.h"

#include <algorithm>

#include "controller/reconciler/dependency_check.h"
#include "controller/reconciler/helm_release_object.h"
#include "controller/runtime/structured_log.h"

namespace ho::controller {
namespace {

// Updates that only touch the status (our own writes) are not worth a reconcile:
// only a spec change (a new generation) or the start of a deletion is.
bool specOrDeletionChanged(const nlohmann::json& before, const nlohmann::json& after) {
  const nlohmann::json& old = before["metadata"];
  const nlohmann::json& now = after["metadata"];
  return old.value("generation", 0) != now.value("generation", 0) ||
         old.contains("deletionTimestamp") != now.contains("deletionTimestamp");
}

std::string annotation(const nlohmann::json& object, std::string_view name) {
  const nlohmann::json* value = &object;
  for (const std::string& key : {std::string("metadata"), std::string("annotations"), std::string(name)}) {
    if (!value->is_object() || !value->contains(key)) return {};
    value = &(*value)[key];
  }
  return value->is_string() ? value->get<std::string>() : std::string();
}

// A new reconcile.fluxcd.io annotation value asks for a reconcile now.
bool reconcileRequested(const nlohmann::json& before, const nlohmann::json& after) {
  return std::any_of(kReconcileRequestAnnotations.begin(), kReconcileRequestAnnotations.end(),
                     [&](std::string_view name) { return annotation(before, name) != annotation(after, name); });
}

kube::client::InformerOptions watching(const ControllerOptions& controllerOptions) {
  kube::client::InformerOptions options;
  options.type = helmReleaseResource();
  options.namespace_ = controllerOptions.namespace_;
  options.labelSelector = controllerOptions.labelSelector;
  return options;
}

std::shared_ptr<runtime::ReconcileReporter> reporterOrDefault(std::shared_ptr<runtime::ReconcileReporter> given,
                                                              const std::shared_ptr<kube::client::RestClient>& client) {
  if (given) return given;
  return std::make_shared<runtime::ReconcileReporter>(std::make_shared<runtime::EventRecorder>(client),
                                                      std::make_shared<runtime::OperatorMetrics>());
}

}  // namespace

Controller::Controller(std::shared_ptr<kube::client::RestClient> client, std::shared_ptr<Reconciler> reconciler,
                       ControllerOptions options)
    : reconciler_(std::move(reconciler)),
      options_(std::move(options)),
      reporter_(reporterOrDefault(options_.reporter, client)),
      queue_(options_.retryBackoff),
      valuesSources_(client, options_.namespace_, queue_),
      informer_(std::move(client), watching(options_), valuesSources_.tracking(handlers())) {
  if (options_.gitMirrors) {
    gitPoller_ = std::make_unique<GitSourcePoller>(
        options_.gitMirrors, [this] { return informer_.list(); }, [this](const std::string& key) { enqueue(key); });
  }
}

Controller::~Controller() { stop(); }

kube::client::InformerHandlers Controller::handlers() {
  auto onAdd = [this](const nlohmann::json& object) {
    reporter_->objectAdded(object);
    const std::string key = kube::client::objectKey(object);
    trackDependencies(key, object);
    enqueue(key);
    enqueueDependents(key);
  };
  auto onUpdate = [this](const nlohmann::json& before, const nlohmann::json& after) {
    reporter_->objectUpdated(after);
    const std::string key = kube::client::objectKey(after);
    trackDependencies(key, after);
    if (annotation(before, kResetAtAnnotation) != annotation(after, kResetAtAnnotation)) queue_.forget(key);
    if (specOrDeletionChanged(before, after) || reconcileRequested(before, after)) enqueue(key);
    // A changed dependsOn may close a cycle: its other members look again too.
    if (const std::vector<std::string> dependencies = dependencyKeys(after); dependencies != dependencyKeys(before)) {
      for (const std::string& dependency : dependencies) enqueue(dependency);
    }
    if (!dependencies_.referrersOf(key).empty() && isReleasedAtGeneration(before) != isReleasedAtGeneration(after)) {
      enqueueDependents(key);
    }
  };
  auto onDelete = [this](const nlohmann::json& object) {
    reporter_->objectDeleted(object);
    const std::string key = kube::client::objectKey(object);
    dependencies_.remove(key);
    enqueue(key);
    enqueueDependents(key);
  };
  return {onAdd, onUpdate, onDelete};
}

void Controller::enqueue(const std::string& key) {
  queue_.add(key);
  reporter_->metrics().setQueueLength(queue_.length());
}

void Controller::trackDependencies(const std::string& key, const nlohmann::json& object) {
  const std::vector<std::string> dependencies = dependencyKeys(object);
  dependencies_.set(key, {dependencies.begin(), dependencies.end()});
}

void Controller::enqueueDependents(const std::string& key) {
  for (const std::string& dependent : dependencies_.referrersOf(key)) enqueue(dependent);
}

void Controller::start() {
  startWatching();
  startWorking();
}

void Controller::startWatching() {
  std::lock_guard lock(mutex_);
  if (watching_ || stopping_) return;
  watching_ = true;
  informer_.start();
  valuesSources_.start();
  resync_ = std::thread([this] { resyncLoop(); });
}

void Controller::startWorking() {
  std::lock_guard lock(mutex_);
  if (working_ || stopping_) return;
  working_ = true;
  for (int i = 0; i < std::max(1, options_.workers); ++i) workers_.emplace_back([this] { work(); });
  if (gitPoller_) gitPoller_->start();
}

bool Controller::ready() { return informer_.waitForSync(std::chrono::milliseconds(0)); }

bool Controller::stop(std::chrono::milliseconds grace) {
  std::unique_lock lock(mutex_);
  if (stopped_ || (!watching_ && !working_)) return true;
  stopping_ = true;
  queue_.shutDown();
  changed_.notify_all();
  if (!changed_.wait_for(lock, grace, [this] { return busyWorkers_ == 0; })) {
    runtime::logLine("warn", "reconciles still running after the shutdown grace period",
                     {{"running", std::to_string(busyWorkers_)}});
    return false;
  }
  lock.unlock();
  for (std::thread& worker : workers_) worker.join();
  workers_.clear();
  if (resync_.joinable()) resync_.join();
  if (gitPoller_) gitPoller_->stop();
  informer_.stop();
  valuesSources_.stop();
  lock.lock();
  stopped_ = true;
  return true;
}

void Controller::work() {
  while (std::optional<std::string> key = queue_.get()) {
    {
      std::lock_guard lock(mutex_);
      ++busyWorkers_;
    }
    reporter_->metrics().setQueueLength(queue_.length());
    const size_t slash = key->find('/');
    const std::string ns = slash == std::string::npos ? std::string() : key->substr(0, slash);
    const std::string name = slash == std::string::npos ? *key : key->substr(slash + 1);
    const std::optional<nlohmann::json> cached = informer_.get(*key);
    if (!cached) {
      // Only the HelmReleases the informer holds are this controller's: one deleted, or moved out
      // of its shard (--watch-label-selector), is not fetched and reconciled again.
      queue_.forget(*key);
      reconciler_->forget(*key);
    } else {
      reporter_->reconcileStarted(*key, cached);
      const ReconcileOutcome outcome = reconciler_->reconcile(ns, name, &*cached);
      reporter_->reconcileFinished(*key, outcome);
      if (outcome.next == ReconcileOutcome::Next::RetryWithBackoff) {
        queue_.addRateLimited(*key);
      } else {
        queue_.forget(*key);
      }
    }
    queue_.done(*key);
    {
      std::lock_guard lock(mutex_);
      --busyWorkers_;
    }
    changed_.notify_all();
  }
}

void Controller::resyncLoop() {
  std::unique_lock lock(mutex_);
  while (!changed_.wait_for(lock, options_.resyncInterval, [this] { return stopping_; })) {
    lock.unlock();
    for (const std::string& key : informer_.keys()) enqueue(key);
    lock.lock();
  }
}

}  // namespace ho::controller
