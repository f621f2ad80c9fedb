// upgrade: helm 3's action.Upgrade (values reuse, three-way update, hooks, wait).
#include "controller/action/actions.h"

#include "chart/release_render.h"
#include "controller/action/action_support.h"
#include "controller/action/hooks.h"
#include "controller/action/readiness.h"
#include "controller/action/resource_sync.h"

namespace ho::controller {

Result<Release> upgrade(ActionContext& context, const chart::Chart& chart, const UpgradeOptions& options) {
  SecretStorage storage(context.client, options.namespace_);
  auto history = storage.history(options.releaseName);
  if (!history) return history.error();
  auto last = lastRevision(*history);
  if (!last) return Error{"\"" + options.releaseName + "\" has no deployed releases"};
  if (isPendingStatus(last->info.status)) {
    return Error{"another operation (install/upgrade/rollback) is in progress"};
  }
  std::optional<Release> current = last->info.status == status::kDeployed ? last : lastDeployed(*history);
  if (!current) {
    if (last->info.status != status::kFailed && last->info.status != status::kSuperseded) {
      return Error{"\"" + options.releaseName + "\" has no deployed releases"};
    }
    current = last;
  }

  Value config = orEmptyMap(options.values);
  if (options.reuseValues) {
    config = chart::mergeMaps(orEmptyMap(current->config), config);
  } else if (!options.resetValues && config.asMap().empty()) {
    config = orEmptyMap(current->config);
  }
  auto capabilities = clusterCapabilities(context);
  if (!capabilities) return capabilities.error();
  const int revision = last->version + 1;
  chart::ReleaseOptions renderOptions{options.releaseName, options.namespace_, revision, true, false};
  auto rendered = chart::renderRelease(chart, config, renderOptions, *capabilities);
  if (!rendered) return rendered.error();

  Release upgraded;
  upgraded.name = options.releaseName;
  upgraded.namespace_ = options.namespace_;
  upgraded.version = revision;
  upgraded.info.firstDeployed = current->info.firstDeployed;
  upgraded.info.lastDeployed = nowTimestamp();
  upgraded.info.status = std::string(status::kPendingUpgrade);
  upgraded.info.description = "Preparing upgrade";
  upgraded.info.notes = rendered->notes;
  upgraded.chart = chartRecord(*rendered->chart);
  upgraded.config = config;
  upgraded.manifest = rendered->manifestText;
  upgraded.hooks = hookRecords(rendered->hooks);

  auto original = ownedObjects(context, *current);
  if (!original) return original.error();
  auto target = ownedObjects(context, upgraded);
  if (!target) return target.error();
  if (auto pruned = pruneHistory(storage, upgraded.name, options.maxHistory); !pruned) return pruned.error();
  if (auto created = storage.create(upgraded); !created) return created.error();

  const std::string failure = "Upgrade \"" + upgraded.name + "\" failed: ";
  if (!options.disableHooks) {
    if (auto hooks = runHooks(context, upgraded, "pre-upgrade", options.waitOptions.timeout); !hooks) {
      return failRelease(storage, upgraded, failure + hooks.error().message, hooks.error());
    }
  }
  if (auto updated = updateObjects(*context.client, *original, *target); !updated) {
    return failRelease(storage, upgraded, failure + updated.error().message, updated.error());
  }
  if (options.wait) {
    if (auto ready = waitForReady(*context.client, *target, options.waitOptions); !ready) {
      return failRelease(storage, upgraded, failure + ready.error().message, ready.error());
    }
  }
  if (!options.disableHooks) {
    if (auto hooks = runHooks(context, upgraded, "post-upgrade", options.waitOptions.timeout); !hooks) {
      return failRelease(storage, upgraded, failure + hooks.error().message, hooks.error());
    }
  }
  current->info.status = std::string(status::kSuperseded);
  if (auto updated = storage.update(*current); !updated) return updated.error();
  upgraded.info.status = std::string(status::kDeployed);
  upgraded.info.description = "Upgrade complete";
  if (auto updated = storage.update(upgraded); !updated) return updated.error();
  return upgraded;
}

}  // namespace ho::controller
