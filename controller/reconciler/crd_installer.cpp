// ensureHelmReleaseCrd: create when missing, update when it differs from the
// bundled file, then poll until established.
#include "controller/reconciler/crd_installer.h"

#include <map>
#include <thread>

#include "controller/reconciler/helm_release_object.h"
#include "core/file_bytes.h"
#include "encoding/go_json.h"
#include "encoding/go_yaml.h"

namespace ho::controller {
namespace {

using nlohmann::json;

const kube::client::ResourceType kCrds{"apiextensions.k8s.io", "v1", "customresourcedefinitions",
                                       "CustomResourceDefinition", false};
constexpr int kUpdateAttempts = 3;  // a conflict means another replica wrote it meanwhile: look again

Result<json> readManifest(const std::string& path) {
  auto text = readFileBytes(path);
  if (!text) return Error{"cannot read the HelmRelease CRD: " + text.error().message};
  auto parsed = encoding::parseYaml(*text);
  if (!parsed) return Error{path + ": " + parsed.error().message};
  auto converted = encoding::toJson(*parsed);
  if (!converted) return Error{path + ": " + converted.error().message};
  return json::parse(*converted);
}

bool isZero(const json& value) {
  return value.is_null() || (value.is_boolean() && !value.get<bool>()) || (value.is_string() && value.empty()) ||
         ((value.is_array() || value.is_object()) && value.empty());
}

// `value` without the object members Go's omitempty would leave out.
json withoutZeroFields(const json& value) {
  if (value.is_array()) {
    json items = json::array();
    for (const json& item : value) items.push_back(withoutZeroFields(item));
    return items;
  }
  if (!value.is_object()) return value;
  json members = json::object();
  for (const auto& [key, member] : value.items()) {
    json kept = withoutZeroFields(member);
    if (!isZero(kept)) members[key] = std::move(kept);
  }
  return members;
}

const json& specField(const json& crd, const char* name) {
  static const json kAbsent;
  const auto spec = crd.find("spec");
  if (spec == crd.end() || !spec->is_object()) return kAbsent;
  const auto field = spec->find(name);
  return field == spec->end() ? kAbsent : *field;
}

std::map<std::string, json> versionsByName(const json& crd) {
  std::map<std::string, json> versions;
  const json& listed = specField(crd, "versions");
  if (!listed.is_array()) return versions;
  for (const json& version : listed) {
    if (version.is_object()) versions[version.value("name", "")] = withoutZeroFields(version);
  }
  return versions;
}

Result<void> waitUntilServed(kube::client::RestClient& client, std::chrono::milliseconds timeout) {
  const auto deadline = std::chrono::steady_clock::now() + timeout;
  const std::string collection = kube::client::resourcePath(helmReleaseResource());
  while (true) {
    auto listed = client.get(collection + "?limit=1");
    if (listed) return {};
    if (std::chrono::steady_clock::now() >= deadline) {
      return Error{"the HelmRelease CRD was not established in time: " + listed.error().message};
    }
    std::this_thread::sleep_for(std::chrono::milliseconds(200));
  }
}

// Creates the CRD, or replaces the spec of the stored one with the bundled one when they differ.
Result<CrdChange> converge(kube::client::RestClient& client, const std::string& crdYamlPath) {
  const std::string crdName = helmReleaseResource().resource + "." + helmReleaseResource().group;
  const std::string path = kube::client::resourcePath(kCrds, "", crdName);
  for (int attempt = 1;; ++attempt) {
    auto existing = client.get(path);
    if (!existing && !existing.error().isNotFound()) return Error{existing.error().message};
    auto manifest = readManifest(crdYamlPath);
    if (!existing) {
      if (!manifest) return manifest.error();
      auto made = client.create(kube::client::resourcePath(kCrds), *manifest);
      if (made) return CrdChange::Created;
      if (!made.error().isAlreadyExists()) return Error{"creating the HelmRelease CRD: " + made.error().message};
      if (attempt < kUpdateAttempts) continue;  // another replica created it: compare with that one
      return CrdChange::Unchanged;
    }
    if (!manifest) return CrdChange::NotCompared;
    if (!crdNeedsUpdate(*existing, *manifest)) return CrdChange::Unchanged;
    json updated = std::move(existing).value();
    updated["spec"] = (*manifest)["spec"];
    auto written = client.update(path, updated);
    if (written) return CrdChange::Updated;
    if (!written.error().isConflict() || attempt >= kUpdateAttempts) {
      return Error{"updating the HelmRelease CRD: " + written.error().message};
    }
  }
}

}  // namespace

bool crdNeedsUpdate(const json& stored, const json& bundled) {
  if (versionsByName(stored) != versionsByName(bundled)) return true;
  const json storedNames = withoutZeroFields(specField(stored, "names"));
  const json bundledNames = withoutZeroFields(specField(bundled, "names"));
  if (!bundledNames.is_object()) return false;
  for (const auto& [field, value] : bundledNames.items()) {
    if (!storedNames.is_object() || !storedNames.contains(field) || storedNames[field] != value) return true;
  }
  return false;
}

Result<CrdChange> ensureHelmReleaseCrd(kube::client::RestClient& client, const std::string& crdYamlPath,
                                       std::chrono::milliseconds timeout) {
  auto change = converge(client, crdYamlPath);
  if (!change) return change.error();
  if (auto served = waitUntilServed(client, timeout); !served) return served.error();
  return *change;
}

}  // namespace ho::controller
