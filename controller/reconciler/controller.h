// The HelmRelease controller: an informer on helmreleases (helm.fluxcd.io/v1)
// feeds a work queue that N workers drain through the Reconciler; failed
// reconciles are retried with per-key backoff, and every key is queued again
// each resync interval so chart repositories are polled for new versions.
#pragma once

#include <chrono>
#include <condition_variable>
#include <memory>
#include <mutex>
#include <string>
#include <thread>
#include <vector>

#include "controller/reconciler/reconciler.h"
#include "kube/client/informer.h"
#include "kube/client/work_queue.h"

namespace ho::controller {

struct ControllerOptions {
  int workers = 2;
  std::chrono::milliseconds resyncInterval{std::chrono::minutes(3)};
  std::string namespace_;  // "" = every namespace
  kube::client::BackoffLimits retryBackoff{std::chrono::milliseconds(500), std::chrono::minutes(5)};
};

class Controller {
 public:
  Controller(std::shared_ptr<kube::client::RestClient> client, std::shared_ptr<Reconciler> reconciler,
             ControllerOptions options);
  ~Controller();
  Controller(const Controller&) = delete;
  Controller& operator=(const Controller&) = delete;

  // Starts the informer, the workers and the resync timer.
  void start();
  // Stops them and joins their threads (a reconcile in progress finishes first).
  void stop();

 private:
  void work();
  void resyncLoop();

  std::shared_ptr<Reconciler> reconciler_;
  ControllerOptions options_;
  kube::client::WorkQueue queue_;
  kube::client::Informer informer_;
  std::mutex mutex_;
  std::condition_variable stopRequested_;
  bool stopping_ = false;
  bool started_ = false;
  std::vector<std::thread> threads_;
};

}  // namespace ho::controller
