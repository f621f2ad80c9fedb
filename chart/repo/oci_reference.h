// Chart references in OCI registries (oci://HOST[:PORT]/PATH): which registry,
// which repository in it, whether it is spoken to over plain HTTP, and Helm's
// mapping between chart versions and tags ("+" is not allowed in a tag, so
// Helm stores 1.0.0+build as the tag 1.0.0_build).
#pragma once

#include <string>
#include <string_view>

#include "chart/repo/repo_error.h"

namespace ho::chart::repo {

inline constexpr std::string_view kOciScheme = "oci://";

struct OciReference {
  std::string registry;    // "host[:port]"
  std::string repository;  // the path inside the registry, e.g. "charts/app"
  // Loopback registries (localhost, 127.0.0.0/8, ::1) are spoken to over plain
  // HTTP, as Helm 3.17 does; every other registry over HTTPS.
  bool plainHttp = false;

  // "oci://registry/repository".
  std::string url() const;
  // "http[s]://registry/v2/repository", the prefix of every API call for this repository.
  std::string apiBase() const;
  // "http[s]://registry".
  std::string origin() const;
};

// True when `url` starts with oci://.
bool isOciUrl(std::string_view url);

// `url` is oci://HOST[:PORT]/PATH; `chartName` (when not empty) is appended as
// the last path segment, the way a HelmRelease splits repository and name.
// Errors (InvalidIndex kind is not used): Network-free validation failures are
// ChartNotFound with a message naming the reference.
RepoResult<OciReference> parseOciReference(std::string_view url, std::string_view chartName = {});

// "1.0.0+build" -> "1.0.0_build", and back.
std::string versionToTag(std::string_view version);
std::string tagToVersion(std::string_view tag);

}  // namespace ho::chart::repo
