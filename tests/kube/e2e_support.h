// End-to-end test support: an in-process API server on a free loopback port
// with simulated workloads, a private HOME and KUBECONFIG (so discovery
// caches never leak between tests), and a runner for real client binaries
// with a hard timeout.
#pragma once

#include <gtest/gtest.h>

#include <filesystem>
#include <memory>
#include <string>

#include "core/error.h"
#include "kube/client/rest_client.h"
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
  // With `tls` the server speaks HTTPS and the kubeconfig carries its CA and token.
  explicit LiveCluster(bool tls = false);
  ~LiveCluster();

  // Runs a shell command line with HOME and KUBECONFIG pointing at this
  // cluster, killed after `timeoutSeconds`.
  CommandResult run(const std::string& commandLine, int timeoutSeconds = 90) const;
  // Writes a file into the private directory and returns its path.
  std::string writeFile(const std::string& name, const std::string& content) const;
  // A client for this cluster, configured from the kubeconfig it wrote.
  Result<std::shared_ptr<client::RestClient>> connect() const;

 private:
  std::filesystem::path directory_;
  std::unique_ptr<ApiServer> server_;
};

// A test fixture with a fresh cluster and kubectl 1.32 (skips without it).
class KubectlTest : public ::testing::Test {
 protected:
  void SetUp() override;
  CommandResult kubectl(const std::string& arguments) const;
  // Runs kubectl, expects success, returns the output.
  std::string ok(const std::string& arguments) const;

  std::string kubectl_;
  std::unique_ptr<LiveCluster> cluster_;
};

}  // namespace ho::kube::testing
