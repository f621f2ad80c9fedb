// One reconcile of one HelmRelease (Flux v1's ReleaseWorker.sync, Helm 3
// only): read the object, handle deletion (uninstall, then drop the
// finalizer), fetch the chart, compose values, unlock a release left pending
// by a crash, check who owns the release (antecedent annotation), then
// install, upgrade or do nothing, test, and uninstall a failed install or
// roll back a failed upgrade, recording every phase in the status subresource.
#pragma once

#include <chrono>
#include <memory>
#include <optional>
#include <string>

#include "chart/git/mirror_pool.h"
#include "chart/repo/repository_pool.h"
#include "controller/action/actions.h"
#include "controller/reconciler/loaded_charts.h"
#include "controller/reconciler/written_versions.h"
#include "controller/release/release_cache.h"
#include "controller/runtime/reconcile_observer.h"

namespace ho::controller {

// What the work queue should do with the key afterwards.
struct ReconcileOutcome {
  enum class Next { Done, RetryWithBackoff };
  Next next = Next::Done;
  std::string error;  // why a retry is wanted (for logs)
};

struct ReconcilerOptions {
  // Bounds each chart repository request, so a repository that does not
  // answer holds a worker this long at most (the HelmRelease then backs off).
  std::chrono::milliseconds chartFetchTimeout{std::chrono::seconds(30)};
  // The git mirrors charts from git (spec.chart.git) are read from; null refuses git sources.
  std::shared_ptr<chart::git::MirrorPool> gitMirrors;
  // Told about every status write and chart fetch (Events, metrics); may be null.
  std::shared_ptr<ReconcileObserver> observer;
};

// What a reconciler remembers between reconciles (shared by its workers).
struct ReconcilerMemory {
  WrittenVersions writes;  // the last resourceVersion written per HelmRelease
  std::shared_ptr<ReleaseCache> releases = std::make_shared<ReleaseCache>();  // decoded release revisions
};

class Reconciler {
 public:
  Reconciler(ActionContext context, std::shared_ptr<chart::repo::RepositoryPool> repositories,
             ReconcilerOptions options = {});

  // `cached` is the object as the controller's informer has it (or null): it
  // is used instead of a GET when it includes this reconciler's last write.
  ReconcileOutcome reconcile(const std::string& ns, const std::string& name, const nlohmann::json* cached = nullptr);
  // Drops what is remembered about NAMESPACE/NAME (it is gone, or no longer this controller's).
  void forget(const std::string& key) { memory_.writes.forget(key); }

 private:
  ActionContext context_;
  std::shared_ptr<chart::repo::RepositoryPool> repositories_;
  std::shared_ptr<LoadedCharts> loadedCharts_ = std::make_shared<LoadedCharts>();
  ReconcilerMemory memory_;
  ReconcilerOptions options_;
};

}  // namespace ho::controller
