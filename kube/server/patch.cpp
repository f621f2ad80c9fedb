// Applying PATCH bodies.
#include "kube/server/patch.h"

#include "core/error.h"
#include "kube/server/strategic_merge.h"

namespace ho::kube {

std::optional<PatchType> patchTypeFor(std::string_view contentType) {
  const std::string_view mediaType = contentType.substr(0, contentType.find(';'));
  if (mediaType == "application/json-patch+json") return PatchType::JsonPatch;
  if (mediaType == "application/merge-patch+json") return PatchType::MergePatch;
  if (mediaType == "application/strategic-merge-patch+json") return PatchType::StrategicMerge;
  if (mediaType == "application/apply-patch+yaml") return PatchType::Apply;
  return std::nullopt;
}

ApiResult<nlohmann::json> applyPatch(const nlohmann::json& current, PatchType type, std::string_view body) {
  const nlohmann::json patch = nlohmann::json::parse(body, nullptr, false);
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
        return strategicMerge(base, patch);
    }
  } catch (const nlohmann::json::exception& e) {
    return ApiError{422, "Invalid", std::string("the JSON patch could not be applied: ") + e.what(), {}};
  } catch (const Failure& e) {
    return ApiError{422, "Invalid", e.what(), {}};
  }
  return badRequest("unknown patch type");
}

}  // namespace ho::kube
