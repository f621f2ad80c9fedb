// RestClient: paths, rate limiting, retries and JSON bodies.
#include "kube/client/rest_client.h"

#include <algorithm>
#include <thread>

namespace ho::kube::client {

std::string resourcePath(const ResourceType& type, std::string_view ns, std::string_view name,
                         std::string_view subresource) {
  std::string path = type.group.empty() ? "/api/" + type.version : "/apis/" + type.group + "/" + type.version;
  if (type.namespaced && !ns.empty()) path += "/namespaces/" + std::string(ns);
  path += "/" + type.resource;
  if (!name.empty()) path += "/" + std::string(name);
  if (!subresource.empty()) path += "/" + std::string(subresource);
  return path;
}

std::string queryEscape(std::string_view text) {
  static constexpr char kHex[] = "0123456789ABCDEF";
  std::string out;
  for (unsigned char c : text) {
    if (std::isalnum(c) || c == '-' || c == '_' || c == '.' || c == '~') {
      out.push_back(static_cast<char>(c));
    } else {
      out.push_back('%');
      out.push_back(kHex[c >> 4]);
      out.push_back(kHex[c & 15]);
    }
  }
  return out;
}

std::string patchContentType(PatchType type) {
  switch (type) {
    case PatchType::Merge: return "application/merge-patch+json";
    case PatchType::Strategic: return "application/strategic-merge-patch+json";
    case PatchType::Json: return "application/json-patch+json";
    case PatchType::Apply: return "application/apply-patch+yaml";
  }
  return "application/json";
}

ApiResult<std::shared_ptr<RestClient>> RestClient::create(const RestConfig& config, const ClientOptions& options) {
  auto transport = HttpTransport::create(config);
  if (!transport) return transport.error();
  return std::shared_ptr<RestClient>(new RestClient(config, options, std::move(*transport)));
}

RestClient::RestClient(RestConfig config, ClientOptions options, std::shared_ptr<HttpTransport> transport)
    : config_(std::move(config)),
      options_(options),
      transport_(std::move(transport)),
      tokens_(options.burst),
      lastRefill_(std::chrono::steady_clock::now()) {}

void RestClient::waitForToken() {
  if (options_.qps <= 0) return;
  std::unique_lock lock(limiterMutex_);
  for (;;) {
    const auto now = std::chrono::steady_clock::now();
    const double elapsed = std::chrono::duration<double>(now - lastRefill_).count();
    tokens_ = std::min<double>(options_.burst, tokens_ + elapsed * options_.qps);
    lastRefill_ = now;
    if (tokens_ >= 1) {
      tokens_ -= 1;
      return;
    }
    const auto wait = std::chrono::duration<double>((1 - tokens_) / options_.qps);
    lock.unlock();
    std::this_thread::sleep_for(std::chrono::duration_cast<std::chrono::microseconds>(wait));
    lock.lock();
  }
}

std::chrono::milliseconds RestClient::backoffFor(int attempt, const ApiError& error) const {
  if (error.retryAfterSeconds > 0) {
    return std::min(options_.retry.maxBackoff, std::chrono::milliseconds(error.retryAfterSeconds * 1000));
  }
  auto delay = options_.retry.initialBackoff * (1LL << std::min(attempt, 16));
  return std::min<std::chrono::milliseconds>(options_.retry.maxBackoff, delay);
}

namespace {

bool idempotent(const std::string& method) { return method == "GET" || method == "PUT" || method == "DELETE"; }

bool shouldRetry(const std::string& method, const ApiError& error) {
  if (error.neverSent() || error.isTooManyRequests()) return true;
  if (error.isServerError()) return error.code != 501;
  return error.isTransport() && idempotent(method);
}

}  // namespace

ApiResult<nlohmann::json> RestClient::request(const std::string& method, const std::string& path,
                                              const nlohmann::json* body, const std::string& contentType) {
  HttpCall call;
  call.method = method;
  call.target = path;
  if (body) {
    call.contentType = contentType;
    call.body = body->dump();
  }
  return send(call);
}

ApiResult<nlohmann::json> RestClient::listMetadata(const std::string& path) {
  HttpCall call;
  call.target = path;
  call.accept = "application/json;as=PartialObjectMetadataList;g=meta.k8s.io;v=v1";
  return send(call);
}

ApiResult<nlohmann::json> RestClient::send(const HttpCall& call) {
  const std::string& method = call.method;
  const std::string& path = call.target;
  ApiError lastError;
  for (int attempt = 0; attempt < std::max(1, options_.retry.maxAttempts); ++attempt) {
    if (attempt > 0) std::this_thread::sleep_for(backoffFor(attempt - 1, lastError));
    waitForToken();
    auto reply = transport_->send(call, options_.requestTimeout);
    if (reply && reply->status >= 200 && reply->status < 300) {
      if (reply->body.empty()) return nlohmann::json::object();
      auto parsed = nlohmann::json::parse(reply->body, nullptr, false);
      if (parsed.is_discarded()) return transportError(method + " " + path + ": the server sent invalid JSON");
      return parsed;
    }
    lastError = reply ? errorFromResponse(reply->status, reply->body, reply->retryAfter) : reply.error();
    if (!shouldRetry(method, lastError)) break;
  }
  return lastError;
}

ApiResult<nlohmann::json> RestClient::create(const std::string& collectionPath, const nlohmann::json& object) {
  return request("POST", collectionPath, &object);
}

ApiResult<nlohmann::json> RestClient::update(const std::string& path, const nlohmann::json& object) {
  return request("PUT", path, &object);
}

ApiResult<nlohmann::json> RestClient::patch(const std::string& path, PatchType type, const nlohmann::json& patchBody) {
  return request("PATCH", path, &patchBody, patchContentType(type));
}

ApiResult<nlohmann::json> RestClient::remove(const std::string& path) {
  const nlohmann::json options = {{"propagationPolicy", "Background"}};
  return request("DELETE", path, &options);
}

ApiResult<nlohmann::json> retryOnConflict(const std::function<ApiResult<nlohmann::json>()>& attempt, int maxAttempts) {
  for (int tries = 1;; ++tries) {
    auto result = attempt();
    if (result || !result.error().isConflict() || tries >= maxAttempts) return result;
    std::this_thread::sleep_for(std::chrono::milliseconds(10 * tries));
  }
}

}  // namespace ho::kube::client
