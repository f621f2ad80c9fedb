// The post-render pipeline: manifests parsed once, patched, images
// overridden, common metadata set, and the changed ones written back.
#include "controller/action/post_render.h"

#include "controller/action/image_override.h"
#include "controller/action/patch_target.h"
#include "controller/helmrelease/json_value.h"
#include "encoding/go_yaml.h"
#include "kube/patch/patch_schema.h"
#include "kube/patch/strategic_merge_patch.h"

namespace ho::controller {
namespace {

constexpr std::string_view kDigestComment = "# Post-rendered by helm-operator: ";

// One manifest while post-rendering: its object, and whether it changed or was deleted.
struct Document {
  chart::Manifest manifest;
  nlohmann::json object;  // null when the document is not an object (left alone)
  bool changed = false;
  bool deleted = false;
};

std::string stringField(const nlohmann::json& object, const char* key) {
  if (!object.is_object()) return "";
  const auto found = object.find(key);
  return found != object.end() && found->is_string() ? found->get<std::string>() : std::string();
}

const nlohmann::json& metadataOf(const nlohmann::json& object) {
  static const nlohmann::json none = nlohmann::json::object();
  const auto found = object.find("metadata");
  return found != object.end() && found->is_object() ? *found : none;
}

std::string namespaceOr(const nlohmann::json& object, const std::string& releaseNamespace) {
  std::string namespace_ = stringField(metadataOf(object), "namespace");
  return namespace_.empty() ? releaseNamespace : namespace_;
}

// Kind.version.group/name.namespace, as kustomize names a resource id.
std::string describeId(const nlohmann::json& object, const std::string& releaseNamespace) {
  const auto [group, version] = splitApiVersion(stringField(object, "apiVersion"));
  std::string id = stringField(object, "kind") + "." + version;
  if (!group.empty()) id += "." + group;
  return id + "/" + stringField(metadataOf(object), "name") + "." + namespaceOr(object, releaseNamespace);
}

// Replaces `document`'s object when `updated` differs.
void update(Document& document, nlohmann::json updated) {
  if (updated == document.object) return;
  document.deleted = updated.is_object() && updated.empty();  // `$patch: delete` at the top
  document.object = std::move(updated);
  document.changed = true;
}

class Pipeline {
 public:
  Pipeline(std::vector<Document>& documents, const std::string& releaseNamespace)
      : documents_(documents), releaseNamespace_(releaseNamespace) {}

  Result<void> apply(const ManifestPatch& patch) {
    try {
      if (patch.kind == PatchKind::Json6902) return applyJson6902(patch);
      return patch.target ? mergeIntoTargets(patch) : mergeIntoNamedObject(patch);
    } catch (const nlohmann::json::exception& e) {
      return Error{patch.field + ": " + e.what()};
    } catch (const Failure& failure) {
      return Error{patch.field + ": " + failure.what()};
    }
  }

  void overrideImages(const ImageOverride& image) {
    for (Document& document : live()) {
      nlohmann::json updated = document.object;
      if (controller::overrideImages(updated, image)) update(document, std::move(updated));
    }
  }

  void setCommonMetadata(const CommonMetadata& metadata) {
    for (Document& document : live()) {
      nlohmann::json updated = document.object;
      nlohmann::json& fields = updated["metadata"];
      if (!fields.is_object()) fields = nlohmann::json::object();
      for (const auto& [key, value] : metadata.labels) setEntry(fields, "labels", key, value);
      for (const auto& [key, value] : metadata.annotations) setEntry(fields, "annotations", key, value);
      update(document, std::move(updated));
    }
  }

 private:
  static void setEntry(nlohmann::json& metadata, const char* map, const std::string& key, const std::string& value) {
    nlohmann::json& entries = metadata[map];
    if (!entries.is_object()) entries = nlohmann::json::object();
    entries[key] = value;
  }

  // The documents holding an object (not deleted).
  std::vector<std::reference_wrapper<Document>> live() {
    std::vector<std::reference_wrapper<Document>> documents;
    for (Document& document : documents_) {
      if (!document.deleted && document.object.is_object()) documents.emplace_back(document);
    }
    return documents;
  }

  Result<std::vector<std::reference_wrapper<Document>>> targets(const ManifestPatch& patch) {
    auto matcher = PatchTargetMatcher::compile(*patch.target, patch.field);
    if (!matcher) return matcher.error();
    std::vector<std::reference_wrapper<Document>> selected;
    for (Document& document : live()) {
      if (matcher->matches(document.object, releaseNamespace_)) selected.push_back(document);
    }
    return selected;
  }

  Result<void> applyJson6902(const ManifestPatch& patch) {
    auto selected = targets(patch);
    if (!selected) return selected.error();
    for (Document& document : *selected) {
      try {
        update(document, document.object.patch(patch.patch));
      } catch (const nlohmann::json::exception& e) {
        return Error{patch.field + ": applying the JSON6902 patch to " + describeId(document.object, releaseNamespace_) +
                     ": " + e.what()};
      }
    }
    return {};
  }

