// What the apiextensions server does for a CustomResourceDefinition: check
// its names, serve its kinds the moment it is stored (discovery, OpenAPI,
// REST), mark it NamesAccepted and Established, and on deletion stop serving
// it and delete its custom resources.
#pragma once

#include <nlohmann/json.hpp>
#include <vector>

#include "kube/server/api_status.h"
#include "kube/server/object_store.h"
#include "kube/server/resource_registry.h"

namespace ho::kube {

// The kinds a CRD defines, one per served version; 422 when its names are invalid.
ApiResult<std::vector<ResourceType>> resourceTypesFromCrd(const nlohmann::json& crd);

class CrdController {
 public:
  CrdController(ResourceRegistry& registry, ObjectStore& store) : registry_(registry), store_(store) {}

  // Serves the CRD's kinds and writes its accepted names and conditions.
  void reconcile(const nlohmann::json& crd);
  // The CRD is gone: stop serving it and delete its objects.
  void removed(const nlohmann::json& crd);

 private:
  ResourceRegistry& registry_;
  ObjectStore& store_;
};

}  // namespace ho::kube
