// Controller test support: a real OCI registry (Debian's docker-registry, the
// CNCF distribution server) on 127.0.0.1 and a free port, with its storage in
// a test folder, optionally behind htpasswd basic auth or serving TLS; and
// pushing tiny charts into it with the reference helm (`helm package`,
// `helm registry login`, `helm push --plain-http`).
#pragma once

#include <sys/types.h>

#include <map>
#include <string>

#include "../kube/e2e_support.h"

namespace ho::controller::testing {

inline constexpr const char* kDockerRegistryBinary = "/usr/bin/docker-registry";

struct OciRegistryOptions {
  std::string storageDir;  // shared by registries that should serve the same content
  std::string username;    // htpasswd basic auth when set
  std::string password;
  std::string certFile;  // TLS when set (with keyFile)
  std::string keyFile;
};

class TestOciRegistry {
 public:
  // Writes the configuration under `directory` and starts the registry; ready() says whether it answers.
  TestOciRegistry(const std::string& directory, const OciRegistryOptions& options);
  ~TestOciRegistry();
  TestOciRegistry(const TestOciRegistry&) = delete;
  TestOciRegistry& operator=(const TestOciRegistry&) = delete;

  bool ready() const { return ready_; }
  // "127.0.0.1:PORT".
  std::string host() const;
  // What the registry printed (for failure messages).
  std::string log() const;

  // Packages chart `name` at `version` (Chart.yaml written; `files` maps paths
  // in the chart to content) with `helm` and pushes it to oci://HOST/charts,
  // logging in first when the registry has credentials. Returns "" or the
  // failing command's output. Commands run with `cluster`'s private HOME.
  std::string push(const kube::testing::LiveCluster& cluster, const std::string& helm, const std::string& name,
                   const std::string& version, const std::map<std::string, std::string>& files) const;

 private:
  std::string directory_;
  OciRegistryOptions options_;
  int port_ = 0;
  pid_t pid_ = -1;
  bool ready_ = false;
};

}  // namespace ho::controller::testing
