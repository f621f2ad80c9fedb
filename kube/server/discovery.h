// Discovery documents (/version, /api, /apis, /api/v1, /apis/G/V) and the
// OpenAPI v3 index with one PATCH operation per kind, which `kubectl apply`
// and helm use to check for server-side field validation.
#pragma once

#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <string_view>

#include "kube/server/resource_registry.h"

namespace ho::kube {

// The Kubernetes version the server reports.
nlohmann::json versionInfo();
nlohmann::json apiVersions(const std::string& serverAddress);
nlohmann::json apiGroupList(const ResourceRegistry& registry);
// nullopt when the group/version is not served.
std::optional<nlohmann::json> apiResourceList(const ResourceRegistry& registry, const std::string& group,
                                              const std::string& version);

// The aggregated form (apidiscovery.k8s.io/v2 APIGroupDiscoveryList) of
// /api (core) or /apis, and whether an Accept header asks for it.
inline constexpr std::string_view kAggregatedDiscoveryContentType =
    "application/json;g=apidiscovery.k8s.io;v=v2;as=APIGroupDiscoveryList";
nlohmann::json aggregatedDiscovery(const ResourceRegistry& registry, bool core);
bool wantsAggregatedDiscovery(std::string_view accept);

nlohmann::json openApiIndex(const ResourceRegistry& registry);
// `gvPath` is "api/v1" or "apis/GROUP/VERSION".
std::optional<nlohmann::json> openApiDocument(const ResourceRegistry& registry, const std::string& gvPath);

}  // namespace ho::kube
