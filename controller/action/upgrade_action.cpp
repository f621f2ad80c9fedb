// upgrade: helm 3's action.Upgrade (values reuse, adoption checks,
// three-way update or --force replace, hooks, wait).
#include "controller/action/actions.h"

#include <algorithm>

#include "chart/release_render.h"
#include "controller/action/action_support.h"
#include "controller/action/hooks.h"
#include "controller/action/post_render.h"
#include "controller/action/readiness.h"
#include "controller/action/resource_sync.h"

namespace ho::controller {

namespace {

// The objects of `objects` whose identity `others` lacks.
std::vector<ManifestObject> objectsNotIn(const std::vector<ManifestObject>& objects,
                                         const std::vector<ManifestObject>& others) {
  std::vector<ManifestObject> missing;
  for (const ManifestObject& object : objects) {
    const bool known = std::any_of(others.begin(), others.end(),
                                   [&](const ManifestObject& other) { return other.identity() == object.identity(); });
    if (!known) missing.push_back(object);
  }
  return missing;
}

}  // namespace

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
  if (auto posted = postRenderRelease(options.postRender, *rendered, options.namespace_); !posted) {
    return posted.error();
  }

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

  // The previous objects as their manifest has them; the new ones as helm labels them.
  auto original = buildObjects(current->manifest, current->namespace_, *context.mapper);
  if (!original) return Error{"unable to build kubernetes objects from current release manifest: " + original.error().message};
  auto target = ownedObjects(context, upgraded);
  if (!target) return Error{"unable to build kubernetes objects from new release manifest: " + target.error().message};
  if (auto adoption = planAdoption(context, upgraded, objectsNotIn(*target, *original), "update"); !adoption) {
    return adoption.error();
  }
  if (auto pruned = pruneHistory(storage, upgraded.name, options.maxHistory); !pruned) return pruned.error();
  if (auto created = storage.create(upgraded); !created) return created.error();

  const std::string failure = "Upgrade \"" + upgraded.name + "\" failed: ";
  if (!options.disableHooks) {
    if (auto hooks = runHooks(context, upgraded, "pre-upgrade", options.waitOptions.timeout); !hooks) {
      return failRelease(storage, upgraded, failure + hooks.error().message, hooks.error());
    }
  }
  if (auto updated = updateObjects(*context.client, *original, *target, options.force); !updated) {
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
