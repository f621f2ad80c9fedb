// SecretStorage: release revisions as helm.sh/release.v1 Secrets.
#include "controller/release/secret_storage.h"

#include <algorithm>
#include <chrono>

#include "kube/client/base64_codec.h"
#include "kube/client/core_resources.h"

namespace ho::controller {

namespace {

using kube::client::ResourceType;
using kube::client::kSecrets;
constexpr const char* kReleaseType = "helm.sh/release.v1";

std::string unixSeconds() {
  return std::to_string(
      std::chrono::duration_cast<std::chrono::seconds>(std::chrono::system_clock::now().time_since_epoch()).count());
}

Error storageError(const kube::client::ApiError& error) { return Error{error.message}; }

Result<Release> releaseFromSecret(const nlohmann::json& secret) {
  const std::string name = secret.value("metadata", nlohmann::json::object()).value("name", "");
  const auto data = secret.value("data", nlohmann::json::object());
  if (!data.contains("release") || !data["release"].is_string()) {
    return Error{"secret " + name + " has no release data"};
  }
  auto payload = kube::client::base64Decode(data["release"].get<std::string>());
  if (!payload) return Error{"secret " + name + ": illegal base64 data"};
  return decodeRelease(*payload);
}

}  // namespace

SecretStorage::SecretStorage(std::shared_ptr<kube::client::RestClient> client, std::string namespace_)
    : client_(std::move(client)), namespace_(std::move(namespace_)) {}

std::string SecretStorage::secretName(const std::string& releaseName, int version) {
  return "sh.helm.release.v1." + releaseName + ".v" + std::to_string(version);
}

nlohmann::json SecretStorage::secretFor(const Release& release, const std::string& timeLabel,
                                        const std::string& encoded) const {
  nlohmann::json labels = {{"name", release.name},
                           {"owner", "helm"},
                           {"status", release.info.status},
                           {"version", std::to_string(release.version)},
                           {timeLabel, unixSeconds()}};
  return {{"apiVersion", "v1"},
          {"kind", "Secret"},
          {"metadata", {{"name", secretName(release.name, release.version)}, {"namespace", namespace_}, {"labels", labels}}},
          {"type", kReleaseType},
          {"data", {{"release", kube::client::base64Encode(encoded)}}}};
}

Result<void> SecretStorage::create(const Release& release) {
  auto encoded = encodeRelease(release);
  if (!encoded) return encoded.error();
  auto created = client_->create(kube::client::resourcePath(kSecrets, namespace_), secretFor(release, "createdAt", *encoded));
  if (!created) {
    if (created.error().isAlreadyExists()) return Error{"release: already exists"};
    return Error{"create: failed to create: " + created.error().message};
  }
  return {};
}

Result<void> SecretStorage::update(const Release& release) {
  auto encoded = encodeRelease(release);
  if (!encoded) return encoded.error();
  const std::string path = kube::client::resourcePath(kSecrets, namespace_, secretName(release.name, release.version));
  auto updated = client_->update(path, secretFor(release, "modifiedAt", *encoded));
  if (!updated) return Error{"update: failed to update: " + updated.error().message};
  return {};
}

Result<std::vector<Release>> SecretStorage::query(const std::string& labelSelector) {
  auto list = client_->get(kube::client::resourcePath(kSecrets, namespace_) +
                           "?labelSelector=" + kube::client::queryEscape(labelSelector));
  if (!list) return storageError(list.error());
  std::vector<Release> releases;
  for (const auto& secret : list->value("items", nlohmann::json::array())) {
    if (secret.value("type", "") != kReleaseType) continue;
    auto release = releaseFromSecret(secret);
    if (!release) return release.error();
    releases.push_back(std::move(*release));
  }
  std::sort(releases.begin(), releases.end(), [](const Release& a, const Release& b) {
    return a.name != b.name ? a.name < b.name : a.version < b.version;
  });
  return releases;
}

Result<std::vector<Release>> SecretStorage::history(const std::string& releaseName) {
  return query("name=" + releaseName + ",owner=helm");
}

Result<std::vector<Release>> SecretStorage::all() { return query("owner=helm"); }

Result<Release> SecretStorage::get(const std::string& releaseName, int version) {
  auto secret = client_->get(kube::client::resourcePath(kSecrets, namespace_, secretName(releaseName, version)));
  if (!secret) {
    if (secret.error().isNotFound()) return Error{"release: not found"};
    return storageError(secret.error());
  }
  return releaseFromSecret(*secret);
}

Result<void> SecretStorage::remove(const std::string& releaseName, int version) {
  auto removed = client_->remove(kube::client::resourcePath(kSecrets, namespace_, secretName(releaseName, version)));
  if (!removed && !removed.error().isNotFound()) return storageError(removed.error());
  return {};
}

std::optional<Release> lastRevision(const std::vector<Release>& history) {
  if (history.empty()) return std::nullopt;
  return *std::max_element(history.begin(), history.end(),
                           [](const Release& a, const Release& b) { return a.version < b.version; });
}

std::optional<Release> lastDeployed(const std::vector<Release>& history) {
  std::optional<Release> best;
  for (const Release& release : history) {
    if (release.info.status == status::kDeployed && (!best || release.version > best->version)) best = release;
  }
  return best;
}

}  // namespace ho::controller
