// The built-in kind table and the CRD-defined kinds.
#include "kube/server/resource_registry.h"

#include <algorithm>
#include <regex>
#include <tuple>

namespace ho::kube {
namespace {

struct Builtin {
  const char* group;
  const char* version;
  const char* resource;
  const char* kind;
  bool namespaced;
  std::vector<std::string> shortNames;
  bool inCategoryAll;
  bool hasStatus;
  bool hasScale;
};

const std::vector<Builtin>& builtinTable() {
  static const std::vector<Builtin> table = {
      {"", "v1", "pods", "Pod", true, {"po"}, true, true, false},
      {"", "v1", "services", "Service", true, {"svc"}, true, true, false},
      {"", "v1", "replicationcontrollers", "ReplicationController", true, {"rc"}, true, true, true},
      {"", "v1", "namespaces", "Namespace", false, {"ns"}, false, true, false},
      {"", "v1", "configmaps", "ConfigMap", true, {"cm"}, false, false, false},
      {"", "v1", "secrets", "Secret", true, {}, false, false, false},
      {"", "v1", "serviceaccounts", "ServiceAccount", true, {"sa"}, false, false, false},
      {"", "v1", "events", "Event", true, {"ev"}, false, false, false},
      {"", "v1", "endpoints", "Endpoints", true, {"ep"}, false, false, false},
      {"", "v1", "persistentvolumeclaims", "PersistentVolumeClaim", true, {"pvc"}, false, true, false},
      {"", "v1", "persistentvolumes", "PersistentVolume", false, {"pv"}, false, true, false},
      {"", "v1", "nodes", "Node", false, {"no"}, false, true, false},
      {"", "v1", "resourcequotas", "ResourceQuota", true, {"quota"}, false, true, false},
      {"", "v1", "limitranges", "LimitRange", true, {"limits"}, false, false, false},
      {"apps", "v1", "deployments", "Deployment", true, {"deploy"}, true, true, true},
      {"apps", "v1", "replicasets", "ReplicaSet", true, {"rs"}, true, true, true},
      {"apps", "v1", "statefulsets", "StatefulSet", true, {"sts"}, true, true, true},
      {"apps", "v1", "daemonsets", "DaemonSet", true, {"ds"}, true, true, false},
      {"apps", "v1", "controllerrevisions", "ControllerRevision", true, {}, false, false, false},
      {"batch", "v1", "jobs", "Job", true, {}, true, true, false},
      {"batch", "v1", "cronjobs", "CronJob", true, {"cj"}, true, true, false},
      {"autoscaling", "v2", "horizontalpodautoscalers", "HorizontalPodAutoscaler", true, {"hpa"}, true, true,
       false},
      {"networking.k8s.io", "v1", "ingresses", "Ingress", true, {"ing"}, false, true, false},
      {"networking.k8s.io", "v1", "ingressclasses", "IngressClass", false, {}, false, false, false},
      {"networking.k8s.io", "v1", "networkpolicies", "NetworkPolicy", true, {"netpol"}, false, false, false},
      {"policy", "v1", "poddisruptionbudgets", "PodDisruptionBudget", true, {"pdb"}, false, true, false},
      {"rbac.authorization.k8s.io", "v1", "roles", "Role", true, {}, false, false, false},
      {"rbac.authorization.k8s.io", "v1", "rolebindings", "RoleBinding", true, {}, false, false, false},
      {"rbac.authorization.k8s.io", "v1", "clusterroles", "ClusterRole", false, {}, false, false, false},
      {"rbac.authorization.k8s.io", "v1", "clusterrolebindings", "ClusterRoleBinding", false, {}, false, false,
       false},
      {"apiextensions.k8s.io", "v1", "customresourcedefinitions", "CustomResourceDefinition", false,
       {"crd", "crds"}, false, true, false},
      {"coordination.k8s.io", "v1", "leases", "Lease", true, {}, false, false, false},
      {"events.k8s.io", "v1", "events", "Event", true, {"ev"}, false, false, false},
      {"storage.k8s.io", "v1", "storageclasses", "StorageClass", false, {"sc"}, false, false, false},
      {"scheduling.k8s.io", "v1", "priorityclasses", "PriorityClass", false, {"pc"}, false, false, false},
      {"admissionregistration.k8s.io", "v1", "mutatingwebhookconfigurations", "MutatingWebhookConfiguration",
       false, {}, false, false, false},
      {"admissionregistration.k8s.io", "v1", "validatingwebhookconfigurations",
       "ValidatingWebhookConfiguration", false, {}, false, false, false},
  };
  return table;
}

std::string lowerCase(std::string text) {
  std::transform(text.begin(), text.end(), text.begin(), [](unsigned char c) { return std::tolower(c); });
  return text;
}

// (stability rank, major, minor): GA=3, beta=2, alpha=1, unparsable=0.
std::tuple<int, int, int> versionRank(const std::string& version) {
  static const std::regex pattern(R"(v(\d+)(?:(alpha|beta)(\d+))?)");
  std::smatch match;
  if (!std::regex_match(version, match, pattern)) return {0, 0, 0};
  const int major = std::stoi(match[1]);
  if (!match[2].matched) return {3, major, 0};
  return {match[2] == "beta" ? 2 : 1, major, std::stoi(match[3])};
}

}  // namespace

bool versionPreferred(const std::string& a, const std::string& b) {
  const auto rankA = versionRank(a);
  const auto rankB = versionRank(b);
  if (rankA != rankB) return rankA > rankB;
  return a < b;
}

std::string ResourceType::groupResource() const { return group.empty() ? resource : resource + "." + group; }

std::string ResourceType::groupVersion() const { return group.empty() ? version : group + "/" + version; }

ResourceRegistry::ResourceRegistry() {
  for (const Builtin& entry : builtinTable()) {
    ResourceType type;
    type.group = entry.group;
    type.version = entry.version;
    type.resource = entry.resource;
    type.kind = entry.kind;
    type.singular = lowerCase(entry.kind);
    type.namespaced = entry.namespaced;
    type.shortNames = entry.shortNames;
    if (entry.inCategoryAll) type.categories = {"all"};
    type.hasStatus = entry.hasStatus;
    type.hasScale = entry.hasScale;
    builtins_.push_back(std::move(type));
  }
}

std::vector<ResourceType> ResourceRegistry::snapshot() const {
  std::lock_guard lock(mutex_);
  std::vector<ResourceType> all = builtins_;
  for (const auto& [crdName, types] : custom_) all.insert(all.end(), types.begin(), types.end());
  return all;
}

std::optional<ResourceType> ResourceRegistry::find(const std::string& group, const std::string& version,
                                                   const std::string& resource) const {
  for (ResourceType& type : snapshot()) {
    if (type.group == group && type.version == version && type.resource == resource) return std::move(type);
  }
  return std::nullopt;
}

std::optional<ResourceType> ResourceRegistry::findByGroupResource(const std::string& groupResource) const {
  for (ResourceType& type : snapshot()) {
    if (type.groupResource() == groupResource) return std::move(type);
  }
  return std::nullopt;
}

std::vector<ResourceType> ResourceRegistry::inGroupVersion(const std::string& group,
                                                           const std::string& version) const {
  std::vector<ResourceType> matching;
  for (ResourceType& type : snapshot()) {
    if (type.group == group && type.version == version) matching.push_back(std::move(type));
  }
  return matching;
}

std::vector<GroupVersions> ResourceRegistry::groups() const {
  std::vector<GroupVersions> result;
  for (const ResourceType& type : snapshot()) {
    if (type.group.empty()) continue;
    auto group = std::find_if(result.begin(), result.end(),
                              [&](const GroupVersions& g) { return g.group == type.group; });
    if (group == result.end()) {
      result.push_back({type.group, {}});
      group = std::prev(result.end());
    }
    if (std::find(group->versions.begin(), group->versions.end(), type.version) == group->versions.end()) {
      group->versions.push_back(type.version);
    }
  }
  for (GroupVersions& group : result) std::sort(group.versions.begin(), group.versions.end(), versionPreferred);
  return result;
}

void ResourceRegistry::setCustom(const std::string& crdName, std::vector<ResourceType> types) {
  std::lock_guard lock(mutex_);
  custom_[crdName] = std::move(types);
  ++revision_;
}

void ResourceRegistry::removeCustom(const std::string& crdName) {
  std::lock_guard lock(mutex_);
  if (custom_.erase(crdName) > 0) ++revision_;
}

uint64_t ResourceRegistry::revision() const {
  std::lock_guard lock(mutex_);
  return revision_;
}

}  // namespace ho::kube
