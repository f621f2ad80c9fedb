// One reconcile of one HelmRelease (Flux v1's ReleaseWorker.sync, Helm 3
// only): read the object, handle deletion (uninstall, then drop the
// finalizer), fetch the chart, compose values, unlock a release left pending
// by a crash, then install, upgrade or do nothing, recording every phase in
// the status subresource.
#pragma once

#include <chrono>
#include <memory>
#include <optional>
#include <string>

#include "chart/repo/repository_pool.h"
#include "controller/action/actions.h"

namespace ho::controller {

// What the work queue should do with the key afterwards.
struct ReconcileOutcome {
  enum class Next { Done, RetryWithBackoff };
  Next next = Next::Done;
  std::string error;  // why a retry is wanted (for logs)
};

class Reconciler {
 public:
  Reconciler(ActionContext context, std::shared_ptr<chart::repo::RepositoryPool> repositories);

  ReconcileOutcome reconcile(const std::string& ns, const std::string& name);

 private:
  ActionContext context_;
  std::shared_ptr<chart::repo::RepositoryPool> repositories_;
};

}  // namespace ho::controller
