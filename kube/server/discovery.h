// Discovery documents (/version, /api, /apis, /api/v1, /apis/G/V) and the
// OpenAPI v3 index with one PATCH operation per kind, which `kubectl apply`
// and helm use to check for server-side field validation.
#pragma once

#include <nlohmann/json.hpp>
#include <optional>
#include <string>

#include "kube/server/resource_registry.h"

namespace ho::kube {

// The Kubernetes version the server reports.
nlohmann::json versionInfo();
nlohmann::json apiVersions(const std::string& serverAddress);
nlohmann::json apiGroupList(const ResourceRegistry& registry);
// nullopt when the group/version is not served.
std::optional<nlohmann::json> apiResourceList(const ResourceRegistry& registry, const std::string& group,
                                              const std::string& version);

nlohmann::json openApiIndex(const ResourceRegistry& registry);
// `gvPath` is "api/v1" or "apis/GROUP/VERSION".
std::optional<nlohmann::json> openApiDocument(const ResourceRegistry& registry, const std::string& gvPath);

}  // namespace ho::kube
