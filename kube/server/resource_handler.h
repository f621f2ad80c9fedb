// The REST verbs on resources: get, list, watch, create, update (PUT), patch,
// delete and deletecollection, on the main endpoint and the status and scale
// subresources. Requests are decoded (JSON or Kubernetes protobuf), checked,
// defaulted and written to the store; controllers (CRDs, simulated
// workloads, garbage collection) run after each write.
#pragma once

#include <nlohmann/json.hpp>
#include <optional>
#include <string>

#include "kube/server/api_status.h"
#include "kube/server/crd_controller.h"
#include "kube/server/defaults.h"
#include "kube/server/http_server.h"
#include "kube/server/list_paging.h"
#include "kube/server/object_store.h"
#include "kube/server/resource_registry.h"
#include "kube/server/router.h"
#include "kube/server/watch_hub.h"
#include "kube/server/watch_table_cache.h"
#include "kube/server/workload_simulator.h"

namespace ho::kube {

struct ResourceRequest {
  const HttpRequest& http;
  const ApiPath& path;
  const QueryParams& query;
  const ResourceType& type;
};

class ResourceHandler {
 public:
  // `simulator` may be null (no simulated workloads).
  ResourceHandler(ResourceRegistry& registry, ObjectStore& store, WatchHub& hub, WorkloadSimulator* simulator);

  void handle(const HttpRequest& http, const ApiPath& path, const QueryParams& query, ResponseWriter& writer);

 private:
  // Reads answer from the stored versions' cached bodies (object_encoding.h).
  void get(const ResourceRequest& request, ResponseWriter& writer);
  void list(const ResourceRequest& request, ResponseWriter& writer);
  ApiResult<nlohmann::json> create(const ResourceRequest& request);
  ApiResult<nlohmann::json> replace(const ResourceRequest& request);
  ApiResult<nlohmann::json> patch(const ResourceRequest& request, bool& created);
  ApiResult<nlohmann::json> remove(const ResourceRequest& request);
  ApiResult<nlohmann::json> removeCollection(const ResourceRequest& request);
  // Streams watch events until the timeout, the client leaving or shutdown.
  void watch(const ResourceRequest& request, ResponseWriter& writer);

  // Runs the controllers for a written object.
  void afterWrite(const ResourceType& type, const StoredObject& stored);
  // Cascades a completed deletion: CRD objects, namespace contents, dependents.
  void afterDelete(const ResourceType& type, const nlohmann::json& object, const std::string& propagationPolicy);
  // The request's label and field selectors (and its name, on a watch of one
  // object); empty when it has none.
  ApiResult<ObjectFilter> selectorFilter(const ResourceRequest& request) const;
  std::optional<ApiError> requireNamespace(const std::string& namespaceName) const;
  nlohmann::json present(const ResourceType& type, nlohmann::json object) const;

  ResourceRegistry& registry_;
  ObjectStore& store_;
  WatchHub& hub_;
  CrdController crds_;
  Defaulter defaulter_;
  WorkloadSimulator* simulator_;
  WatchTableCache tableBodies_;
};

// Answers with a JSON body (Status bodies for errors).
void sendJson(ResponseWriter& writer, int status, const nlohmann::json& body);
void sendError(ResponseWriter& writer, const ApiError& error);
// Answers with an API object: protobuf when the client prefers it and the
// kind has a protobuf form, JSON otherwise.
void sendObject(ResponseWriter& writer, int status, const nlohmann::json& object, std::string_view accept);

}  // namespace ho::kube
