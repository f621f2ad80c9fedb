// spec.postRenderers and spec.commonMetadata (Flux v2's fields, on the
// helm.fluxcd.io/v1 HelmRelease): kustomize patches, image overrides and
// common labels and annotations applied to the rendered manifests before an
// install or upgrade, parsed with errors that name the field.
#pragma once

#include <map>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <vector>

#include "controller/helmrelease/field_reader.h"

namespace ho::controller {

// Which objects a patch applies to (kustomize's Selector). group, version,
// kind, name and namespace are regular expressions (Go syntax) that must
// match the whole value; the label and annotation selectors use Kubernetes'
// label selector syntax. Empty fields match every object.
struct PatchTarget {
  std::string group;
  std::string version;
  std::string kind;
  std::string name;
  std::string namespace_;
  std::string labelSelector;
  std::string annotationSelector;
};

enum class PatchKind { StrategicMerge, Json6902 };

struct ManifestPatch {
  PatchKind kind = PatchKind::StrategicMerge;
  nlohmann::json patch;               // the strategic merge patch object, or the list of JSON6902 operations
  std::optional<PatchTarget> target;  // none: a strategic merge patch names its object itself
  std::string field;                  // where it was written, e.g. spec.postRenderers[0].kustomize.patches[1]
};

// kustomize's images entry: containers' and initContainers' `image` whose name is `name`.
struct ImageOverride {
  std::string name;
  std::string newName;
  std::string newTag;
  std::string digest;
};

// One spec.postRenderers[].kustomize entry, its patches in the order kustomize
// applies them: patchesStrategicMerge, patches, patchesJson6902; images last.
struct KustomizePostRenderer {
  std::vector<ManifestPatch> patches;
  std::vector<ImageOverride> images;
};

// spec.commonMetadata: set on every rendered object's metadata (not on selectors or pod templates).
struct CommonMetadata {
  std::map<std::string, std::string> labels;
  std::map<std::string, std::string> annotations;
};

struct PostRenderSpec {
  std::vector<KustomizePostRenderer> postRenderers;
  std::optional<CommonMetadata> commonMetadata;  // applied after the post-renderers, as Flux v2 does
  // sha256:HEX of the two fields as written; "" when neither is set. A
  // release records the digest it was post-rendered with, so a change of
  // either field is seen without rendering.
  std::string digest;

  bool empty() const { return digest.empty(); }
};

// Reads a `target` object (also spec.driftDetection.ignore[].target); throws ho::Failure naming the field.
PatchTarget parsePatchTarget(const FieldReader& target);

// Reads both fields of `spec` (absent ones leave the result empty); throws
// ho::Failure naming the field, e.g.
// `spec.postRenderers[0].kustomize.patches[1].target.kind: expected a string, got 1`.
PostRenderSpec parsePostRenderSpec(const FieldReader& spec);

}  // namespace ho::controller
