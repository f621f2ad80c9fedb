// rollback: helm 3's action.Rollback (a new revision from an older one).
#include "controller/action/actions.h"

#include <algorithm>

#include "controller/action/action_support.h"
#include "controller/action/hooks.h"
#include "controller/action/readiness.h"
#include "controller/action/resource_sync.h"

namespace ho::controller {
namespace {

// The label selector helm's SelectorsForObject finds: a workload's
// spec.selector.matchLabels, a Service's spec.selector; "" when there is none.
std::string podSelector(const nlohmann::json& object) {
  const nlohmann::json spec = object.value("spec", nlohmann::json::object());
  nlohmann::json labels = spec.value("selector", nlohmann::json::object());
  if (labels.is_object() && labels.contains("matchLabels")) labels = labels["matchLabels"];
  if (!labels.is_object()) return {};
  std::string selector;
  for (const auto& [key, value] : labels.items()) {
    if (!value.is_string()) continue;
    selector += (selector.empty() ? "" : ",") + key + "=" + value.get<std::string>();
  }
  return selector;
}

// helm rollback --recreate-pods: deletes the pods selected by each updated
// object so their controllers start new ones. Best effort, as in helm.
void recreatePods(kube::client::RestClient& client, const std::vector<ManifestObject>& original,
                  const std::vector<ManifestObject>& updated) {
  const kube::client::ResourceType pods{"", "v1", "pods", "Pod", true};
  for (const ManifestObject& object : updated) {
    const bool existedBefore = std::any_of(original.begin(), original.end(), [&](const ManifestObject& before) {
      return before.identity() == object.identity();
    });
    const std::string selector = podSelector(object.object);
    if (!existedBefore || selector.empty() || object.type.kind == "Pod") continue;
    auto listed = client.get(kube::client::resourcePath(pods, object.namespace_) +
                             "?labelSelector=" + kube::client::queryEscape(selector));
    if (!listed) continue;
    for (const nlohmann::json& pod : listed->value("items", nlohmann::json::array())) {
      (void)client.remove(kube::client::resourcePath(pods, object.namespace_,
                                                     pod["metadata"].value("name", "")));
    }
  }
}

}  // namespace

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

  // As in upgrade: the current objects as their manifest has them, the target ones labelled by helm.
  auto original = buildObjects(current->manifest, current->namespace_, *context.mapper);
  if (!original) return original.error();
  auto wanted = ownedObjects(context, target);
  if (!wanted) return wanted.error();
  if (auto pruned = pruneHistory(storage, target.name, options.maxHistory); !pruned) return pruned.error();
  if (auto created = storage.create(target); !created) return created.error();

  auto applied = [&]() -> Result<void> {
    if (!options.disableHooks) {
      if (auto hooks = runHooks(context, target, "pre-rollback", options.waitOptions.timeout); !hooks) return hooks.error();
    }
    if (auto updated = updateObjects(*context.client, *original, *wanted, options.force); !updated) {
      return updated.error();
    }
    if (options.recreate) recreatePods(*context.client, *original, *wanted);
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
