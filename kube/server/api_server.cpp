// Wiring of the API server and routing of the non-resource paths
// (/version, health, discovery, OpenAPI).
#include "kube/server/api_server.h"

#include <algorithm>
#include <optional>

#include "kube/server/api_status.h"
#include "kube/server/crd_controller.h"
#include "kube/server/discovery.h"
#include "kube/server/http_server.h"
#include "kube/server/object_store.h"
#include "kube/server/openapi_v2.h"
#include "kube/server/persistence.h"
#include "kube/server/resource_handler.h"
#include "kube/server/resource_registry.h"
#include "kube/client/base64_codec.h"
#include "kube/server/router.h"
#include "kube/server/tls_material.h"
#include "kube/server/watch_hub.h"
#include "kube/server/workload_simulator.h"

namespace ho::kube {
namespace {

using nlohmann::json;

const ApiError kNoSuchPath{404, "NotFound", "the server could not find the requested resource", {}};
const ApiError kUnauthorized{401, "Unauthorized", "Unauthorized", {}};

// Paths anonymous clients may read, as on a real cluster.
bool isPublicPath(const std::string& target) {
  const std::string path = splitTarget(target).path;
  for (const char* prefix : {"/healthz", "/readyz", "/livez", "/version"}) {
    if (path.rfind(prefix, 0) == 0) return true;
  }
  return false;
}

}  // namespace

struct ApiServer::State {
  explicit State(ApiServerOptions o)
      : options(std::move(o)),
        simulator(store),
        resources(registry, store, hub, options.simulateWorkloads ? &simulator : nullptr),
        http([this](const HttpRequest& request, ResponseWriter& writer) { routeGuarded(request, writer); }) {}

  // Malformed objects surface as JSON type errors; they fail the request, not the server.
  void routeGuarded(const HttpRequest& request, ResponseWriter& writer) {
    if (tlsMaterial && request.authorization != "Bearer " + tlsMaterial->token && !isPublicPath(request.target)) {
      sendError(writer, kUnauthorized);
      return;
    }
    try {
      route(request, writer);
    } catch (const std::exception& e) {
      sendError(writer, badRequest(std::string("the request could not be processed: ") + e.what()));
    }
  }

  void route(const HttpRequest& request, ResponseWriter& writer);
  bool routeDiscovery(const std::string& path, const HttpRequest& request, ResponseWriter& writer);
  void restoreCrds();

