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

const nlohmann::json& field(const nlohmann::json& object, const char* name) {
  static const nlohmann::json absent;
  if (!object.is_object()) return absent;
  const auto found = object.find(name);
  return found == object.end() ? absent : *found;
}

std::string stringField(const nlohmann::json& object, const char* name) {
  const nlohmann::json& value = field(object, name);
  return value.is_string() ? value.get<std::string>() : std::string();
}

// The Secret's data.release (base64 text), or null when it has none.
const std::string* releaseData(const nlohmann::json& secret) {
  const nlohmann::json& data = field(field(secret, "data"), "release");
  return data.is_string() ? data.get_ptr<const std::string*>() : nullptr;
}

Result<Release> releaseFromSecret(const nlohmann::json& secret) {
  const std::string* data = releaseData(secret);
  if (data == nullptr) return Error{"secret " + stringField(field(secret, "metadata"), "name") + " has no release data"};
  auto payload = kube::client::base64Decode(*data);
  if (!payload) return Error{"secret " + stringField(field(secret, "metadata"), "name") + ": illegal base64 data"};
  return decodeRelease(*payload);
}

void sortRevisions(std::vector<Release>& releases) {
  std::sort(releases.begin(), releases.end(), [](const Release& a, const Release& b) {
    return a.name != b.name ? a.name < b.name : a.version < b.version;
  });
}

}  // namespace

SecretStorage::SecretStorage(std::shared_ptr<kube::client::RestClient> client, std::string namespace_,
                             std::shared_ptr<ReleaseCache> cache)
    : client_(std::move(client)), namespace_(std::move(namespace_)), cache_(std::move(cache)) {}

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

std::string SecretStorage::collectionQuery(const std::string& labelSelector) const {
  return kube::client::resourcePath(kSecrets, namespace_) + "?labelSelector=" + kube::client::queryEscape(labelSelector);
}

std::optional<std::vector<Release>> SecretStorage::cachedQuery(const std::string& labelSelector) {
  auto list = client_->listMetadata(collectionQuery(labelSelector));
  if (!list) return std::nullopt;
  std::vector<Release> releases;
  for (const nlohmann::json& item : field(*list, "items")) {
    const nlohmann::json& metadata = field(item, "metadata");
    std::optional<Release> cached =
        cache_->find(namespace_ + "/" + stringField(metadata, "name"), stringField(metadata, "resourceVersion"));
    if (!cached) return std::nullopt;
    releases.push_back(std::move(*cached));
  }
  sortRevisions(releases);
  return releases;
}

Result<std::vector<Release>> SecretStorage::query(const std::string& labelSelector) {
  if (cache_) {
    if (std::optional<std::vector<Release>> cached = cachedQuery(labelSelector)) return std::move(*cached);
  }
  auto list = client_->get(collectionQuery(labelSelector));
  if (!list) return storageError(list.error());
  std::vector<Release> releases;
  for (const nlohmann::json& secret : field(*list, "items")) {
    if (stringField(secret, "type") != kReleaseType) continue;
    const nlohmann::json& metadata = field(secret, "metadata");
    const std::string key = namespace_ + "/" + stringField(metadata, "name");
    const std::string resourceVersion = stringField(metadata, "resourceVersion");
    if (cache_) {
      if (std::optional<Release> cached = cache_->find(key, resourceVersion)) {
        releases.push_back(std::move(*cached));
        continue;
      }
    }
    auto release = releaseFromSecret(secret);
    if (!release) return release.error();
    if (cache_) cache_->store(key, resourceVersion, *release, releaseData(secret)->size());
    releases.push_back(std::move(*release));
  }
  sortRevisions(releases);
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
