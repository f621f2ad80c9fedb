// helm's createPatch: strategic three-way patch or JSON merge patch.
#include "controller/action/three_way_patch.h"

#include "kube/patch/merge_patch.h"
#include "kube/patch/patch_schema.h"
#include "kube/patch/three_way_merge_patch.h"

namespace ho::controller {

Result<ObjectPatch> createObjectPatch(const nlohmann::json& original, const nlohmann::json& target,
                                      const nlohmann::json& live) {
  const std::string apiVersion = target.value("apiVersion", "");
  const std::string kind = target.value("kind", "");
  const kube::patch::SchemaNode* schema = kube::patch::builtInSchema(apiVersion, kind);
  // helm sends v1beta1 CRDs a JSON merge patch even though its scheme knows them.
  if (!schema || (apiVersion == "apiextensions.k8s.io/v1beta1" && kind == "CustomResourceDefinition")) {
    return ObjectPatch{kube::client::PatchType::Merge, kube::patch::createMergePatch(original, target)};
  }
  auto patch = kube::patch::createThreeWayMergePatch(original, target, live, schema);
  if (!patch) return Error{"failed to create patch: " + patch.error().message};
  return ObjectPatch{kube::client::PatchType::Strategic, std::move(*patch)};
}

}  // namespace ho::controller
