// Creating, patching and deleting release objects.
#include "controller/action/resource_sync.h"

#include "controller/action/three_way_patch.h"

namespace ho::controller {

namespace {

const ManifestObject* findByIdentity(const std::vector<ManifestObject>& objects, const std::string& identity) {
  for (const ManifestObject& object : objects) {
    if (object.identity() == identity) return &object;
  }
  return nullptr;
}

// helm's updateResource: PUT the object (--force) or send the patch.
Result<void> updateObject(kube::client::RestClient& client, const ManifestObject& object,
                          const nlohmann::json& original, const nlohmann::json& live, bool force) {
  const std::string path = object.path() + "?fieldManager=helm";
  if (force) {
    nlohmann::json replacement = object.object;
    replacement["metadata"]["resourceVersion"] =
        live.value("metadata", nlohmann::json::object()).value("resourceVersion", "");
    auto replaced = client.update(path, replacement);
    if (!replaced) return Error{"failed to replace object: " + replaced.error().message};
    return {};
  }
  auto patch = createObjectPatch(original, object.object, live);
  if (!patch) return patch.error();
  if (patch->body.empty()) return {};
  auto patched = client.patch(path, patch->type, patch->body);
  if (!patched) {
    return Error{"cannot patch \"" + object.name + "\" with kind " + object.type.kind + ": " + patched.error().message};
  }
  return {};
}

// The end of helm's Update: objects that left the chart are deleted unless
// the live object says helm.sh/resource-policy: keep; failures are skipped.
void deleteLeftovers(kube::client::RestClient& client, const std::vector<ManifestObject>& original,
                     const std::vector<ManifestObject>& target) {
  for (const ManifestObject& object : original) {
    if (findByIdentity(target, object.identity())) continue;
    auto live = client.get(object.path());
    if (!live) continue;
    const nlohmann::json metadata = live->value("metadata", nlohmann::json::object());
    if (metadata.value("annotations", nlohmann::json::object()).value("helm.sh/resource-policy", "") == "keep") continue;
    (void)client.remove(object.path());
  }
}

}  // namespace

Result<void> createObjects(kube::client::RestClient& client, const std::vector<ManifestObject>& objects) {
  for (const ManifestObject& object : objects) {
    auto created = client.create(object.collectionPath() + "?fieldManager=helm", object.object);
    if (!created) return Error{"failed to create resource: " + created.error().message};
  }
  return {};
}

Result<void> updateObjects(kube::client::RestClient& client, const std::vector<ManifestObject>& original,
                           const std::vector<ManifestObject>& target, bool force) {
  std::string failures;
  for (const ManifestObject& object : target) {
    auto live = client.get(object.path());
    if (!live) {
      if (!live.error().isNotFound()) return Error{"could not get information about the resource: " + live.error().message};
      if (auto created = createObjects(client, {object}); !created) return created.error();
      continue;
    }
    // An object the previous revision did not have is being adopted: helm
    // diffs it against itself, so only the live object's drift is patched.
    const ManifestObject* before = findByIdentity(original, object.identity());
    const nlohmann::json& originalObject = before ? before->object : object.object;
    if (auto updated = updateObject(client, object, originalObject, *live, force); !updated) {
      failures += (failures.empty() ? "" : " && ") + updated.error().message;
    }
  }
  if (!failures.empty()) return Error{failures};
  deleteLeftovers(client, original, target);
  return {};
}

Result<void> deleteObjects(kube::client::RestClient& client, const std::vector<ManifestObject>& objects) {
  std::string failures;
  for (const ManifestObject& object : objects) {
    if (object.keepOnDelete()) continue;
    auto removed = client.remove(object.path());
    if (!removed && !removed.error().isNotFound()) {
      failures += (failures.empty() ? "" : "; ") + removed.error().message;
    }
  }
  if (!failures.empty()) return Error{failures};
  return {};
}

}  // namespace ho::controller
