// PartialObjectMetadata and PartialObjectMetadataList responses.
#include "kube/server/partial_metadata.h"

#include <string>

namespace ho::kube {

using nlohmann::json;

bool wantsPartialMetadata(std::string_view accept) {
  return accept.find("as=PartialObjectMetadata") != std::string_view::npos;
}

json partialMetadata(const json& object) {
  const auto metadata = object.find("metadata");
  return {{"kind", "PartialObjectMetadata"},
          {"apiVersion", "meta.k8s.io/v1"},
          {"metadata", metadata != object.end() ? *metadata : json::object()}};
}

json partialMetadataList(const ListPage& page) {
  json metadata = {{"resourceVersion", std::to_string(page.resourceVersion)}};
  describePage(page, metadata);
  json items = json::array();
  for (const ObjectPtr& item : page.items) items.push_back(partialMetadata(item->object()));
  return {{"kind", "PartialObjectMetadataList"},
          {"apiVersion", "meta.k8s.io/v1"},
          {"metadata", std::move(metadata)},
          {"items", std::move(items)}};
}

}  // namespace ho::kube
