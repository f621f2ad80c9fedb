// What the release actions share: the cluster's capabilities for
// rendering, helm's history pruning (maxHistory), a revision's objects with
// helm's ownership metadata, adopting existing objects, and recording a
// failed revision.
#pragma once

#include <string>
#include <vector>

#include "chart/capabilities.h"
#include "controller/action/actions.h"
#include "controller/action/manifest_objects.h"
#include "controller/release/secret_storage.h"

namespace ho::controller {

// .Capabilities from /version and discovery.
Result<chart::Capabilities> clusterCapabilities(ActionContext& context);
// `values` when it is a map, else an empty map.
Value orEmptyMap(const Value& values);
// storage.removeLeastRecent: keep at most `maxHistory` revisions (counting the
// one about to be written), never removing the last deployed one.
Result<void> pruneHistory(SecretStorage& storage, const std::string& name, int maxHistory);
// The revision's manifest objects, labelled and annotated as helm's.
Result<std::vector<ManifestObject>> ownedObjects(ActionContext& context, const Release& release);
// helm's existingResourceConflict: which of `objects` are new and which
// already exist; existing ones must carry this release's ownership metadata
// (they are adopted) or the `action` ("install", "update") is refused.
struct AdoptionPlan {
  std::vector<ManifestObject> toCreate;
  std::vector<ManifestObject> toAdopt;
};
Result<AdoptionPlan> planAdoption(ActionContext& context, const Release& release,
                                  const std::vector<ManifestObject>& objects, const std::string& action);
// Marks `release` failed with `description` (best effort) and returns `cause`.
Error failRelease(SecretStorage& storage, Release& release, const std::string& description, const Error& cause);

}  // namespace ho::controller
