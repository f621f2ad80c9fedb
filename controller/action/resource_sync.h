// Applying release objects to the cluster the way helm 3's kube client
// does: create in install order, update by patching only what changed
// (three-way strategic merge for built-in kinds, two-way JSON merge for
// custom resources) or by replacing (--force), delete what left the chart
// unless the live object says helm.sh/resource-policy: keep.
#pragma once

#include <vector>

#include "controller/action/manifest_objects.h"
#include "core/error.h"
#include "kube/client/rest_client.h"

namespace ho::controller {

// Creates each object in order; stops at the first failure.
Result<void> createObjects(kube::client::RestClient& client, const std::vector<ManifestObject>& objects);
// helm's KubeClient.Update: `original` is the previous revision's objects
// (as its manifest has them, without helm's ownership metadata), `target`
// the new ones. Missing objects are created; a failed create or get stops
// at once, failed patches are joined with " && " after trying them all and
// then nothing is deleted.
Result<void> updateObjects(kube::client::RestClient& client, const std::vector<ManifestObject>& original,
                           const std::vector<ManifestObject>& target, bool force = false);
// Deletes each object in order (absent ones are fine; "keep" ones are left).
// Every failure is reported, joined, after trying them all.
Result<void> deleteObjects(kube::client::RestClient& client, const std::vector<ManifestObject>& objects);

}  // namespace ho::controller
