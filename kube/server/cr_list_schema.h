// The list semantics of a CRD version's schema as the patch-strategy tree
// server-side apply merges by: a list with x-kubernetes-list-type map
// merges item by item on its x-kubernetes-list-map-keys (one or several; its
// fields are owned per item, k:{"name":...,"protocol":...}), where lists of
// custom resources are otherwise atomic.
#pragma once

#include <deque>
#include <nlohmann/json.hpp>

#include "kube/patch/patch_schema.h"

namespace ho::kube {

class CustomResourceListSchema {
 public:
  explicit CustomResourceListSchema(const nlohmann::json& openApiSchema) : root_(build(openApiSchema)) {}
  CustomResourceListSchema(const CustomResourceListSchema&) = delete;
  CustomResourceListSchema& operator=(const CustomResourceListSchema&) = delete;

  // nullptr when the schema has no keyed list.
  const patch::SchemaNode* root() const { return root_; }

 private:
  // The node for an object schema, nullptr when nothing below it is keyed.
  const patch::SchemaNode* build(const nlohmann::json& schema);

  std::deque<patch::SchemaNode> nodes_;
  const patch::SchemaNode* root_;
};

}  // namespace ho::kube
