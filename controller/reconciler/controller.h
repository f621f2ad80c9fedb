// The HelmRelease controller: an informer on helmreleases (helm.fluxcd.io/v1)
// feeds a work queue that N workers drain through the Reconciler; failed
// reconciles are retried with per-key backoff, and every key is queued again
// each resync interval so chart repositories are polled for new versions.
// Git mirrors are polled on their own (GitSourcePoller), queueing the
// HelmReleases whose chart folder a new commit changed.
// A HelmRelease is also queued when a reconcile.fluxcd.io annotation changes,
// and when a HelmRelease it depends on (spec.dependsOn) becomes released or
// stops being released.
// With a label selector the controller owns one shard of the HelmReleases:
// its informer lists and watches only those, and every path that queues a
// key (resync, values sources, dependsOn, git) ends at the informer's cache,
// so a HelmRelease relabelled out of the shard is no longer touched.
// Watching and working start separately, so with leader election every
// replica keeps a warm cache (and is ready) while only the leader works.
// Stopping stops taking work and lets reconciles in flight finish within a
// grace period.
#pragma once

#include <chrono>
#include <condition_variable>
#include <memory>
#include <mutex>
#include <string>
#include <thread>
#include <vector>

#include "controller/reconciler/reference_index.h"
#include "controller/reconciler/git_source_poller.h"
#include "controller/reconciler/reconciler.h"
#include "controller/reconciler/values_source_watch.h"
#include "controller/runtime/reconcile_reporter.h"
#include "kube/client/informer.h"
#include "kube/client/work_queue.h"

namespace ho::controller {

struct ControllerOptions {
  int workers = 2;
  std::chrono::milliseconds resyncInterval{std::chrono::minutes(3)};
  std::string namespace_;  // "" = every namespace
  // Only the HelmReleases this label selector selects ("" = all): this controller's shard.
  std::string labelSelector;
  kube::client::BackoffLimits retryBackoff{std::chrono::milliseconds(500), std::chrono::minutes(5)};
  // Events, metrics and log lines; give the Reconciler the same one so its
  // steps are reported too. Without one the controller makes its own.
  std::shared_ptr<runtime::ReconcileReporter> reporter;
  // The reconciler's git mirrors, polled every poll interval while working; null: not polled.
  std::shared_ptr<chart::git::MirrorPool> gitMirrors;
};

class Controller {
 public:
  Controller(std::shared_ptr<kube::client::RestClient> client, std::shared_ptr<Reconciler> reconciler,
             ControllerOptions options);
  ~Controller();
  Controller(const Controller&) = delete;
  Controller& operator=(const Controller&) = delete;

  // startWatching() then startWorking().
  void start();
  // The informer (cache, queueing, metrics) and the resync timer.
  void startWatching();
  // The workers that reconcile queued keys (once).
  void startWorking();
  // True once the informer has listed every HelmRelease.
  bool ready();
  // Stops taking work, waits up to `grace` for reconciles in progress, then
  // stops watching. False when some reconcile was still running at the
  // deadline: its thread is left alone (the process should exit without
  // destroying the Controller; a release left pending is unlocked on the next start).
  bool stop(std::chrono::milliseconds grace = std::chrono::hours(24));

  runtime::ReconcileReporter& reporter() { return *reporter_; }

 private:
  void work();
  void resyncLoop();
  void enqueue(const std::string& key);
  void enqueueDependents(const std::string& key);
  void trackDependencies(const std::string& key, const nlohmann::json& object);
  kube::client::InformerHandlers handlers();

  std::shared_ptr<Reconciler> reconciler_;
  ControllerOptions options_;
  std::shared_ptr<runtime::ReconcileReporter> reporter_;
  kube::client::WorkQueue queue_;
  ReferenceIndex dependencies_;  // dependsOn: HelmRelease key -> the keys it depends on
  ValuesSourceWatch valuesSources_;  // before informer_: its handlers feed the index
  kube::client::Informer informer_;
  std::unique_ptr<GitSourcePoller> gitPoller_;  // null without git mirrors
  std::mutex mutex_;
  std::condition_variable changed_;
  bool stopping_ = false;
  bool watching_ = false;
  bool working_ = false;
  bool stopped_ = false;
  int busyWorkers_ = 0;
  std::vector<std::thread> workers_;
  std::thread resync_;
};

}  // namespace ho::controller