  ApiServerOptions options;
  ResourceRegistry registry;
  WatchHub hub;
  ObjectStore store;
  WorkloadSimulator simulator;
  ResourceHandler resources;
  std::optional<DataDirectory> dataDirectory;
  std::optional<TlsMaterial> tlsMaterial;
  HttpServer http;
};

bool ApiServer::State::routeDiscovery(const std::string& path, const HttpRequest& request,
                                      ResponseWriter& writer) {
  if (path == "/version") {
    sendJson(writer, 200, versionInfo());
  } else if (path == "/healthz" || path == "/readyz" || path == "/livez" || path.rfind("/healthz/", 0) == 0 ||
             path.rfind("/readyz/", 0) == 0 || path.rfind("/livez/", 0) == 0) {
    writer.send(200, "text/plain; charset=utf-8", "ok");
  } else if ((path == "/api" || path == "/apis") && wantsAggregatedDiscovery(request.accept)) {
    writer.send(200, kAggregatedDiscoveryContentType, aggregatedDiscovery(registry, path == "/api").dump());
  } else if (path == "/api" || path == "/api/") {
    sendJson(writer, 200, apiVersions(options.host + ":" + std::to_string(http.port())));
  } else if (path == "/apis" || path == "/apis/") {
    sendJson(writer, 200, apiGroupList(registry));
  } else if (path == "/openapi/v3" || path == "/openapi/v3/") {
    sendJson(writer, 200, openApiIndex(registry));
  } else if (path.rfind("/openapi/v3/", 0) == 0) {
    const auto document = openApiDocument(registry, path.substr(12));
    document ? sendJson(writer, 200, *document) : sendError(writer, kNoSuchPath);
  } else if (path == "/openapi/v2" && request.accept.find("protobuf") != std::string::npos) {
    writer.send(200, kOpenApiV2ProtobufContentType, openApiV2Protobuf());
  } else if (path.rfind("/openapi/", 0) == 0 || path.rfind("/swagger", 0) == 0) {
    sendError(writer, kNoSuchPath);
  } else {
    return false;
  }
  return true;
}

void ApiServer::State::route(const HttpRequest& request, ResponseWriter& writer) {
  const RequestTarget target = splitTarget(request.target);
  std::string path = target.path;
  if (path.size() > 1 && path.back() == '/') path.pop_back();
  if (request.method == "GET" && routeDiscovery(path, request, writer)) return;
  // Group-version roots: /api/v1, /apis/GROUP/VERSION.
  const size_t depth = static_cast<size_t>(std::count(path.begin(), path.end(), '/'));
  if (request.method == "GET" && ((path.rfind("/api/", 0) == 0 && depth == 2) ||
                                  (path.rfind("/apis/", 0) == 0 && depth == 3))) {
    const bool core = path.rfind("/api/", 0) == 0;
    const size_t versionStart = path.rfind('/') + 1;
    const std::string group = core ? "" : path.substr(6, versionStart - 7);
    const auto resources = apiResourceList(registry, group, path.substr(versionStart));
    resources ? sendJson(writer, 200, *resources) : sendError(writer, kNoSuchPath);
    return;
  }
  const auto apiPath = parseApiPath(path);
  if (!apiPath) {
    sendError(writer, kNoSuchPath);
    return;
  }
  resources.handle(request, *apiPath, target.query, writer);
}

// Serves the kinds of CRDs loaded from --data-dir.
void ApiServer::State::restoreCrds() {
  CrdController crds(registry, store);
  for (const ObjectPtr& crd : store.list("customresourcedefinitions.apiextensions.k8s.io", "").items) {
    crds.reconcile(crd->object());
  }
}

ApiServer::ApiServer(ApiServerOptions options) : state_(std::make_unique<State>(std::move(options))) {}

ApiServer::~ApiServer() { stop(); }

Result<void> ApiServer::start() {
  State& state = *state_;
  if (!state.options.dataDir.empty()) {
    state.dataDirectory.emplace(state.options.dataDir);
    Result<void> loaded = state.dataDirectory->load(state.store);
    if (!loaded.ok()) return loaded.error();
    state.store.addCommitListener([&state](const WatchEvent& event) { state.dataDirectory->record(event); });
    state.restoreCrds();
  }
  state.store.addCommitListener([&state](const WatchEvent& event) { state.hub.publish(event); });
  for (const char* name : {"default", "kube-system", "kube-public", "kube-node-lease"}) {
    const json namespaceObject = {{"apiVersion", "v1"},
                                  {"kind", "Namespace"},
                                  {"metadata", {{"name", name}}},
                                  {"spec", {{"finalizers", {"kubernetes"}}}},
                                  {"status", {{"phase", "Active"}}}};
    (void)state.store.create({"namespaces", "", name}, namespaceObject);
  }
  if (state.options.tls) {
    Result<TlsMaterial> material = loadOrCreateTlsMaterial(state.options.dataDir, state.options.host);
    if (!material.ok()) return material.error();
    state.tlsMaterial = std::move(material).value();
    Result<void> tls = state.http.useTls(state.tlsMaterial->certificatePem, state.tlsMaterial->privateKeyPem);
    if (!tls.ok()) return tls.error();
  }
  return state.http.listen(state.options.host, state.options.port);
}

void ApiServer::stop() {
  state_->hub.shutdown();
  state_->http.stop();
}

uint16_t ApiServer::port() const { return state_->http.port(); }

std::string ApiServer::url() const {
  return (state_->tlsMaterial ? "https://" : "http://") + state_->options.host + ":" + std::to_string(port());
}

std::string ApiServer::kubeconfig() const {
  const std::optional<TlsMaterial>& tls = state_->tlsMaterial;
  const std::string certificateAuthority =
      tls ? "    certificate-authority-data: " + client::base64Encode(tls->caCertificatePem) + "\n" : "";
  const std::string token = tls ? tls->token : "helm-operator-local";
  return "apiVersion: v1\n"
         "kind: Config\n"
         "clusters:\n"
         "- name: helm-operator\n"
         "  cluster:\n"
         "    server: " +
         url() + "\n" + certificateAuthority +
         "contexts:\n"
         "- name: helm-operator\n"
         "  context:\n"
         "    cluster: helm-operator\n"
         "    namespace: default\n"
         "    user: helm-operator\n"
         "current-context: helm-operator\n"
         "preferences: {}\n"
         "users:\n"
         "- name: helm-operator\n"
         "  user:\n"
         "    token: " +
         token + "\n";
}

}  // namespace ho::kube
