// Applying release objects to the cluster the way helm 3's kube client
// does: create in install order, update by patching only what changed
// (three-way for built-in kinds, two-way for custom resources), delete
// what left the chart unless helm.sh/resource-policy is keep.
#pragma once

#include <vector>

#include "controller/action/manifest_objects.h"
#include "core/error.h"
#include "kube/client/rest_client.h"

namespace ho::controller {

// Creates each object in order; stops at the first failure.
Result<void> createObjects(kube::client::RestClient& client, const std::vector<ManifestObject>& objects);
// helm's KubeClient.Update: `original` is the previous revision's objects.
Result<void> updateObjects(kube::client::RestClient& client, const std::vector<ManifestObject>& original,
                           const std::vector<ManifestObject>& target);
// Deletes each object in order (absent ones are fine; "keep" ones are left).
// Every failure is reported, joined, after trying them all.
Result<void> deleteObjects(kube::client::RestClient& client, const std::vector<ManifestObject>& objects);

}  // namespace ho::controller
