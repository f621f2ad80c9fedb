// JSON merge patches (RFC 7386, application/merge-patch+json) between two
// documents, as evanphx/json-patch's CreateMergePatch computes them for
// helm's updates of custom resources: changed and added fields are set
// (lists whole), dropped fields become null.
#pragma once

#include <nlohmann/json.hpp>

namespace ho::kube::patch {

// An empty object when the documents are equal (numbers compare by value).
nlohmann::json createMergePatch(const nlohmann::json& original, const nlohmann::json& modified);

}  // namespace ho::kube::patch
