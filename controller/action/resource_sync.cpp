// Creating, patching and deleting release objects.
#include "controller/action/resource_sync.h"

#include <set>

#include "controller/action/three_way_patch.h"

namespace ho::controller {

namespace {

// Groups whose kinds are compiled into Kubernetes (strategic-merge capable).
bool isBuiltInGroup(const std::string& group) {
  static const std::set<std::string> groups = {"",
                                               "apps",
                                               "batch",
                                               "autoscaling",
                                               "policy",
                                               "networking.k8s.io",
                                               "rbac.authorization.k8s.io",
                                               "storage.k8s.io",
                                               "scheduling.k8s.io",
                                               "coordination.k8s.io",
                                               "admissionregistration.k8s.io",
                                               "certificates.k8s.io",
                                               "discovery.k8s.io",
                                               "events.k8s.io",
                                               "node.k8s.io"};
  return groups.count(group) > 0;
}

const ManifestObject* findByIdentity(const std::vector<ManifestObject>& objects, const std::string& identity) {
  for (const ManifestObject& object : objects) {
    if (object.identity() == identity) return &object;
  }
  return nullptr;
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
                           const std::vector<ManifestObject>& target) {
  for (const ManifestObject& object : target) {
    auto live = client.get(object.path());
    if (!live) {
      if (!live.error().isNotFound()) return Error{"could not get information about the resource: " + live.error().message};
      auto created = client.create(object.collectionPath() + "?fieldManager=helm", object.object);
      if (!created) return Error{"failed to create resource: " + created.error().message};
      continue;
    }
    const ManifestObject* before = findByIdentity(original, object.identity());
    const nlohmann::json& originalObject = before ? before->object : *live;
    // CRDs are apiextensions objects: helm sends them a JSON merge patch too.
    const bool builtIn = isBuiltInGroup(object.type.group);
    const nlohmann::json patch = builtIn ? threeWayMergePatch(originalObject, object.object, *live)
                                         : twoWayMergePatch(originalObject, object.object);
    if (patch.empty()) continue;
    auto patched = client.patch(object.path() + "?fieldManager=helm", kube::client::PatchType::Merge, patch);
    if (!patched) return Error{"cannot patch " + object.describe() + ": " + patched.error().message};
  }
  std::vector<ManifestObject> leaving;
  for (const ManifestObject& object : original) {
    if (!findByIdentity(target, object.identity())) leaving.push_back(object);
  }
  return deleteObjects(client, leaving);
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
