// Writing to a HelmRelease API object: its resource type, the status
// subresource (a PUT of the latest object with the new status, retried on
// conflicts) and the controller's finalizer.
#pragma once

#include <nlohmann/json.hpp>
#include <string>
#include <string_view>

#include "controller/helmrelease/helm_release_status.h"
#include "kube/client/rest_client.h"

namespace ho::controller {

inline constexpr std::string_view kFinalizer = "helm.fluxcd.io/finalizer";

// helmreleases.helm.fluxcd.io, version v1, namespaced.
const kube::client::ResourceType& helmReleaseResource();

// Replaces the status of NAMESPACE/NAME through .../status.
kube::client::ApiResult<nlohmann::json> writeStatus(kube::client::RestClient& client, const std::string& ns,
                                                    const std::string& name, const HelmReleaseStatus& status);

bool hasFinalizer(const nlohmann::json& object);
// Adds or removes kFinalizer with a merge patch guarded by the object's
// resourceVersion; returns the object as the server now has it.
kube::client::ApiResult<nlohmann::json> setFinalizer(kube::client::RestClient& client, const nlohmann::json& object,
                                                     bool present);

// The current time as metav1.Time prints it ("2026-05-01T10:00:00Z").
std::string metaNow();

}  // namespace ho::controller
