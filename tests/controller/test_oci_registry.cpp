// TestOciRegistry: docker-registry as a child process, and charts pushed with helm.
#include "test_oci_registry.h"

#include <fcntl.h>
#include <signal.h>
#include <unistd.h>

#include <chrono>
#include <filesystem>
#include <fstream>
#include <thread>

#include "../chart/repo_test_support.h"

namespace ho::controller::testing {
namespace fs = std::filesystem;

TestOciRegistry::TestOciRegistry(const std::string& directory, const OciRegistryOptions& options)
    : directory_(directory), options_(options) {
  fs::create_directories(directory_);
  if (options_.storageDir.empty()) options_.storageDir = directory_ + "/storage";
  port_ = chart::testing::freeLoopbackPort();
  std::ofstream config(directory_ + "/config.yml");
  config << "version: 0.1\nlog:\n  level: warn\nstorage:\n  filesystem:\n    rootdirectory: " << options_.storageDir
         << "\nhttp:\n  addr: 127.0.0.1:" << port_ << "\n";
  if (!options_.certFile.empty()) {
    config << "  tls:\n    certificate: " << options_.certFile << "\n    key: " << options_.keyFile << "\n";
  }
  if (!options_.username.empty()) {
    const std::string htpasswd = directory_ + "/htpasswd";
    const std::string make =
        "htpasswd -Bbn '" + options_.username + "' '" + options_.password + "' > '" + htpasswd + "'";
    if (std::system(make.c_str()) != 0) return;
    config << "auth:\n  htpasswd:\n    realm: test-registry\n    path: " << htpasswd << "\n";
  }
  config.close();
  const std::string log = directory_ + "/registry.log";
  const std::string file = directory_ + "/config.yml";
  pid_ = ::fork();
  if (pid_ == 0) {
    const int output = ::open(log.c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0644);
    ::dup2(output, STDOUT_FILENO);
    ::dup2(output, STDERR_FILENO);
    ::execl(kDockerRegistryBinary, kDockerRegistryBinary, "serve", file.c_str(), static_cast<char*>(nullptr));
    ::_exit(127);
  }
  const std::string scheme = options_.certFile.empty() ? "http" : "https";
  const std::string probe = "curl -sk -o /dev/null '" + scheme + "://" + host() + "/v2/'";
  for (int attempt = 0; attempt < 200 && !ready_; ++attempt) {
    ready_ = std::system(probe.c_str()) == 0;
    if (!ready_) std::this_thread::sleep_for(std::chrono::milliseconds(50));
  }
}

TestOciRegistry::~TestOciRegistry() { chart::testing::stopChildProcess(pid_, SIGTERM); }

std::string TestOciRegistry::host() const { return "127.0.0.1:" + std::to_string(port_); }

std::string TestOciRegistry::log() const {
  std::ifstream in(directory_ + "/registry.log");
  return std::string(std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>());
}

std::string TestOciRegistry::push(const kube::testing::LiveCluster& cluster, const std::string& helm,
                                  const std::string& name, const std::string& version,
                                  const std::map<std::string, std::string>& files) const {
  const fs::path root = fs::path(directory_) / "charts" / (name + "-" + version) / name;
  fs::remove_all(root);
  fs::create_directories(root);
  std::ofstream(root / "Chart.yaml") << "apiVersion: v2\nname: " << name << "\nversion: " << version << "\n";
  for (const auto& [path, content] : files) {
    fs::create_directories((root / path).parent_path());
    std::ofstream(root / path) << content;
  }
  const std::string packaged = root.parent_path().string();
  std::string script = helm + " package '" + root.string() + "' -d '" + packaged + "'";
  if (!options_.username.empty()) {
    script += " && echo '" + options_.password + "' | " + helm + " registry login " + host() + " -u '" +
              options_.username + "' --password-stdin";
  }
  script += " && " + helm + " push '" + packaged + "/" + name + "-" + version + ".tgz' oci://" + host() +
            "/charts --plain-http";
  auto result = cluster.run("sh -c \"" + script + "\"");
  return result.exitCode == 0 ? "" : result.output;
}

}  // namespace ho::controller::testing
