// Discovery and OpenAPI documents built from the resource registry.
#include "kube/server/discovery.h"

#include <algorithm>

namespace ho::kube {
namespace {

using nlohmann::json;

const json kAllVerbs = {"create", "delete", "deletecollection", "get", "list", "patch", "update", "watch"};

json resourceEntry(const ResourceType& type) {
  json entry = {{"name", type.resource},         {"singularName", type.singular},
                {"namespaced", type.namespaced}, {"kind", type.kind},
                {"verbs", kAllVerbs},            {"storageVersionHash", ""}};
  if (!type.shortNames.empty()) entry["shortNames"] = type.shortNames;
  if (!type.categories.empty()) entry["categories"] = type.categories;
  return entry;
}

json subresourceEntry(const ResourceType& type, const std::string& subresource) {
  json entry = {{"name", type.resource + "/" + subresource},
                {"singularName", ""},
                {"namespaced", type.namespaced},
                {"kind", type.kind},
                {"verbs", {"get", "patch", "update"}}};
  if (subresource == "scale") {
    entry["group"] = "autoscaling";
    entry["version"] = "v1";
    entry["kind"] = "Scale";
  }
  return entry;
}

std::string gvPathOf(const std::string& group, const std::string& version) {
  return group.empty() ? "api/" + version : "apis/" + group + "/" + version;
}

json patchOperation(const ResourceType& type) {
  json parameters = json::array();
  for (const char* name : {"dryRun", "fieldManager", "fieldValidation", "force"}) {
    parameters.push_back({{"name", name}, {"in", "query"}, {"schema", {{"type", "string"}, {"uniqueItems", true}}}});
  }
  // Strategic merge is left out on purpose: listing it makes kubectl build the
  // patch from these (schema-less) documents instead of its compiled-in types.
  json content = json::object();
  for (const char* mediaType :
       {"application/apply-patch+yaml", "application/json-patch+json", "application/merge-patch+json"}) {
    content[mediaType] = {{"schema", {{"type", "object"}}}};
  }
  return {{"operationId", "patch" + type.kind},
          {"x-kubernetes-action", "patch"},
          {"x-kubernetes-group-version-kind", {{"group", type.group}, {"version", type.version}, {"kind", type.kind}}},
          {"parameters", parameters},
          {"requestBody", {{"content", content}, {"required", true}}},
          {"responses", {{"200", {{"description", "OK"}}}}}};
}

}  // namespace

json versionInfo() {
  return {{"major", "1"},
          {"minor", "32"},
          {"gitVersion", "v1.32.0"},
          {"gitCommit", "helm-operator"},
          {"gitTreeState", "clean"},
          {"buildDate", "2024-12-11T00:00:00Z"},
          {"goVersion", "go1.23.3"},
          {"compiler", "gc"},
          {"platform", "linux/amd64"}};
}

json apiVersions(const std::string& serverAddress) {
  return {{"kind", "APIVersions"},
          {"versions", {"v1"}},
          {"serverAddressByClientCIDRs", {{{"clientCIDR", "0.0.0.0/0"}, {"serverAddress", serverAddress}}}}};
}

json apiGroupList(const ResourceRegistry& registry) {
  json groups = json::array();
  for (const GroupVersions& group : registry.groups()) {
    json versions = json::array();
    for (const std::string& version : group.versions) {
      versions.push_back({{"groupVersion", group.group + "/" + version}, {"version", version}});
    }
    groups.push_back({{"name", group.group}, {"versions", versions}, {"preferredVersion", versions.front()}});
  }
  return {{"kind", "APIGroupList"}, {"apiVersion", "v1"}, {"groups", groups}};
}

std::optional<json> apiResourceList(const ResourceRegistry& registry, const std::string& group,
                                    const std::string& version) {
  const std::vector<ResourceType> types = registry.inGroupVersion(group, version);
  if (types.empty()) return std::nullopt;
  json resources = json::array();
  for (const ResourceType& type : types) {
    resources.push_back(resourceEntry(type));
    if (type.hasStatus) resources.push_back(subresourceEntry(type, "status"));
    if (type.hasScale) resources.push_back(subresourceEntry(type, "scale"));
  }
  return json{{"kind", "APIResourceList"},
              {"apiVersion", "v1"},
              {"groupVersion", group.empty() ? version : group + "/" + version},
              {"resources", resources}};
}

json aggregatedDiscovery(const ResourceRegistry& registry, bool core) {
  const auto versionEntry = [&](const std::string& group, const std::string& version) {
    json resources = json::array();
    for (const ResourceType& type : registry.inGroupVersion(group, version)) {
      const json responseKind = {{"group", group}, {"version", version}, {"kind", type.kind}};
      json entry = {{"resource", type.resource},
                    {"responseKind", responseKind},
                    {"scope", type.namespaced ? "Namespaced" : "Cluster"},
                    {"singularResource", type.singular},
                    {"verbs", kAllVerbs}};
      if (!type.shortNames.empty()) entry["shortNames"] = type.shortNames;
      if (!type.categories.empty()) entry["categories"] = type.categories;
      json subresources = json::array();
      if (type.hasStatus) {
        subresources.push_back(
            {{"subresource", "status"}, {"responseKind", responseKind}, {"verbs", {"get", "patch", "update"}}});
      }
      if (type.hasScale) {
        subresources.push_back({{"subresource", "scale"},
                                {"responseKind", {{"group", "autoscaling"}, {"version", "v1"}, {"kind", "Scale"}}},
                                {"verbs", {"get", "patch", "update"}}});
      }
      if (!subresources.empty()) entry["subresources"] = subresources;
      resources.push_back(std::move(entry));
    }
    return json{{"version", version}, {"resources", resources}, {"freshness", "Current"}};
  };
  json items = json::array();
  if (core) {
    items.push_back({{"metadata", {{"creationTimestamp", nullptr}}}, {"versions", {versionEntry("", "v1")}}});
  } else {
    for (const GroupVersions& group : registry.groups()) {
      json versions = json::array();
      for (const std::string& version : group.versions) versions.push_back(versionEntry(group.group, version));
      items.push_back({{"metadata", {{"name", group.group}, {"creationTimestamp", nullptr}}}, {"versions", versions}});
    }
  }
  return {{"kind", "APIGroupDiscoveryList"},
          {"apiVersion", "apidiscovery.k8s.io/v2"},
          {"metadata", json::object()},
          {"items", items}};
}

bool wantsAggregatedDiscovery(std::string_view accept) {
  while (!accept.empty()) {
    const std::string_view entry = accept.substr(0, accept.find(','));
    accept.remove_prefix(std::min(accept.size(), entry.size() + 1));
    bool group = false;
    bool version = false;
    bool kind = false;
    std::string_view rest = entry;
    while (!rest.empty()) {
      std::string_view parameter = rest.substr(0, rest.find(';'));
      rest.remove_prefix(std::min(rest.size(), parameter.size() + 1));
      while (!parameter.empty() && parameter.front() == ' ') parameter.remove_prefix(1);
      group = group || parameter == "g=apidiscovery.k8s.io";
      version = version || parameter == "v=v2";
      kind = kind || parameter == "as=APIGroupDiscoveryList";
    }
    if (group && version && kind) return true;
  }
  return false;
}

json openApiIndex(const ResourceRegistry& registry) {
  const std::string hash = std::to_string(registry.revision());
  json paths = json::object();
  const auto add = [&](const std::string& group, const std::string& version) {
    const std::string gvPath = gvPathOf(group, version);
    paths[gvPath] = {{"serverRelativeURL", "/openapi/v3/" + gvPath + "?hash=" + hash}};
  };
  add("", "v1");
  for (const GroupVersions& group : registry.groups()) {
    for (const std::string& version : group.versions) add(group.group, version);
  }
  return {{"paths", paths}};
}

std::optional<json> openApiDocument(const ResourceRegistry& registry, const std::string& gvPath) {
  std::string group;
  std::string version;
  if (gvPath.rfind("api/", 0) == 0) {
    version = gvPath.substr(4);
  } else if (gvPath.rfind("apis/", 0) == 0) {
    const size_t slash = gvPath.find('/', 5);
    if (slash == std::string::npos) return std::nullopt;
    group = gvPath.substr(5, slash - 5);
    version = gvPath.substr(slash + 1);
  } else {
    return std::nullopt;
  }
  const std::vector<ResourceType> types = registry.inGroupVersion(group, version);
  if (types.empty()) return std::nullopt;
  json paths = json::object();
  json schemas = json::object();
  for (const ResourceType& type : types) {
    const std::string path = "/" + gvPathOf(group, version) + (type.namespaced ? "/namespaces/{namespace}/" : "/") +
                             type.resource + "/{name}";
    paths[path] = {{"patch", patchOperation(type)}};
    schemas[(group.empty() ? "core" : group) + "." + version + "." + type.kind] = {
        {"type", "object"},
        {"x-kubernetes-group-version-kind", {{{"group", group}, {"version", version}, {"kind", type.kind}}}},
        {"x-kubernetes-preserve-unknown-fields", true}};
  }
  return json{{"openapi", "3.0.0"},
              {"info", {{"title", "Kubernetes"}, {"version", "v1.32.0"}}},
              {"paths", paths},
              {"components", {{"schemas", schemas}}}};
}

}  // namespace ho::kube
