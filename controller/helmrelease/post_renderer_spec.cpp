// Parses spec.postRenderers and spec.commonMetadata. A `patches[].patch`
// string is read as kustomize reads it: a list of operations is a JSON6902
// patch, one or more objects are strategic merge patches.
#include "controller/helmrelease/post_renderer_spec.h"

#include "chart/repo/digest.h"
#include "controller/helmrelease/json_value.h"
#include "core/error.h"
#include "encoding/go_yaml.h"

namespace ho::controller {

PatchTarget parsePatchTarget(const FieldReader& target) {
  return {target.string("group"),     target.string("version"),       target.string("kind"),
          target.string("name"),      target.string("namespace"),     target.string("labelSelector"),
          target.string("annotationSelector")};
}

namespace {

// The YAML documents of a `patch` string, each as JSON (empty documents dropped).
std::vector<nlohmann::json> patchDocuments(const FieldReader& entry) {
  const std::string text = entry.requiredString("patch");
  auto documents = encoding::parseYamlDocuments(text);
  if (!documents) entry.fail("patch", documents.error().message);
  std::vector<nlohmann::json> parsed;
  for (const Value& document : *documents) {
    if (document.isNil()) continue;
    auto json = jsonFromValue(document);
    if (!json) entry.fail("patch", json.error().message);
    parsed.push_back(std::move(json).value());
  }
  return parsed;
}

void requireOperations(const FieldReader& entry, std::string_view key, const nlohmann::json& operations) {
  if (!operations.is_array()) entry.failExpected(key, "a list of JSON6902 operations", operations);
  for (const nlohmann::json& operation : operations) {
    if (!operation.is_object() || !operation.contains("op") || !operation.contains("path")) {
      entry.failExpected(key, "JSON6902 operations (objects with op and path)", operation);
    }
  }
}

// patches[]: {patch: "<YAML>", target: {...}}.
void appendPatches(const FieldReader& entry, std::vector<ManifestPatch>& patches) {
  std::optional<PatchTarget> target;
  if (const auto targetField = entry.object("target")) target = parsePatchTarget(*targetField);
  const std::vector<nlohmann::json> documents = patchDocuments(entry);
  if (documents.empty()) entry.fail("patch", "empty patch");
  if (documents.front().is_array()) {
    if (documents.size() > 1) entry.fail("patch", "a JSON6902 patch is a single list of operations");
    requireOperations(entry, "patch", documents.front());
    if (!target) entry.fail("target", "required for a JSON6902 patch");
    patches.push_back({PatchKind::Json6902, documents.front(), target, entry.path()});
    return;
  }
  if (target && documents.size() > 1) {
    entry.fail("patch", "one strategic merge patch only when a target is set (kustomize's rule)");
  }
  for (const nlohmann::json& document : documents) {
    if (!document.is_object()) entry.failExpected("patch", "a strategic merge patch object", document);
    patches.push_back({PatchKind::StrategicMerge, document, target, entry.path()});
  }
}

KustomizePostRenderer parseKustomize(const FieldReader& kustomize) {
  KustomizePostRenderer renderer;
  if (const nlohmann::json* merges = kustomize.find("patchesStrategicMerge")) {
    if (!merges->is_array()) kustomize.failExpected("patchesStrategicMerge", "a list", *merges);
    for (std::size_t index = 0; index < merges->size(); ++index) {
      const std::string field = kustomize.pathOf("patchesStrategicMerge") + "[" + std::to_string(index) + "]";
      readObject((*merges)[index], field);
      renderer.patches.push_back({PatchKind::StrategicMerge, (*merges)[index], std::nullopt, field});
    }
  }
  for (const FieldReader& entry : kustomize.objectList("patches")) appendPatches(entry, renderer.patches);
  for (const FieldReader& entry : kustomize.objectList("patchesJson6902")) {
    const auto target = entry.object("target");
    if (!target) entry.fail("target", "required");
    const nlohmann::json* operations = entry.find("patch");
    if (!operations) entry.fail("patch", "required");
    requireOperations(entry, "patch", *operations);
    renderer.patches.push_back({PatchKind::Json6902, *operations, parsePatchTarget(*target), entry.path()});
  }
  for (const FieldReader& image : kustomize.objectList("images")) {
    renderer.images.push_back({image.requiredString("name"), image.string("newName"), image.string("newTag"),
                               image.string("digest")});
  }
  return renderer;
}

std::map<std::string, std::string> stringMap(const FieldReader& metadata, std::string_view key) {
  std::map<std::string, std::string> entries;
  const auto map = metadata.object(key);
  if (!map) return entries;
  const nlohmann::json* object = metadata.find(key);
  for (auto item = object->begin(); item != object->end(); ++item) entries[item.key()] = map->string(item.key());
  return entries;
}

// No patches, no images, no labels or annotations: as if both fields were absent.
bool changesNothing(const PostRenderSpec& spec) {
  for (const KustomizePostRenderer& renderer : spec.postRenderers) {
    if (!renderer.patches.empty() || !renderer.images.empty()) return false;
  }
  return !spec.commonMetadata || (spec.commonMetadata->labels.empty() && spec.commonMetadata->annotations.empty());
}

}  // namespace

PostRenderSpec parsePostRenderSpec(const FieldReader& spec) {
  PostRenderSpec parsed;
  for (const FieldReader& entry : spec.objectList("postRenderers")) {
    if (const auto kustomize = entry.object("kustomize")) parsed.postRenderers.push_back(parseKustomize(*kustomize));
  }
  if (const auto metadata = spec.object("commonMetadata")) {
    parsed.commonMetadata = CommonMetadata{stringMap(*metadata, "labels"), stringMap(*metadata, "annotations")};
  }
  if (changesNothing(parsed)) return {};
  const nlohmann::json* postRenderers = spec.find("postRenderers");
  const nlohmann::json* commonMetadata = spec.find("commonMetadata");
  const nlohmann::json written = {{"postRenderers", postRenderers ? *postRenderers : nlohmann::json()},
                                  {"commonMetadata", commonMetadata ? *commonMetadata : nlohmann::json()}};
  parsed.digest = "sha256:" + chart::repo::sha256Hex(written.dump());
  return parsed;
}

}  // namespace ho::controller
