// Controller: informer -> work queue -> reconciler workers, plus resyncs.
#include "controller/reconciler/controller.h"

#include <iostream>

#include "controller/reconciler/helm_release_object.h"

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

kube::client::InformerHandlers queueing(kube::client::WorkQueue& queue) {
  auto enqueue = [&queue](const nlohmann::json& object) { queue.add(kube::client::objectKey(object)); };
  auto onUpdate = [enqueue](const nlohmann::json& before, const nlohmann::json& after) {
    if (specOrDeletionChanged(before, after)) enqueue(after);
  };
  return {enqueue, onUpdate, enqueue};
}

kube::client::InformerOptions watching(const std::string& ns) {
  kube::client::InformerOptions options;
  options.type = helmReleaseResource();
  options.namespace_ = ns;
  return options;
}

}  // namespace

Controller::Controller(std::shared_ptr<kube::client::RestClient> client, std::shared_ptr<Reconciler> reconciler,
                       ControllerOptions options)
    : reconciler_(std::move(reconciler)),
      options_(std::move(options)),
      queue_(options_.retryBackoff),
      informer_(std::move(client), watching(options_.namespace_),
                queueing(queue_)) {}

Controller::~Controller() { stop(); }

void Controller::start() {
  informer_.start();
  started_ = true;
  for (int i = 0; i < std::max(1, options_.workers); ++i) threads_.emplace_back([this] { work(); });
  threads_.emplace_back([this] { resyncLoop(); });
}

void Controller::stop() {
  if (!started_) return;
  {
    std::lock_guard lock(mutex_);
    if (stopping_) return;
    stopping_ = true;
  }
  stopRequested_.notify_all();
  informer_.stop();
  queue_.shutDown();
  for (std::thread& thread : threads_) thread.join();
  threads_.clear();
}

void Controller::work() {
  while (std::optional<std::string> key = queue_.get()) {
    const size_t slash = key->find('/');
    const std::string ns = slash == std::string::npos ? std::string() : key->substr(0, slash);
    const std::string name = slash == std::string::npos ? *key : key->substr(slash + 1);
    const ReconcileOutcome outcome = reconciler_->reconcile(ns, name);
    if (outcome.next == ReconcileOutcome::Next::RetryWithBackoff) {
      std::cerr << "level=warn msg=\"reconcile failed, will retry\" resource=" << *key << " error=\""
                << outcome.error << "\"\n";
      queue_.addRateLimited(*key);
    } else {
      queue_.forget(*key);
    }
    queue_.done(*key);
  }
}

void Controller::resyncLoop() {
  std::unique_lock lock(mutex_);
  while (!stopRequested_.wait_for(lock, options_.resyncInterval, [this] { return stopping_; })) {
    for (const nlohmann::json& object : informer_.list()) queue_.add(kube::client::objectKey(object));
  }
}

}  // namespace ho::controller
