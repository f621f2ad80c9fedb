// Helpers shared by the release actions.
#include "controller/action/action_support.h"

namespace ho::controller {

Result<chart::Capabilities> clusterCapabilities(ActionContext& context) {
  auto version = context.mapper->serverVersion();
  if (!version) return Error{"could not get server version from Kubernetes: " + version.error().message};
  auto apiVersions = context.mapper->apiVersions();
  if (!apiVersions) return Error{"could not get apiVersions from Kubernetes: " + apiVersions.error().message};
  chart::Capabilities capabilities;
  capabilities.kubeVersion = {version->gitVersion, version->major, version->minor};
  capabilities.apiVersions = *apiVersions;
  return capabilities;
}

Value orEmptyMap(const Value& values) { return values.isMap() ? values : Value::map(); }

Result<void> pruneHistory(SecretStorage& storage, const std::string& name, int maxHistory) {
  if (maxHistory <= 0) return {};
  auto history = storage.history(name);
  if (!history) return history.error();
  const auto deployed = lastDeployed(*history);
  std::vector<Release> removable;
  for (const Release& release : *history) {
    if (!deployed || release.version != deployed->version) removable.push_back(release);
  }
  size_t total = history->size();
  for (const Release& release : removable) {  // oldest first
    if (total < static_cast<size_t>(maxHistory)) break;
    if (auto removed = storage.remove(name, release.version); !removed) return removed.error();
    --total;
  }
  return {};
}

Result<std::vector<ManifestObject>> ownedObjects(ActionContext& context, const Release& release) {
  auto objects = buildObjects(release.manifest, release.namespace_, *context.mapper);
  if (!objects) return objects.error();
  for (ManifestObject& object : *objects) setReleaseOwnership(object, release.name, release.namespace_);
  return objects;
}

Error failRelease(SecretStorage& storage, Release& release, const std::string& description, const Error& cause) {
  release.info.status = std::string(status::kFailed);
  release.info.description = description;
  (void)storage.update(release);
  return cause;
}

Result<AdoptionPlan> planAdoption(ActionContext& context, const Release& release,
                                  const std::vector<ManifestObject>& objects, const std::string& action) {
  AdoptionPlan plan;
  for (const ManifestObject& object : objects) {
    auto live = context.client->get(object.path());
    if (!live) {
      if (!live.error().isNotFound()) return Error{live.error().message};
      plan.toCreate.push_back(object);
      continue;
    }
    if (auto owned = checkOwnership(*live, object, release.name, release.namespace_); !owned) {
      return Error{"Unable to continue with " + action + ": " + owned.error().message};
    }
    plan.toAdopt.push_back(object);
  }
  return plan;
}

}  // namespace ho::controller
