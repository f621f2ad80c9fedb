// RestMapper: legacy discovery (/api, /apis, then every group version).
#include "kube/client/rest_mapper.h"

namespace ho::kube::client {

RestMapper::RestMapper(std::shared_ptr<RestClient> client) : client_(std::move(client)) {}

void RestMapper::invalidate() {
  std::lock_guard lock(mutex_);
  loaded_ = false;
}

ApiResult<bool> RestMapper::refreshLocked() {
  std::vector<std::string> groupVersions;
  auto core = client_->get("/api");
  if (!core) return core.error();
  for (const auto& version : core->value("versions", nlohmann::json::array())) groupVersions.push_back(version);
  auto groups = client_->get("/apis");
  if (!groups) return groups.error();
  for (const auto& group : groups->value("groups", nlohmann::json::array())) {
    for (const auto& version : group.value("versions", nlohmann::json::array())) {
      groupVersions.push_back(version.value("groupVersion", ""));
    }
  }
  std::map<std::string, ResourceType> byKind;
  for (const std::string& groupVersion : groupVersions) {
    const bool isCore = groupVersion.find('/') == std::string::npos;
    auto resources = client_->get(isCore ? "/api/" + groupVersion : "/apis/" + groupVersion);
    if (!resources) {
      if (resources.error().isNotFound()) continue;  // removed while we looked (a CRD deleted)
      return resources.error();
    }
    const size_t slash = groupVersion.find('/');
    for (const auto& entry : resources->value("resources", nlohmann::json::array())) {
      ResourceType type;
      type.resource = entry.value("name", "");
      if (type.resource.find('/') != std::string::npos) continue;  // a subresource
      type.group = isCore ? "" : groupVersion.substr(0, slash);
      type.version = isCore ? groupVersion : groupVersion.substr(slash + 1);
      type.kind = entry.value("kind", "");
      type.namespaced = entry.value("namespaced", false);
      byKind.emplace(groupVersion + "/" + type.kind, type);
    }
  }
  byGroupVersionKind_ = std::move(byKind);
  groupVersions_ = std::move(groupVersions);
  loaded_ = true;
  return true;
}

ApiResult<ResourceType> RestMapper::resourceFor(std::string_view apiVersion, std::string_view kind) {
  std::lock_guard lock(mutex_);
  const std::string key = std::string(apiVersion) + "/" + std::string(kind);
  bool refreshed = false;
  if (!loaded_) {
    if (auto done = refreshLocked(); !done) return done.error();
    refreshed = true;
  }
  auto found = byGroupVersionKind_.find(key);
  if (found == byGroupVersionKind_.end() && !refreshed) {
    if (auto done = refreshLocked(); !done) return done.error();
    found = byGroupVersionKind_.find(key);
  }
  if (found == byGroupVersionKind_.end()) {
    ApiError error;
    error.code = 404;
    error.reason = "NotFound";
    error.message = "no matches for kind \"" + std::string(kind) + "\" in version \"" + std::string(apiVersion) + "\"";
    return error;
  }
  return found->second;
}

ApiResult<std::vector<std::string>> RestMapper::apiVersions() {
  std::lock_guard lock(mutex_);
  if (!loaded_) {
    if (auto done = refreshLocked(); !done) return done.error();
  }
  std::vector<std::string> versions = groupVersions_;
  for (const auto& [groupVersionKind, type] : byGroupVersionKind_) versions.push_back(groupVersionKind);
  return versions;
}

ApiResult<ServerVersion> RestMapper::serverVersion() {
  auto info = client_->get("/version");
  if (!info) return info.error();
  return ServerVersion{info->value("gitVersion", ""), info->value("major", ""), info->value("minor", "")};
}

}  // namespace ho::kube::client
