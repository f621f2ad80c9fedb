// The metadata-only forms of GET and LIST (Accept: application/json;as=
// PartialObjectMetadata[List];g=meta.k8s.io;v=v1), which controllers use to
// learn names, labels and resourceVersions without transferring the objects.
#pragma once

#include <nlohmann/json.hpp>
#include <string_view>

#include "kube/server/list_paging.h"

namespace ho::kube {

bool wantsPartialMetadata(std::string_view accept);

// A PartialObjectMetadata holding `object`'s metadata.
nlohmann::json partialMetadata(const nlohmann::json& object);
// A PartialObjectMetadataList of the page's items, with its resourceVersion and continue token.
nlohmann::json partialMetadataList(const ListPage& page);

}  // namespace ho::kube
