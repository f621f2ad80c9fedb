// End-to-end test support: an in-process API server on a free loopback port
// with simulated workloads, a private HOME and KUBECONFIG (so discovery
// caches never leak between tests), and a runner for real client binaries
// with a hard timeout.
#pragma once

#include <filesystem>
#include <memory>
#include <string>

#include "kube/server/api_server.h"

namespace ho::kube::testing {

struct CommandResult {
  int exitCode = -1;
  std::string output;  // stdout and stderr together
};

// The first existing kubectl of the given minor version, or "".
std::string findKubectl(const std::string& minorVersion = "1.32");
// The reference helm binary (.reference/helm or helm4), or "" when absent.
std::string findReferenceBinary(const std::string& name);

class LiveCluster {
 public:
  LiveCluster();
  ~LiveCluster();

  // Runs a shell command line with HOME and KUBECONFIG pointing at this
  // cluster, killed after `timeoutSeconds`.
  CommandResult run(const std::string& commandLine, int timeoutSeconds = 90) const;
  // Writes a file into the private directory and returns its path.
  std::string writeFile(const std::string& name, const std::string& content) const;

 private:
  std::filesystem::path directory_;
  std::unique_ptr<ApiServer> server_;
};

}  // namespace ho::kube::testing
