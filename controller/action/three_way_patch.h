// The patch an upgrade sends for one object, chosen and computed as helm
// 3's kube client does (createPatch): for kinds compiled into Kubernetes a
// three-way strategic merge patch between the previous release's object
// (`original`), the new one (`target`) and the live object, so fields the
// cluster or a user set out of band survive unless the chart changed them;
// for custom resources (and apiextensions/v1beta1 CRDs) a two-way JSON merge
// patch between `original` and `target` alone.
#pragma once

#include <nlohmann/json.hpp>

#include "core/error.h"
#include "kube/client/rest_client.h"

namespace ho::controller {

struct ObjectPatch {
  kube::client::PatchType type = kube::client::PatchType::Strategic;
  nlohmann::json body = nlohmann::json::object();  // empty: nothing to change
};

Result<ObjectPatch> createObjectPatch(const nlohmann::json& original, const nlohmann::json& target,
                                      const nlohmann::json& live);

}  // namespace ho::controller
