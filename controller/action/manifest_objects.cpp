// Release manifests to mapped objects, ownership metadata, uninstall order.
#include "controller/action/manifest_objects.h"

#include <algorithm>

#include "chart/manifests.h"
#include "encoding/go_json.h"
#include "encoding/go_yaml.h"

namespace ho::controller {

namespace {

constexpr const char* kReleaseNameAnnotation = "meta.helm.sh/release-name";
constexpr const char* kReleaseNamespaceAnnotation = "meta.helm.sh/release-namespace";
constexpr const char* kManagedByLabel = "app.kubernetes.io/managed-by";

const std::vector<std::string>& uninstallOrder() {
  static const std::vector<std::string> order = {
      "APIService",        "Ingress",          "IngressClass",        "Service",
      "CronJob",           "Job",              "StatefulSet",         "HorizontalPodAutoscaler",
      "Deployment",        "ReplicaSet",       "ReplicationController", "Pod",
      "DaemonSet",         "RoleBindingList",  "RoleBinding",         "RoleList",
      "Role",              "ClusterRoleBindingList", "ClusterRoleBinding", "ClusterRoleList",
      "ClusterRole",       "CustomResourceDefinition", "PersistentVolumeClaim", "PersistentVolume",
      "StorageClass",      "ConfigMap",        "SecretList",          "Secret",
      "ServiceAccount",    "PodDisruptionBudget", "PodSecurityPolicy", "LimitRange",
      "ResourceQuota",     "NetworkPolicy",    "Namespace",           "PriorityClass"};
  return order;
}

}  // namespace

std::string ManifestObject::describe() const {
  std::string text = type.kind + " \"" + name + "\"";
  if (!namespace_.empty()) text += " in namespace \"" + namespace_ + "\"";
  return text;
}

bool ManifestObject::keepOnDelete() const {
  const auto& metadata = object.value("metadata", nlohmann::json::object());
  const auto annotations = metadata.value("annotations", nlohmann::json::object());
  return annotations.is_object() && annotations.value("helm.sh/resource-policy", "") == "keep";
}

Result<std::vector<ManifestObject>> buildObjects(std::string_view manifestText, const std::string& releaseNamespace,
                                                 kube::client::RestMapper& mapper) {
  std::vector<ManifestObject> objects;
  for (const std::string& document : chart::splitManifests(manifestText)) {
    auto parsed = encoding::parseYamlAny(document);
    if (!parsed) return Error{"unable to build kubernetes objects from release manifest: " + parsed.error().message};
    if (parsed->isNil()) continue;
    auto json = encoding::toJson(*parsed);
    if (!json) return json.error();
    ManifestObject object;
    object.object = nlohmann::json::parse(*json);
    if (!object.object.is_object()) continue;
    if (!object.object["metadata"].is_object()) object.object["metadata"] = nlohmann::json::object();
    const std::string apiVersion = object.object.value("apiVersion", "");
    const std::string kind = object.object.value("kind", "");
    auto type = mapper.resourceFor(apiVersion, kind);
    if (!type) {
      return Error{"unable to build kubernetes objects from release manifest: resource mapping not found for name: \"" +
                   object.object["metadata"].value("name", "") + "\" namespace: \"\" from \"\": " +
                   type.error().message + "\nensure CRDs are installed first"};
    }
    object.type = *type;
    auto& metadata = object.object["metadata"];
    object.name = metadata.value("name", "");
    if (object.type.namespaced) {
      object.namespace_ = metadata.value("namespace", "");
      if (object.namespace_.empty()) object.namespace_ = releaseNamespace;
      metadata["namespace"] = object.namespace_;
    }
    objects.push_back(std::move(object));
  }
  return objects;
}

void setReleaseOwnership(ManifestObject& object, const std::string& releaseName, const std::string& releaseNamespace) {
  auto& metadata = object.object["metadata"];
  if (!metadata["labels"].is_object()) metadata["labels"] = nlohmann::json::object();
  if (!metadata["annotations"].is_object()) metadata["annotations"] = nlohmann::json::object();
  metadata["labels"][kManagedByLabel] = "Helm";
  metadata["annotations"][kReleaseNameAnnotation] = releaseName;
  metadata["annotations"][kReleaseNamespaceAnnotation] = releaseNamespace;
}

Result<void> checkOwnership(const nlohmann::json& live, const ManifestObject& object, const std::string& releaseName,
                            const std::string& releaseNamespace) {
  const auto metadata = live.value("metadata", nlohmann::json::object());
  const auto labels = metadata.value("labels", nlohmann::json::object());
  const auto annotations = metadata.value("annotations", nlohmann::json::object());
  std::vector<std::string> problems;
  const auto require = [&](const nlohmann::json& map, const char* key, const std::string& wanted, const char* what) {
    if (!map.is_object() || !map.contains(key)) {
      problems.push_back(std::string(what) + " validation error: missing key \"" + key + "\": must be set to \"" +
                         wanted + "\"");
    } else if (map.value(key, "") != wanted) {
      problems.push_back(std::string(what) + " validation error: key \"" + key + "\" must equal \"" + wanted +
                         "\": current value is \"" + map.value(key, "") + "\"");
    }
  };
  require(labels, kManagedByLabel, "Helm", "label");
  require(annotations, kReleaseNameAnnotation, releaseName, "annotation");
  require(annotations, kReleaseNamespaceAnnotation, releaseNamespace, "annotation");
  if (problems.empty()) return {};
  std::string message = object.type.kind + " \"" + object.name + "\" in namespace \"" + object.namespace_ +
                        "\" exists and cannot be imported into the current release: invalid ownership metadata";
  for (const auto& problem : problems) message += "; " + problem;
  return Error{message};
}

void sortForUninstall(std::vector<ManifestObject>& objects) {
  const auto& order = uninstallOrder();
  const auto rank = [&](const ManifestObject& object) {
    return static_cast<size_t>(std::find(order.begin(), order.end(), object.type.kind) - order.begin());
  };
  std::stable_sort(objects.begin(), objects.end(),
                   [&](const ManifestObject& a, const ManifestObject& b) { return rank(a) < rank(b); });
}

}  // namespace ho::controller
