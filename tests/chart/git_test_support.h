// Test helpers for charts from git: a real repository made with the `git`
// CLI in a throwaway folder (commits, branches, tags), `git daemon` serving a
// folder of repositories over git:// on 127.0.0.1, and OpenSSH's sshd serving
// them over ssh:// with a host key and a client key made for the test.
#pragma once

#include <pwd.h>
#include <signal.h>
#include <sys/stat.h>
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

// Whether something accepts TCP connections on 127.0.0.1:`port`.
inline bool loopbackListening(int port) {
  int fd = ::socket(AF_INET, SOCK_STREAM, 0);
  sockaddr_in address{};
  address.sin_family = AF_INET;
  address.sin_port = htons(static_cast<std::uint16_t>(port));
  address.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  const bool connected = ::connect(fd, reinterpret_cast<sockaddr*>(&address), sizeof address) == 0;
  ::close(fd);
  return connected;
}

// Polls until 127.0.0.1:`port` accepts connections (5 s at most).
inline void awaitListening(int port) {
  for (int attempt = 0; attempt < 100 && !loopbackListening(port); ++attempt) {
    std::this_thread::sleep_for(std::chrono::milliseconds(50));
  }
}

// A child process, terminated and reaped on destruction.
class ChildProcess {
 public:
  ChildProcess() = default;
  explicit ChildProcess(pid_t pid) : pid_(pid) {}
  ~ChildProcess() {
    if (pid_ > 0) {
      ::kill(pid_, SIGTERM);
      ::waitpid(pid_, nullptr, 0);
    }
  }
  ChildProcess(const ChildProcess&) = delete;
  ChildProcess& operator=(const ChildProcess&) = delete;

 private:
  pid_t pid_ = -1;
};

// `git daemon` exporting every repository under `basePath` on 127.0.0.1; nullopt-like
// (available() false) when the git binary has no daemon.
class GitDaemon {
 public:
  explicit GitDaemon(const std::string& basePath) : port_(freeLoopbackPort()) {
    const pid_t pid = ::fork();
    if (pid == 0) {
      const std::string base = "--base-path=" + basePath;
      const std::string port = "--port=" + std::to_string(port_);
      ::execlp("git", "git", "daemon", "--export-all", "--reuseaddr", "--listen=127.0.0.1", base.c_str(),
               port.c_str(), basePath.c_str(), static_cast<char*>(nullptr));
      ::_exit(127);
    }
    process_.emplace(pid);
    awaitListening(port_);
  }

  bool available() const { return loopbackListening(port_); }
  // git://127.0.0.1:PORT/NAME for the repository `name` under the base path.
  std::string url(const std::string& name) const {
    return "git://127.0.0.1:" + std::to_string(port_) + "/" + name;
  }

 private:
  int port_;
  std::optional<ChildProcess> process_;
};

// OpenSSH's sshd on 127.0.0.1 and a free port, in `dir`: an ed25519 host key
// and client key made with ssh-keygen, the client key authorized for the
// current user, no other authentication. available() is false (with why())
// when sshd or ssh-keygen is not installed or sshd does not start.
class SshServer {
 public:
  static constexpr const char* kSshd = "/usr/sbin/sshd";

  explicit SshServer(const std::string& dir) : dir_(dir), port_(freeLoopbackPort()) {
    if (::access(kSshd, X_OK) != 0) {
      why_ = std::string(kSshd) + " is not installed (openssh-server)";
      return;
    }
    // sshd run by root wants its privilege separation directory, which its service would make.
    if (::geteuid() == 0) ::mkdir("/run/sshd", 0755);
    std::filesystem::create_directories(dir_);
    try {
      runIn(dir_, "ssh-keygen -q -t ed25519 -N '' -f host_key && ssh-keygen -q -t ed25519 -N '' -f client_key");
      runIn(dir_, "cp client_key.pub authorized_keys && chmod 600 authorized_keys client_key host_key");
    } catch (const std::exception& e) {
      why_ = std::string("ssh-keygen (openssh-client) failed: ") + e.what();
      return;
    }
    std::ofstream(dir_ + "/sshd_config") << "Port " << port_ << "\nListenAddress 127.0.0.1\nHostKey " << dir_
                                         << "/host_key\nAuthorizedKeysFile " << dir_
                                         << "/authorized_keys\nPidFile " << dir_
                                         << "/sshd.pid\nStrictModes no\nUsePAM no\nPasswordAuthentication no\n"
                                            "KbdInteractiveAuthentication no\nPubkeyAuthentication yes\n"
                                            "PermitRootLogin prohibit-password\n";
    const pid_t pid = ::fork();
    if (pid == 0) {
      const std::string config = dir_ + "/sshd_config";
      const std::string log = dir_ + "/sshd.log";
      ::execl(kSshd, kSshd, "-D", "-f", config.c_str(), "-E", log.c_str(), static_cast<char*>(nullptr));
      ::_exit(127);
    }
    process_.emplace(pid);
    awaitListening(port_);
    if (!loopbackListening(port_)) why_ = "sshd did not start (see " + dir_ + "/sshd.log)";
  }

  bool available() const { return why_.empty(); }
  const std::string& why() const { return why_; }
  int port() const { return port_; }

  // ssh://USER@127.0.0.1:PORT/ABSOLUTE_PATH for the repository at `absolutePath`.
  std::string url(const std::string& absolutePath) const {
    const passwd* user = ::getpwuid(::geteuid());
    return "ssh://" + std::string(user != nullptr ? user->pw_name : "root") + "@127.0.0.1:" +
           std::to_string(port_) + absolutePath;
  }
  // The client's private key (OpenSSH format).
  std::string identity() const { return readFile(dir_ + "/client_key"); }
  // A known_hosts line for this server's host key.
  std::string knownHosts() const {
    return "[127.0.0.1]:" + std::to_string(port_) + " " + runIn(dir_, "cut -d' ' -f1,2 host_key.pub") + "\n";
  }

 private:
  static std::string readFile(const std::string& path) {
    std::ifstream in(path, std::ios::binary);
    return std::string((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
  }

  std::string dir_;
  int port_;
  std::string why_;
  std::optional<ChildProcess> process_;
};

}  // namespace ho::chart::testing
