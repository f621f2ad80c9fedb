// URL routing for the resource API: a request target becomes its path and
// decoded query, and a resource path becomes group/version/namespace/
// resource/name/subresource.
#pragma once

#include <map>
#include <optional>
#include <string>
#include <string_view>

namespace ho::kube {

using QueryParams = std::map<std::string, std::string, std::less<>>;

struct RequestTarget {
  std::string path;
  QueryParams query;
};

// Splits "/api/v1/pods?labelSelector=a%3Db" into its path and decoded query.
RequestTarget splitTarget(std::string_view target);

// Percent-decoding; '+' means a space (query strings).
std::string urlDecode(std::string_view text);

struct ApiPath {
  std::string group;  // "" for the core group (/api/v1)
  std::string version;
  std::string namespaceName;  // "" when the path names no namespace
  std::string resource;
  std::string name;
  std::string subresource;
  bool legacyWatch = false;  // the deprecated /watch/ path segment
};

// Parses /api/v1/..., /apis/GROUP/VERSION/...; nullopt for other paths and for
// group/version roots (those are discovery).
std::optional<ApiPath> parseApiPath(std::string_view path);

}  // namespace ho::kube
