// Controller: informer -> work queue -> reconciler workers, plus resyncs.
#include "controller/reconciler/controller.h"

#include <algorithm>

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

kube::client::InformerOptions watching(const std::string& ns) {
  kube::client::InformerOptions options;
  options.type = helmReleaseResource();
  options.namespace_ = ns;
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
      informer_(std::move(client), watching(options_.namespace_), valuesSources_.tracking(handlers())) {}

Controller::~Controller() { stop(); }

kube::client::InformerHandlers Controller::handlers() {
  auto onAdd = [this](const nlohmann::json& object) {
    reporter_->objectAdded(object);
    enqueue(kube::client::objectKey(object));
  };
  auto onUpdate = [this](const nlohmann::json& before, const nlohmann::json& after) {
    reporter_->objectUpdated(after);
    if (specOrDeletionChanged(before, after)) enqueue(kube::client::objectKey(after));
  };
  auto onDelete = [this](const nlohmann::json& object) {
    reporter_->objectDeleted(object);
    enqueue(kube::client::objectKey(object));
  };
  return {onAdd, onUpdate, onDelete};
}

void Controller::enqueue(const std::string& key) {
  queue_.add(key);
  reporter_->metrics().setQueueLength(queue_.length());
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
    reporter_->reconcileStarted(*key, informer_.get(*key));
    const ReconcileOutcome outcome = reconciler_->reconcile(ns, name);
    reporter_->reconcileFinished(*key, outcome);
    if (outcome.next == ReconcileOutcome::Next::RetryWithBackoff) {
      queue_.addRateLimited(*key);
    } else {
      queue_.forget(*key);
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
    for (const nlohmann::json& object : informer_.list()) enqueue(kube::client::objectKey(object));
    lock.lock();
  }
}

}  // namespace ho::controller
