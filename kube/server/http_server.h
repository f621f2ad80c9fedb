// A small HTTP/1.1 server (Boost.Beast, one thread per connection): keep-alive,
// request bodies up to kube-apiserver's 3 MiB (a larger one is answered 413),
// chunked streaming responses for watches, at most 1024 connections at once
// (more are answered 503 with Retry-After, so watches cannot exhaust threads),
// and optionally TLS.
// It knows nothing of Kubernetes; a handler answers each request.
#pragma once

#include <cstdint>
#include <functional>
#include <memory>
#include <string>
#include <string_view>

#include "core/error.h"

namespace ho::kube {

struct HttpRequest {
  std::string method;
  std::string target;  // path and query, as sent
  std::string contentType;
  std::string accept;
  std::string body;
  std::string userAgent;
  std::string authorization;
};

// How a handler answers: one whole response, or a chunked stream.
class ResponseWriter {
 public:
  virtual ~ResponseWriter() = default;
  virtual void send(int status, std::string_view contentType, std::string_view body) = 0;
  // Each writeChunk is sent and flushed at once; false once the client is gone.
  virtual bool beginStream(int status, std::string_view contentType) = 0;
  virtual bool writeChunk(std::string_view data) = 0;
  virtual void endStream() = 0;
};

using HttpHandler = std::function<void(const HttpRequest&, ResponseWriter&)>;

struct HttpServerLimits {
  std::uint64_t maxBodyBytes = 3u * 1024 * 1024;  // kube-apiserver's MaxRequestBodyBytes
  std::size_t maxConnections = 1024;               // open at once, watches included
};

class HttpServer {
 public:
  explicit HttpServer(HttpHandler handler, HttpServerLimits limits = {});
  ~HttpServer();
  HttpServer(const HttpServer&) = delete;
  HttpServer& operator=(const HttpServer&) = delete;

  // Serves HTTPS with this certificate chain and key (PEM); call before listen.
  Result<void> useTls(const std::string& certificatePem, const std::string& privateKeyPem);
  // Binds and starts accepting; port 0 picks a free port.
  Result<void> listen(const std::string& host, uint16_t port);
  uint16_t port() const;
  // Stops accepting, closes every connection and joins their threads.
  void stop();

 private:
  struct State;
  std::unique_ptr<State> state_;
};

}  // namespace ho::kube
