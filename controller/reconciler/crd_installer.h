// Makes sure the cluster serves HelmReleases as this version of the
// controller defines them: creates the CRD from its YAML file when it is
// missing, updates it when what matters (its versions, with their schemas,
// and its names) differs from the file, and waits until helm.fluxcd.io/v1 answers.
#pragma once

#include <chrono>
#include <nlohmann/json.hpp>
#include <string>

#include "core/error.h"
#include "kube/client/rest_client.h"

namespace ho::controller {

enum class CrdChange {
  Unchanged,    // the cluster's CRD already matched the file
  Created,      // it was missing
  Updated,      // it differed (e.g. an older controller's CRD without newer fields or enum values)
  NotCompared,  // it exists but the file could not be read: left as it is
};

Result<CrdChange> ensureHelmReleaseCrd(kube::client::RestClient& client, const std::string& crdYamlPath,
                                       std::chrono::milliseconds timeout = std::chrono::seconds(30));

// Whether the stored CRD's spec.versions (by name: served, storage, schema,
// subresources, printer columns) or spec.names differ from the bundled one's.
// Compared as the API server keeps them: fields holding false, "", [] or {}
// count as absent, and names the server defaults (listKind, singular) only
// count when the bundled CRD sets them, so a CRD the server stored from the
// same file compares equal.
bool crdNeedsUpdate(const nlohmann::json& stored, const nlohmann::json& bundled);

}  // namespace ho::controller
