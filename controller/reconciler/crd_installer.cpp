// ensureHelmReleaseCrd: create-if-missing, then poll until established.
#include "controller/reconciler/crd_installer.h"

#include <fstream>
#include <sstream>
#include <thread>

#include "controller/reconciler/helm_release_object.h"
#include "encoding/go_json.h"
#include "encoding/go_yaml.h"

namespace ho::controller {
namespace {

const kube::client::ResourceType kCrds{"apiextensions.k8s.io", "v1", "customresourcedefinitions",
                                       "CustomResourceDefinition", false};

Result<nlohmann::json> readManifest(const std::string& path) {
  std::ifstream in(path);
  if (!in) return Error{"cannot read the HelmRelease CRD " + path};
  std::stringstream text;
  text << in.rdbuf();
  auto parsed = encoding::parseYaml(text.str());
  if (!parsed) return Error{path + ": " + parsed.error().message};
  auto json = encoding::toJson(*parsed);
  if (!json) return Error{path + ": " + json.error().message};
  return nlohmann::json::parse(*json);
}

}  // namespace

Result<bool> ensureHelmReleaseCrd(kube::client::RestClient& client, const std::string& crdYamlPath,
                                  std::chrono::milliseconds timeout) {
  const std::string crdName = helmReleaseResource().resource + "." + helmReleaseResource().group;
  bool created = false;
  auto existing = client.get(kube::client::resourcePath(kCrds, "", crdName));
  if (!existing) {
    if (!existing.error().isNotFound()) return Error{existing.error().message};
    auto manifest = readManifest(crdYamlPath);
    if (!manifest) return manifest.error();
    auto made = client.create(kube::client::resourcePath(kCrds), *manifest);
    if (!made && !made.error().isAlreadyExists()) return Error{"creating the HelmRelease CRD: " + made.error().message};
    created = made.ok();
  }
  const auto deadline = std::chrono::steady_clock::now() + timeout;
  const std::string collection = kube::client::resourcePath(helmReleaseResource());
  while (true) {
    auto listed = client.get(collection + "?limit=1");
    if (listed) return created;
    if (std::chrono::steady_clock::now() >= deadline) {
      return Error{"the HelmRelease CRD was not established in time: " + listed.error().message};
    }
    std::this_thread::sleep_for(std::chrono::milliseconds(200));
  }
}

}  // namespace ho::controller
