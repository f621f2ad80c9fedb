// The objects of a release manifest, resolved against the cluster: each
// document parsed, mapped to its resource (discovery), given the release
// namespace when it is namespaced and names none, and identified the way
// helm matches objects between revisions (group, kind, namespace, name).
#pragma once

#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "core/error.h"
#include "kube/client/rest_client.h"
#include "kube/client/rest_mapper.h"

namespace ho::controller {

struct ManifestObject {
  nlohmann::json object;
  kube::client::ResourceType type;
  std::string namespace_;  // "" for cluster-scoped kinds
  std::string name;

  std::string path() const { return kube::client::resourcePath(type, namespace_, name); }
  std::string collectionPath() const { return kube::client::resourcePath(type, namespace_); }
  std::string identity() const { return type.group + "/" + type.kind + "/" + namespace_ + "/" + name; }
  // "Deployment \"web\" in namespace \"default\"" style, as helm names objects.
  std::string describe() const;
  bool keepOnDelete() const;  // helm.sh/resource-policy: keep
};

// Parses and maps every document of `manifestText` (release manifest or a hook's).
Result<std::vector<ManifestObject>> buildObjects(std::string_view manifestText, const std::string& releaseNamespace,
                                                 kube::client::RestMapper& mapper);

// Helm's setMetadataVisitor: the managed-by label and release annotations.
void setReleaseOwnership(ManifestObject& object, const std::string& releaseName, const std::string& releaseNamespace);
// Whether a live object carries the ownership metadata of this release.
Result<void> checkOwnership(const nlohmann::json& live, const ManifestObject& object, const std::string& releaseName,
                            const std::string& releaseNamespace);

// helm's UninstallOrder applied to `objects` (stable; unknown kinds last).
void sortForUninstall(std::vector<ManifestObject>& objects);

}  // namespace ho::controller