  // kustomize keeps the patched object's identity: the patch's apiVersion,
  // kind, name and namespace only select (or are ignored, with a target).
  Result<void> merge(Document& document, nlohmann::json patch, const std::string& field) {
    patch.erase("apiVersion");
    patch.erase("kind");
    if (auto metadata = patch.find("metadata"); metadata != patch.end() && metadata->is_object()) {
      metadata->erase("name");
      metadata->erase("namespace");
    }
    const std::string apiVersion = stringField(document.object, "apiVersion");
    const kube::patch::SchemaNode* schema = kube::patch::builtInSchema(apiVersion, stringField(document.object, "kind"));
    auto merged = kube::patch::applyStrategicMergePatch(document.object, patch, schema);
    if (!merged) {
      return Error{field + ": applying the strategic merge patch to " + describeId(document.object, releaseNamespace_) +
                   ": " + merged.error().message};
    }
    update(document, std::move(merged).value());
    return {};
  }

  Result<void> mergeIntoTargets(const ManifestPatch& patch) {
    auto selected = targets(patch);
    if (!selected) return selected.error();
    for (Document& document : *selected) {
      if (auto merged = merge(document, patch.patch, patch.field); !merged) return merged;
    }
    return {};
  }

  // No target: the object with the patch's apiVersion, kind, name and namespace.
  Result<void> mergeIntoNamedObject(const ManifestPatch& patch) {
    const std::string id = describeId(patch.patch, releaseNamespace_);
    for (Document& document : live()) {
      if (describeId(document.object, releaseNamespace_) == id) return merge(document, patch.patch, patch.field);
    }
    return Error{patch.field + ": no resource matches strategic merge patch \"" + id + "\""};
  }

  std::vector<Document>& documents_;
  const std::string& releaseNamespace_;
};

Result<std::vector<Document>> parseDocuments(std::vector<chart::Manifest>& manifests) {
  std::vector<Document> documents;
  documents.reserve(manifests.size());
  for (chart::Manifest& manifest : manifests) {
    auto parsed = encoding::parseYamlAny(manifest.content);
    if (!parsed) return Error{manifest.name + ": " + parsed.error().message};
    auto object = jsonFromValue(*parsed);
    if (!object) return Error{manifest.name + ": " + object.error().message};
    Document document{std::move(manifest), std::move(object).value()};
    if (!document.object.is_object()) document.object = nullptr;
    documents.push_back(std::move(document));
  }
  return documents;
}

Error helmError(const Error& cause) { return Error{"error while running post render on files: " + cause.message}; }

Result<void> runPipeline(const PostRenderSpec& spec, std::vector<Document>& documents,
                         const std::string& releaseNamespace) {
  Pipeline pipeline(documents, releaseNamespace);
  for (const KustomizePostRenderer& renderer : spec.postRenderers) {
    for (const ManifestPatch& patch : renderer.patches) {
      if (auto applied = pipeline.apply(patch); !applied) return applied;
    }
    for (const ImageOverride& image : renderer.images) pipeline.overrideImages(image);
  }
  if (spec.commonMetadata) pipeline.setCommonMetadata(*spec.commonMetadata);
  return {};
}

}  // namespace

Result<void> postRenderManifests(const PostRenderSpec& spec, std::vector<chart::Manifest>& manifests,
                                 const std::string& releaseNamespace) {
  auto documents = parseDocuments(manifests);
  if (!documents) return helmError(documents.error());
  manifests.clear();
  Result<void> ran = runPipeline(spec, *documents, releaseNamespace);
  if (!ran) ran = helmError(ran.error());
  for (Document& document : *documents) {
    if (document.deleted) continue;
    if (document.changed) {
      auto yaml = encoding::toYaml(valueFromJson(document.object));
      if (!yaml) return helmError(yaml.error());
      std::string& content = *yaml;
      while (!content.empty() && content.back() == '\n') content.pop_back();
      document.manifest.content = std::move(content);
      document.manifest.kind = stringField(document.object, "kind");
    }
    manifests.push_back(std::move(document.manifest));
  }
  return ran;
}

std::string postRenderedManifestText(const std::vector<chart::Manifest>& manifests, const std::string& digest) {
  const std::string digestLine = std::string(kDigestComment) + digest + "\n";
  if (manifests.empty()) return digestLine;
  std::string text;
  for (const chart::Manifest& manifest : manifests) {
    text += "---\n# Source: " + manifest.name + "\n";
    if (&manifest == &manifests.front()) text += digestLine;
    text += manifest.content + "\n";
  }
  return text;
}

Result<void> postRenderRelease(const PostRenderSpec& spec, chart::RenderedRelease& rendered,
                               const std::string& releaseNamespace) {
  if (spec.empty()) return {};
  if (auto done = postRenderManifests(spec, rendered.manifests, releaseNamespace); !done) return done;
  rendered.manifestText = postRenderedManifestText(rendered.manifests, spec.digest);
  return {};
}

std::string postRenderDigestOf(std::string_view manifest) {
  std::size_t start = manifest.starts_with(kDigestComment) ? 0 : manifest.find("\n" + std::string(kDigestComment));
  if (start == std::string_view::npos) return "";
  if (start != 0) ++start;
  start += kDigestComment.size();
  const std::size_t end = manifest.find('\n', start);
  return std::string(manifest.substr(start, end == std::string_view::npos ? std::string_view::npos : end - start));
}

}  // namespace ho::controller
