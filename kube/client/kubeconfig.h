// Where and how to reach a cluster (client-go's rest.Config): loaded from
// kubeconfig files the way kubectl merges them (KUBECONFIG lists several
// files; the first file to set a cluster, user, context or current-context
// wins; relative file paths are relative to the file that names them), or
// from the in-cluster service account.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "core/error.h"

namespace ho::kube::client {

struct RestConfig {
  std::string server;              // "https://host:port" or "http://host:port"
  std::string caPem;               // trusted CA bundle ("" = the system's roots)
  bool insecureSkipTlsVerify = false;
  std::string tlsServerName;       // SNI and certificate name override
  std::string clientCertPem;       // client certificate authentication
  std::string clientKeyPem;
  std::string bearerToken;         // static token
  std::string tokenFile;           // re-read on every request when set (rotated tokens)
  std::string username;            // basic authentication
  std::string password;
  std::string namespace_ = "default";  // the context's namespace
};

struct KubeconfigSelection {
  std::vector<std::string> paths;  // merged in order; missing files are skipped, as kubectl does
  std::string context;             // "" = current-context
};

// The files named by $KUBECONFIG (split on ':', empties dropped).
std::vector<std::string> kubeconfigPathsFromEnvironment();
// Merges `selection.paths` and resolves the chosen context into a RestConfig.
Result<RestConfig> loadKubeconfig(const KubeconfigSelection& selection);
// One kubeconfig document given as text (relative paths resolve against `baseDir`).
Result<RestConfig> kubeconfigFromText(std::string_view yaml, std::string_view context = {},
                                      const std::string& baseDir = ".");

// The pod's service account: $KUBERNETES_SERVICE_HOST/_PORT and the token,
// ca.crt and namespace under `accountDir`.
Result<RestConfig> inClusterConfig(const std::string& accountDir = "/var/run/secrets/kubernetes.io/serviceaccount");

// client-go's default chain: an explicit --kubeconfig, else $KUBECONFIG, else
// the in-cluster account, else ~/.kube/config. Error when none applies.
Result<RestConfig> defaultRestConfig(const std::string& explicitPath = {}, const std::string& context = {});

}  // namespace ho::kube::client
