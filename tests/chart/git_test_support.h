// Test helpers for charts from git: a real repository made with the `git`
// CLI in a throwaway folder (commits, branches, tags), and `git daemon`
// serving a folder of repositories over git:// on 127.0.0.1.
#pragma once

#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <optional>
#include <stdexcept>
#include <string>
#include <thread>

#include "chart_test_support.h"
#include "repo_test_support.h"

namespace ho::chart::testing {

// Runs `command` in `dir` with the shell; its stdout (trailing newline dropped).
inline std::string runIn(const std::string& dir, const std::string& command) {
  const std::string full = "cd '" + dir + "' && " + command + " 2>/dev/null";
  FILE* pipe = ::popen(full.c_str(), "r");
  if (pipe == nullptr) throw std::runtime_error("cannot run " + command);
  std::string out;
  char buffer[4096];
  while (std::size_t n = std::fread(buffer, 1, sizeof buffer, pipe)) out.append(buffer, n);
  if (::pclose(pipe) != 0) throw std::runtime_error("failed: " + command);
  while (!out.empty() && out.back() == '\n') out.pop_back();
  return out;
}

// A git repository (with a working tree) in `dir/name`, branch master.
class GitRepository {
 public:
  GitRepository(const std::string& parent, const std::string& name) : dir_(parent + "/" + name) {
    std::filesystem::create_directories(dir_);
    git("init -q -b master");
    git("config user.email test@example.com");
    git("config user.name Test");
    git("config commit.gpgsign false");
  }

  const std::string& dir() const { return dir_; }
  std::string fileUrl() const { return "file://" + dir_; }

  // Writes `content` to `relative` in the working tree.
  void write(const std::string& relative, const std::string& content) const {
    const std::filesystem::path full = std::filesystem::path(dir_) / relative;
    std::filesystem::create_directories(full.parent_path());
    std::ofstream(full, std::ios::binary) << content;
  }
  // Commits everything; the new commit's id.
  std::string commit(const std::string& message) const {
    git("add -A");
    git("commit -q --allow-empty -m '" + message + "'");
    return head();
  }
  std::string head() const { return git("rev-parse HEAD"); }
  std::string git(const std::string& arguments) const { return runIn(dir_, "git " + arguments); }

  // A chart at `path`: Chart.yaml (name, version) and a ConfigMap holding `data`.
  void writeChart(const std::string& path, const std::string& name, const std::string& data,
                  const std::string& version = "0.1.0") const {
    write(path + "/Chart.yaml", chartYaml(name, version));
    write(path + "/templates/cm.yaml",
          "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: {{ .Release.Name }}\ndata:\n  value: " + data + "\n");
  }

 private:
  std::string dir_;
};

// `git daemon` exporting every repository under `basePath` on 127.0.0.1; nullopt-like
// (available() false) when the git binary has no daemon.
class GitDaemon {
 public:
  explicit GitDaemon(const std::string& basePath) : port_(freeLoopbackPort()) {
    pid_ = ::fork();
    if (pid_ == 0) {
      const std::string base = "--base-path=" + basePath;
      const std::string port = "--port=" + std::to_string(port_);
      ::execlp("git", "git", "daemon", "--export-all", "--reuseaddr", "--listen=127.0.0.1", base.c_str(),
               port.c_str(), basePath.c_str(), static_cast<char*>(nullptr));
      ::_exit(127);
    }
    for (int attempt = 0; attempt < 100 && !listening(); ++attempt) {
      std::this_thread::sleep_for(std::chrono::milliseconds(50));
    }
  }
  ~GitDaemon() {
    if (pid_ > 0) {
      ::kill(pid_, SIGTERM);
      ::waitpid(pid_, nullptr, 0);
    }
  }
  GitDaemon(const GitDaemon&) = delete;
  GitDaemon& operator=(const GitDaemon&) = delete;

  bool available() const { return listening(); }
  // git://127.0.0.1:PORT/NAME for the repository `name` under the base path.
  std::string url(const std::string& name) const {
    return "git://127.0.0.1:" + std::to_string(port_) + "/" + name;
  }

 private:
  bool listening() const {
    int fd = ::socket(AF_INET, SOCK_STREAM, 0);
    sockaddr_in address{};
    address.sin_family = AF_INET;
    address.sin_port = htons(static_cast<std::uint16_t>(port_));
    address.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    const bool connected = ::connect(fd, reinterpret_cast<sockaddr*>(&address), sizeof address) == 0;
    ::close(fd);
    return connected;
  }

  int port_;
  pid_t pid_ = -1;
};

}  // namespace ho::chart::testing
