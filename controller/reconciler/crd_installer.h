// Makes sure the cluster serves HelmReleases: creates the CRD from its YAML
// file when it is missing and waits until helm.fluxcd.io/v1 answers.
#pragma once

#include <chrono>
#include <string>

#include "core/error.h"
#include "kube/client/rest_client.h"

namespace ho::controller {

// Returns true when it created the CRD, false when it was already there.
Result<bool> ensureHelmReleaseCrd(kube::client::RestClient& client, const std::string& crdYamlPath,
                                  std::chrono::milliseconds timeout = std::chrono::seconds(30));

}  // namespace ho::controller
