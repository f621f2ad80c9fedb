// Helm 3's Secret storage driver (storage/driver/secrets.go): one Secret
// per revision, named sh.helm.release.v1.NAME.vVERSION, type
// helm.sh/release.v1, labels name/owner=helm/status/version (createdAt on
// create, modifiedAt on update) and data.release = base64(gzip(JSON)).
#pragma once

#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "controller/release/release.h"
#include "controller/release/release_cache.h"
#include "core/error.h"
#include "kube/client/rest_client.h"

namespace ho::controller {

class SecretStorage {
 public:
  // `namespace_` is where the release Secrets live (the release namespace).
  // With a `cache`, reading history first lists the Secrets' metadata and
  // decodes only revisions whose Secret is not cached at its resourceVersion.
  SecretStorage(std::shared_ptr<kube::client::RestClient> client, std::string namespace_,
                std::shared_ptr<ReleaseCache> cache = nullptr);

  static std::string secretName(const std::string& releaseName, int version);

  // Errors "release: already exists" when the revision exists.
  Result<void> create(const Release& release);
  // Replaces the revision's Secret (helm's unconditional PUT).
  Result<void> update(const Release& release);
  // Every revision of `releaseName`, oldest first (empty when there is none).
  Result<std::vector<Release>> history(const std::string& releaseName);
  // Every release revision in the namespace (helm list's source).
  Result<std::vector<Release>> all();
  // "release: not found" when absent.
  Result<Release> get(const std::string& releaseName, int version);
  Result<void> remove(const std::string& releaseName, int version);

 private:
  nlohmann::json secretFor(const Release& release, const std::string& timeLabel, const std::string& encoded) const;
  Result<std::vector<Release>> query(const std::string& labelSelector);
  // Every revision matching `labelSelector` from the cache, or nullopt when one is missing there.
  std::optional<std::vector<Release>> cachedQuery(const std::string& labelSelector);
  std::string collectionQuery(const std::string& labelSelector) const;

  std::shared_ptr<kube::client::RestClient> client_;
  std::string namespace_;
  std::shared_ptr<ReleaseCache> cache_;
};

// The newest revision, and the newest one whose status is deployed (helm's
// storage.Last / storage.Deployed); nullopt when there is none.
std::optional<Release> lastRevision(const std::vector<Release>& history);
std::optional<Release> lastDeployed(const std::vector<Release>& history);

}  // namespace ho::controller
