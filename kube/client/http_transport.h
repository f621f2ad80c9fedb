// One HTTP/1.1 exchange with the API server over TCP or TLS (Boost.Beast +
// OpenSSL, the same stack the bundled server uses, header-only, no extra
// library): whole responses for ordinary calls and a streamed body for
// watches. Every operation has a deadline; a stream can be cancelled from
// another thread. Authentication headers come from the RestConfig.
#pragma once

#include <chrono>
#include <functional>
#include <memory>
#include <mutex>
#include <string>
#include <string_view>

#include "kube/client/api_error.h"
#include "kube/client/kubeconfig.h"

namespace ho::kube::client {

struct HttpCall {
  std::string method = "GET";
  std::string target;  // path and query
  std::string contentType;
  std::string body;
  std::string accept = "application/json";
};

struct HttpReply {
  int status = 0;
  std::string contentType;
  std::string retryAfter;
  std::string body;  // empty for a 2xx stream (the body went to the callback)
};

// Lets another thread end a running stream: cancel() closes its connection.
class StreamCancel {
 public:
  void cancel();
  bool cancelled() const;
  // Used by the transport while a stream runs.
  void attach(std::function<void()> closeConnection);
  void detach();

 private:
  mutable std::mutex mutex_;
  bool cancelled_ = false;
  std::function<void()> close_;
};

class HttpTransport {
 public:
  // Errors for an unusable server URL or TLS material.
  static ApiResult<std::shared_ptr<HttpTransport>> create(const RestConfig& config);
  ~HttpTransport();
  HttpTransport(const HttpTransport&) = delete;
  HttpTransport& operator=(const HttpTransport&) = delete;

  // Sends `call` and reads the whole response within `timeout`. Any HTTP
  // status is a reply; only transport failures are errors.
  ApiResult<HttpReply> send(const HttpCall& call, std::chrono::milliseconds timeout);
  // Sends `call`; on a 2xx answer hands each piece of the body to `onData`
  // until the server ends it, `onData` returns false, `cancel` fires, or no
  // data arrives for `idleTimeout` (an error). A non-2xx answer is returned whole.
  ApiResult<HttpReply> stream(const HttpCall& call, std::chrono::milliseconds idleTimeout,
                              const std::function<bool(std::string_view)>& onData, StreamCancel* cancel = nullptr);

 private:
  struct State;
  explicit HttpTransport(std::unique_ptr<State> state);
  std::unique_ptr<State> state_;
};

}  // namespace ho::kube::client
