// Status subresource writes and finalizer edits of HelmRelease objects.
#include "controller/reconciler/helm_release_object.h"

#include <algorithm>
#include <chrono>
#include <ctime>

namespace ho::controller {

using kube::client::ApiResult;

const kube::client::ResourceType& helmReleaseResource() {
  static const kube::client::ResourceType type{"helm.fluxcd.io", "v1", "helmreleases", "HelmRelease", true};
  return type;
}

ApiResult<nlohmann::json> writeStatus(kube::client::RestClient& client, const std::string& ns,
                                      const std::string& name, const HelmReleaseStatus& status) {
  const std::string path = kube::client::resourcePath(helmReleaseResource(), ns, name, "status");
  return kube::client::retryOnConflict([&]() -> ApiResult<nlohmann::json> {
    auto latest = client.get(path);
    if (!latest) return latest.error();
    nlohmann::json object = std::move(latest).value();
    object["status"] = statusToJson(status);
    return client.update(path, object);
  });
}

bool hasFinalizer(const nlohmann::json& object) {
  const nlohmann::json finalizers = object["metadata"].value("finalizers", nlohmann::json::array());
  return std::find(finalizers.begin(), finalizers.end(), nlohmann::json(kFinalizer)) != finalizers.end();
}

ApiResult<nlohmann::json> setFinalizer(kube::client::RestClient& client, const nlohmann::json& object,
                                       bool present) {
  const nlohmann::json& metadata = object["metadata"];
  nlohmann::json finalizers = nlohmann::json::array();
  for (const nlohmann::json& finalizer : metadata.value("finalizers", nlohmann::json::array())) {
    if (finalizer != kFinalizer) finalizers.push_back(finalizer);
  }
  if (present) finalizers.push_back(kFinalizer);
  const nlohmann::json patch = {
      {"metadata", {{"finalizers", finalizers}, {"resourceVersion", metadata.value("resourceVersion", "")}}}};
  const std::string path = kube::client::resourcePath(helmReleaseResource(), metadata.value("namespace", ""),
                                                      metadata.value("name", ""));
  return client.patch(path, kube::client::PatchType::Merge, patch);
}

std::string metaNow() {
  const std::time_t now = std::chrono::system_clock::to_time_t(std::chrono::system_clock::now());
  std::tm utc{};
  gmtime_r(&now, &utc);
  char text[32];
  return std::string(text, std::strftime(text, sizeof text, "%Y-%m-%dT%H:%M:%SZ", &utc));
}

}  // namespace ho::controller
