// The REST client for the Kubernetes API: JSON requests on resource paths,
// client-side rate limiting (token bucket), retries with exponential backoff
// on throttling (429, honouring Retry-After), server errors and broken
// connections, typed ApiErrors from the server's Status, and watches.
#pragma once

#include <chrono>
#include <functional>
#include <memory>
#include <nlohmann/json.hpp>
#include <string>
#include <string_view>
#include <vector>

#include "kube/client/api_error.h"
#include "kube/client/http_transport.h"
#include "kube/client/kubeconfig.h"

namespace ho::kube::client {

// Where a kind lives: discovery fills it in (see RestMapper).
struct ResourceType {
  std::string group;  // "" for the core group
  std::string version;
  std::string resource;  // plural, e.g. "deployments"
  std::string kind;
  bool namespaced = true;

  std::string apiVersion() const { return group.empty() ? version : group + "/" + version; }
};

// "/api/v1/namespaces/NS/secrets/NAME/status"; `ns` is ignored for cluster-scoped types.
std::string resourcePath(const ResourceType& type, std::string_view ns = {}, std::string_view name = {},
                         std::string_view subresource = {});
// Percent-encodes a query parameter value.
std::string queryEscape(std::string_view text);

enum class PatchType { Merge, Strategic, Json, Apply };
std::string patchContentType(PatchType type);

struct RetryPolicy {
  int maxAttempts = 5;
  std::chrono::milliseconds initialBackoff{200};
  std::chrono::milliseconds maxBackoff{5000};
};

struct ClientOptions {
  double qps = 50;  // client-side rate limit (0 = unlimited); Flux v2's controllers default to 50
  int burst = 300;  // and allow bursts of 300
  RetryPolicy retry;
  std::chrono::milliseconds requestTimeout{30000};
};

struct WatchEvent {
  std::string type;  // ADDED, MODIFIED, DELETED, BOOKMARK
  nlohmann::json object;
};

struct WatchRequest {
  std::string path;             // the collection, e.g. resourcePath(type, ns)
  std::string resourceVersion;  // events after this one ("" or "0": ADDED for current objects first)
  std::string labelSelector;
  std::string fieldSelector;
  int timeoutSeconds = 300;     // the server ends the watch then
};

class RestClient {
 public:
  static ApiResult<std::shared_ptr<RestClient>> create(const RestConfig& config, const ClientOptions& options = {});

  const RestConfig& config() const { return config_; }

  // A JSON request with rate limiting and retries. `path` includes any query.
  ApiResult<nlohmann::json> request(const std::string& method, const std::string& path,
                                    const nlohmann::json* body = nullptr,
                                    const std::string& contentType = "application/json");
  ApiResult<nlohmann::json> get(const std::string& path) { return request("GET", path); }
  // A LIST answered as a PartialObjectMetadataList: the items' metadata only
  // (names, labels, resourceVersions), not their contents. `path` includes any query.
  ApiResult<nlohmann::json> listMetadata(const std::string& path);
  ApiResult<nlohmann::json> create(const std::string& collectionPath, const nlohmann::json& object);
  ApiResult<nlohmann::json> update(const std::string& path, const nlohmann::json& object);
  ApiResult<nlohmann::json> patch(const std::string& path, PatchType type, const nlohmann::json& patchBody);
  // DELETE with propagationPolicy Background, as helm sends it.
  ApiResult<nlohmann::json> remove(const std::string& path);

  // Streams watch events to `onEvent` until the server ends the watch (its
  // timeout), `onEvent` returns false, or `cancel` fires; returns the last
  // resourceVersion seen. An ERROR event becomes its Status as an ApiError
  // (410 Expired means: list again).
  ApiResult<std::string> watch(const WatchRequest& watch, const std::function<bool(const WatchEvent&)>& onEvent,
                               StreamCancel* cancel = nullptr);

 private:
  RestClient(RestConfig config, ClientOptions options, std::shared_ptr<HttpTransport> transport);
  ApiResult<nlohmann::json> send(const HttpCall& call);
  void waitForToken();
  std::chrono::milliseconds backoffFor(int attempt, const ApiError& error) const;

  RestConfig config_;
  ClientOptions options_;
  std::shared_ptr<HttpTransport> transport_;
  std::mutex limiterMutex_;
  double tokens_;
  std::chrono::steady_clock::time_point lastRefill_;
};

// client-go's retry.RetryOnConflict: runs `attempt` (which should GET, change
// and write) until it succeeds, fails with something other than a 409
// Conflict, or `maxAttempts` is reached.
ApiResult<nlohmann::json> retryOnConflict(const std::function<ApiResult<nlohmann::json>()>& attempt,
                                          int maxAttempts = 5);

}  // namespace ho::kube::client
