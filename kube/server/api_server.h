// The bundled Kubernetes-API-compatible server: discovery, OpenAPI, the
// resource REST API and watches over HTTP (or HTTPS with --tls) on a local address, with
// optional persistence (--data-dir) and simulated workload controllers.
// Real kubectl and helm talk to it unchanged.
#pragma once

#include <cstdint>
#include <memory>
#include <string>

#include "core/error.h"

namespace ho::kube {

struct ApiServerOptions {
  std::string host = "127.0.0.1";
  uint16_t port = 6443;  // 0 picks a free port
  std::string dataDir;   // "" keeps everything in memory
  bool simulateWorkloads = false;
  // HTTPS with a self-signed CA (kept in dataDir) and bearer-token
  // authentication; the kubeconfig carries the CA and the token.
  bool tls = false;
};

class ApiServer {
 public:
  explicit ApiServer(ApiServerOptions options);
  ~ApiServer();
  ApiServer(const ApiServer&) = delete;
  ApiServer& operator=(const ApiServer&) = delete;

  // Loads --data-dir, creates the default namespaces and starts serving.
  Result<void> start();
  // Ends every watch and connection.
  void stop();
  uint16_t port() const;
  std::string url() const;  // http(s)://HOST:PORT
  // A kubeconfig for kubectl and helm (context "helm-operator", namespace default).
  std::string kubeconfig() const;

 private:
  struct State;
  std::unique_ptr<State> state_;
};

}  // namespace ho::kube
