// JSON merge patch creation (evanphx/json-patch's getDiff).
#include "kube/patch/merge_patch.h"

namespace ho::kube::patch {

using nlohmann::json;

json createMergePatch(const json& original, const json& modified) {
  json patch = json::object();
  if (!modified.is_object()) return patch;
  for (const auto& [key, wanted] : modified.items()) {
    const auto before = original.is_object() ? original.find(key) : original.end();
    if (!original.is_object() || before == original.end()) {
      patch[key] = wanted;
    } else if (wanted.is_object() && before->is_object()) {
      json nested = createMergePatch(*before, wanted);
      if (!nested.empty()) patch[key] = std::move(nested);
    } else if (*before != wanted) {  // nlohmann compares numbers by value, as Go's float64s do
      patch[key] = wanted;
    }
  }
  if (original.is_object()) {
    for (const auto& [key, value] : original.items()) {
      if (!modified.contains(key)) patch[key] = nullptr;
    }
  }
  return patch;
}

}  // namespace ho::kube::patch
