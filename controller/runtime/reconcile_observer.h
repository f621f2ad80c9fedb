// What the Reconciler tells the runtime while it works, so Events, metrics
// and logs follow each step as it happens: every status write (the phase and
// conditions the HelmRelease now shows), every chart fetch and the uninstall on delete.
#pragma once

#include <chrono>
#include <string>

#include "controller/helmrelease/helm_release.h"

namespace ho::controller {

class ReconcileObserver {
 public:
  virtual ~ReconcileObserver() = default;
  // `release.status` has just been written to the cluster.
  virtual void statusWritten(const HelmRelease& release) = 0;
  // The chart of `release` was fetched (or failed to be) in `elapsed`.
  virtual void chartFetched(const HelmRelease& release, bool success, std::chrono::steady_clock::duration elapsed) = 0;
  // `release` is being deleted and its Helm release was uninstalled (`error` empty) or not.
  virtual void releaseUninstalled(const HelmRelease& release, const std::string& error) = 0;
};

}  // namespace ho::controller
