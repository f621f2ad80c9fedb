// spec.dependsOn (issue 13): whether the HelmReleases a release depends on
// are released at their current generation, and whether the dependsOn graph
// leads back to the release itself (a cycle, reported instead of waiting
// forever). The graph is read from the API server at each check, so it is
// never stale; releases without dependsOn cost nothing.
#pragma once

#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "controller/helmrelease/helm_release.h"
#include "kube/client/rest_client.h"

namespace ho::controller {

inline constexpr std::string_view kDependencyNotReadyReason = "DependencyNotReady";
inline constexpr std::string_view kDependencyCycleReason = "DependencyCycle";
inline constexpr std::string_view kDependenciesReadyReason = "DependenciesReady";

// What DependenciesReady should say.
struct DependencyState {
  bool ready = true;
  std::string reason;   // one of the reasons above
  std::string message;  // e.g. "dependency default/db is not ready: it does not exist"
};

// The NAMESPACE/NAME keys a HelmRelease API object's spec.dependsOn names
// (namespace defaulting to the object's); empty when it has none or they do
// not read as a list of objects.
std::vector<std::string> dependencyKeys(const nlohmann::json& helmRelease);

// Whether a dependency counts as released: Released=True, phase Succeeded (not
// mid-way through an install or upgrade) and status.observedGeneration equal
// to metadata.generation. "" when released, else why not.
std::string whyNotReleased(const HelmRelease& dependency);
// The same for an API object (one that does not parse is not released).
bool isReleasedAtGeneration(const nlohmann::json& helmRelease);

// Checks `release`'s dependsOn: a cycle through `release` first, then each
// dependency's state. Errors are API failures other than NotFound.
Result<DependencyState> checkDependencies(kube::client::RestClient& client, const HelmRelease& release);

}  // namespace ho::controller
