// uninstall, test and crash recovery (unlocking a pending revision).
#include "controller/action/actions.h"

#include "controller/action/action_support.h"
#include "controller/action/hooks.h"
#include "controller/action/resource_sync.h"

namespace ho::controller {

Result<Release> uninstall(ActionContext& context, const UninstallOptions& options) {
  SecretStorage storage(context.client, options.namespace_);
  auto history = storage.history(options.releaseName);
  if (!history) return history.error();
  auto last = lastRevision(*history);
  if (!last) return Error{"uninstall: Release not loaded: " + options.releaseName + ": release: not found"};
  Release release = *last;
  if (release.info.status == status::kUninstalled) {
    return Error{"the release named \"" + release.name + "\" is already deleted"};
  }
  release.info.status = std::string(status::kUninstalling);
  release.info.deleted = nowTimestamp();
  release.info.description = "Deletion in progress (or silently failed)";
  if (auto updated = storage.update(release); !updated) return updated.error();

  if (!options.disableHooks) {
    if (auto hooks = runHooks(context, release, "pre-delete", options.timeout); !hooks) return hooks.error();
  }
  auto objects = buildObjects(release.manifest, release.namespace_, *context.mapper);
  if (!objects) return objects.error();
  sortForUninstall(*objects);
  auto deleted = deleteObjects(*context.client, *objects);
  if (!options.disableHooks) {
    if (auto hooks = runHooks(context, release, "post-delete", options.timeout); !hooks) return hooks.error();
  }
  release.info.status = std::string(status::kUninstalled);
  release.info.description = "Uninstallation complete";
  if (!options.keepHistory) {
    for (const Release& revision : *history) {
      if (auto removed = storage.remove(revision.name, revision.version); !removed) return removed.error();
    }
  } else if (auto updated = storage.update(release); !updated) {
    return updated.error();
  }
  if (!deleted) return Error{"uninstallation completed with 1 error(s): " + deleted.error().message};
  return release;
}


Result<Release> test(ActionContext& context, const std::string& releaseName, const std::string& namespace_,
                     std::chrono::milliseconds timeout) {
  SecretStorage storage(context.client, namespace_);
  auto history = storage.history(releaseName);
  if (!history) return history.error();
  auto last = lastRevision(*history);
  if (!last) return Error{"release: not found"};
  Release release = *last;
  auto ran = runHooks(context, release, "test", timeout);
  if (auto updated = storage.update(release); !updated) return updated.error();
  if (!ran) return ran.error();
  return release;
}


Result<std::optional<Release>> unlockPendingRelease(ActionContext& context, const std::string& releaseName,
                                                    const std::string& namespace_) {
  SecretStorage storage(context.client, namespace_);
  auto history = storage.history(releaseName);
  if (!history) return history.error();
  auto last = lastRevision(*history);
  if (!last || !isPendingStatus(last->info.status)) return std::optional<Release>();
  last->info.description = "Release unlocked from stale '" + last->info.status + "' state";
  last->info.status = std::string(status::kFailed);
  if (auto updated = storage.update(*last); !updated) return updated.error();
  return std::optional<Release>(*last);
}

}  // namespace ho::controller
