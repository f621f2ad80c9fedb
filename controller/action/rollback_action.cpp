// rollback: helm 3's action.Rollback (a new revision from an older one).
#include "controller/action/actions.h"

#include "controller/action/action_support.h"
#include "controller/action/hooks.h"
#include "controller/action/readiness.h"
#include "controller/action/resource_sync.h"

namespace ho::controller {

Result<Release> rollback(ActionContext& context, const RollbackOptions& options) {
  SecretStorage storage(context.client, options.namespace_);
  auto history = storage.history(options.releaseName);
  if (!history) return history.error();
  auto current = lastRevision(*history);
  if (!current) return Error{"release: not found"};
  if (isPendingStatus(current->info.status)) return Error{"another operation (install/upgrade/rollback) is in progress"};
  const int previousVersion = options.revision > 0 ? options.revision : current->version - 1;
  if (previousVersion < 1) return Error{"release has no 0 version"};
  auto previous = storage.get(options.releaseName, previousVersion);
  if (!previous) return previous.error();

  Release target;
  target.name = current->name;
  target.namespace_ = current->namespace_;
  target.version = current->version + 1;
  target.chart = previous->chart;
  target.config = previous->config;
  target.manifest = previous->manifest;
  target.hooks = previous->hooks;
  target.info.firstDeployed = current->info.firstDeployed;
  target.info.lastDeployed = nowTimestamp();
  target.info.status = std::string(status::kPendingRollback);
  target.info.notes = previous->info.notes;
  target.info.description = "Rollback to " + std::to_string(previousVersion);

  auto original = ownedObjects(context, *current);
  if (!original) return original.error();
  auto wanted = ownedObjects(context, target);
  if (!wanted) return wanted.error();
  if (auto pruned = pruneHistory(storage, target.name, options.maxHistory); !pruned) return pruned.error();
  if (auto created = storage.create(target); !created) return created.error();

  auto applied = [&]() -> Result<void> {
    if (!options.disableHooks) {
      if (auto hooks = runHooks(context, target, "pre-rollback", options.waitOptions.timeout); !hooks) return hooks.error();
    }
    if (auto updated = updateObjects(*context.client, *original, *wanted); !updated) return updated.error();
    if (options.wait) {
      if (auto ready = waitForReady(*context.client, *wanted, options.waitOptions); !ready) return ready.error();
    }
    if (!options.disableHooks) return runHooks(context, target, "post-rollback", options.waitOptions.timeout);
    return {};
  }();
  if (!applied) {
    current->info.status = std::string(status::kSuperseded);
    (void)storage.update(*current);
    return failRelease(storage, target,
                       "Rollback \"" + target.name + "\" failed: " + applied.error().message, applied.error());
  }
  for (Release& release : *history) {
    if (release.info.status != status::kDeployed) continue;
    release.info.status = std::string(status::kSuperseded);
    if (auto updated = storage.update(release); !updated) return updated.error();
  }
  target.info.status = std::string(status::kDeployed);
  if (auto updated = storage.update(target); !updated) return updated.error();
  return target;
}

}  // namespace ho::controller
