// Applying PATCH bodies.
#include "kube/server/patch.h"

#include "kube/patch/patch_schema.h"
#include "kube/patch/strategic_merge_patch.h"
#include "kube/server/bounded_json.h"

namespace ho::kube {

namespace {

// Strategic merge needs the Go types' patch tags: custom resources have
// none, so the API server refuses it for them as Kubernetes does.
ApiResult<nlohmann::json> strategicMerge(const nlohmann::json& current, const nlohmann::json& patch) {
  const std::string apiVersion = current.value("apiVersion", "");
  const patch::SchemaNode* schema = patch::builtInSchema(apiVersion, current.value("kind", ""));
  if (!schema) {
    return ApiError{415, "UnsupportedMediaType",
                    "the body of the request was in an unknown format - accepted media types include: "
                    "application/json-patch+json, application/merge-patch+json, application/apply-patch+yaml",
                    {}};
  }
  auto merged = patch::applyStrategicMergePatch(current, patch, schema);
  if (!merged) return ApiError{422, "Invalid", merged.error().message, {}};
  return std::move(merged).value();
}

}  // namespace

std::optional<PatchType> patchTypeFor(std::string_view contentType) {
  const std::string_view mediaType = contentType.substr(0, contentType.find(';'));
  if (mediaType == "application/json-patch+json") return PatchType::JsonPatch;
  if (mediaType == "application/merge-patch+json") return PatchType::MergePatch;
  if (mediaType == "application/strategic-merge-patch+json") return PatchType::StrategicMerge;
  if (mediaType == "application/apply-patch+yaml") return PatchType::Apply;
  return std::nullopt;
}

ApiResult<nlohmann::json> applyPatch(const nlohmann::json& current, PatchType type, std::string_view body) {
  const nlohmann::json patch = parseBoundedJson(body);
  if (patch.is_discarded()) {
    if (type == PatchType::Apply) return unsupportedMediaType("application/apply-patch+yaml (only JSON-formatted YAML is read)");
    return badRequest("the patch body is not valid JSON");
  }
  const nlohmann::json base = current.is_null() ? nlohmann::json::object() : current;
  try {
    switch (type) {
      case PatchType::JsonPatch:
        return base.patch(patch);
      case PatchType::MergePatch:
      case PatchType::Apply: {
        if (!patch.is_object()) return badRequest("the patch body is not a JSON object");
        nlohmann::json merged = base;
        merged.merge_patch(patch);
        return merged;
      }
      case PatchType::StrategicMerge:
        if (!patch.is_object()) return badRequest("the patch body is not a JSON object");
        return strategicMerge(base, patch);
    }
  } catch (const nlohmann::json::exception& e) {
    return ApiError{422, "Invalid", std::string("the JSON patch could not be applied: ") + e.what(), {}};
  }
  return badRequest("unknown patch type");
}

}  // namespace ho::kube
