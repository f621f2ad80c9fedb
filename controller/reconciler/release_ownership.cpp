// The antecedent annotation: reading who owns a release, marking it ours.
#include "controller/reconciler/release_ownership.h"

#include "controller/action/manifest_objects.h"

namespace ho::controller {
namespace {

std::string antecedentOf(const nlohmann::json& live) {
  const nlohmann::json annotations = live.value("metadata", nlohmann::json::object())
                                         .value("annotations", nlohmann::json::object());
  if (!annotations.is_object()) return {};
  return annotations.value(std::string(kAntecedentAnnotation), "");
}

}  // namespace

Result<ReleaseOwnership> releaseOwnership(ActionContext& context, const Release& release,
                                          const std::string& antecedent) {
  auto objects = buildObjects(release.manifest, release.namespace_, *context.mapper);
  if (!objects) return objects.error();
  ReleaseOwnership ownership;
  for (const ManifestObject& object : *objects) {
    auto live = context.client->get(object.path());
    if (!live) {
      if (live.error().isNotFound()) continue;
      return Error{"reading " + object.describe() + ": " + live.error().message};
    }
    const std::string found = antecedentOf(*live);
    if (found.empty()) continue;
    if (found != antecedent) return ReleaseOwnership{ReleaseOwnership::Owner::Another, found};
    ownership = {ReleaseOwnership::Owner::ThisHelmRelease, found};
  }
  return ownership;
}

Result<void> annotateReleaseObjects(ActionContext& context, const Release& release, const std::string& antecedent) {
  auto objects = buildObjects(release.manifest, release.namespace_, *context.mapper);
  if (!objects) return objects.error();
  const nlohmann::json patch = {{"metadata", {{"annotations", {{std::string(kAntecedentAnnotation), antecedent}}}}}};
  std::string failures;
  for (const ManifestObject& object : *objects) {
    auto patched = context.client->patch(object.path(), kube::client::PatchType::Merge, patch);
    if (!patched && !patched.error().isNotFound()) {
      failures += (failures.empty() ? "" : "; ") + object.describe() + ": " + patched.error().message;
    }
  }
  if (!failures.empty()) return Error{"failed to annotate release objects: " + failures};
  return {};
}

}  // namespace ho::controller
