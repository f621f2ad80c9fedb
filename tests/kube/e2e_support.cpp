// End-to-end test support.
#include "e2e_support.h"

#include "kube/client/kubeconfig.h"

#include <sys/wait.h>
#include <unistd.h>

#include <array>
#include <cstdio>
#include <fstream>
#include <stdexcept>

namespace ho::kube::testing {

namespace fs = std::filesystem;

std::string findKubectl(const std::string& minorVersion) {
  for (const std::string& candidate : {"/usr/local/bin/kubectl." + minorVersion,
                                      "/usr/lib/google-cloud-sdk/bin/kubectl." + minorVersion}) {
    if (access(candidate.c_str(), X_OK) == 0) return candidate;
  }
  return "";
}

std::string findReferenceBinary(const std::string& name) {
  const std::string candidate = std::string(HO_SOURCE_DIR) + "/.reference/" + name;
  return access(candidate.c_str(), X_OK) == 0 ? candidate : "";
}

LiveCluster::LiveCluster(bool tls) {
  std::string pattern = (fs::temp_directory_path() / "ho-kube-e2e-XXXXXX").string();
  if (!mkdtemp(pattern.data())) throw std::runtime_error("mkdtemp failed");
  directory_ = pattern;
  ApiServerOptions options;
  options.port = 0;
  options.simulateWorkloads = true;
  options.tls = tls;
  server_ = std::make_unique<ApiServer>(options);
  if (Result<void> started = server_->start(); !started.ok()) throw std::runtime_error(started.error().message);
  writeFile("kubeconfig", server_->kubeconfig());
}

LiveCluster::~LiveCluster() {
  server_->stop();
  std::error_code ignored;
  fs::remove_all(directory_, ignored);
}

std::string LiveCluster::writeFile(const std::string& name, const std::string& content) const {
  const fs::path path = directory_ / name;
  std::ofstream(path, std::ios::trunc) << content;
  return path.string();
}

Result<std::shared_ptr<client::RestClient>> LiveCluster::connect() const {
  auto config = client::kubeconfigFromText(run("cat kubeconfig").output);
  if (!config) return config.error();
  auto created = client::RestClient::create(*config);
  if (!created) return Error{created.error().message};
  return *created;
}

CommandResult LiveCluster::run(const std::string& commandLine, int timeoutSeconds) const {
  const std::string full = "cd '" + directory_.string() + "' && env HOME='" + directory_.string() +
                           "' KUBECONFIG='" + (directory_ / "kubeconfig").string() + "' timeout -k 5 " +
                           std::to_string(timeoutSeconds) + " " + commandLine + " 2>&1";
  CommandResult result;
  FILE* pipe = popen(full.c_str(), "r");
  if (!pipe) return result;
  std::array<char, 4096> buffer{};
  size_t count = 0;
  while ((count = fread(buffer.data(), 1, buffer.size(), pipe)) > 0) result.output.append(buffer.data(), count);
  const int status = pclose(pipe);
  result.exitCode = WIFEXITED(status) ? WEXITSTATUS(status) : -1;
  return result;
}

void KubectlTest::SetUp() {
  kubectl_ = findKubectl("1.32");
  if (kubectl_.empty()) GTEST_SKIP() << "kubectl 1.32 binary not found";
  cluster_ = std::make_unique<LiveCluster>();
}

CommandResult KubectlTest::kubectl(const std::string& arguments) const {
  return cluster_->run(kubectl_ + " " + arguments);
}

std::string KubectlTest::ok(const std::string& arguments) const {
  const CommandResult result = kubectl(arguments);
  EXPECT_EQ(result.exitCode, 0) << "kubectl " << arguments << "\n" << result.output;
  return result.output;
}

}  // namespace ho::kube::testing
