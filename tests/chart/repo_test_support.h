// Test helpers for the chart repository client: chart archives, a folder
// served by our `repo serve` server, a scripted raw HTTP server for redirects,
// slow answers and garbage, and nginx (when installed) serving a folder.
#pragma once

#include <netinet/in.h>
#include <signal.h>
#include <sys/socket.h>
#include <sys/wait.h>
#include <unistd.h>

#include <atomic>
#include <chrono>
#include <cstdlib>
#include <filesystem>
#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <thread>

#include "chart/repo/static_server.h"
#include "chart_test_support.h"

namespace ho::chart::testing {

// A minimal chart archive (top folder NAME) for version VERSION.
inline std::string chartArchive(const std::string& name, const std::string& version) {
  return makeTgz({{name + "/Chart.yaml", chartYaml(name, version, "description: test chart\n")},
                  {name + "/templates/cm.yaml",
                   "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: {{ .Release.Name }}\ndata:\n  v: " + version + "\n"}});
}

// Our StaticRepoServer over a folder, on 127.0.0.1 and a free port.
class ServedFolder {
 public:
  explicit ServedFolder(const std::string& root, repo::StaticServerOptions options = {}) {
    options.root = root;
    server_ = std::make_unique<repo::StaticRepoServer>(std::move(options));
    auto started = server_->listen("127.0.0.1", 0);
    if (!started) throw std::runtime_error(started.error().message);
  }
  std::string url() const { return "http://127.0.0.1:" + std::to_string(server_->port()); }

 private:
  std::unique_ptr<repo::StaticRepoServer> server_;
};

// A raw HTTP server: each connection's request line is handed to `respond`,
// which returns the raw bytes to send (after `delay`); then the socket closes.
class ScriptedServer {
 public:
  using Responder = std::function<std::string(const std::string& requestHead)>;

  explicit ScriptedServer(Responder respond, std::chrono::milliseconds delay = {})
      : respond_(std::move(respond)), delay_(delay) {
    listener_ = ::socket(AF_INET, SOCK_STREAM, 0);
    sockaddr_in address{};
    address.sin_family = AF_INET;
    address.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    ::bind(listener_, reinterpret_cast<sockaddr*>(&address), sizeof address);
    ::listen(listener_, 16);
    socklen_t length = sizeof address;
    ::getsockname(listener_, reinterpret_cast<sockaddr*>(&address), &length);
    port_ = ntohs(address.sin_port);
    thread_ = std::thread([this] { serve(); });
  }
  ~ScriptedServer() {
    stopping_ = true;
    ::shutdown(listener_, SHUT_RDWR);
    thread_.join();
    ::close(listener_);
  }
  std::string url() const { return "http://127.0.0.1:" + std::to_string(port_); }
  int requests() const { return requests_; }

 private:
  void serve() {
    while (!stopping_) {
      int client = ::accept(listener_, nullptr, nullptr);
      if (client < 0) return;
      std::string head;
      char buffer[4096];
      while (head.find("\r\n\r\n") == std::string::npos && head.size() < 65536) {
        ssize_t n = ::recv(client, buffer, sizeof buffer, 0);
        if (n <= 0) break;
        head.append(buffer, static_cast<std::size_t>(n));
      }
      ++requests_;
      // Sleep in small steps so the destructor is never stuck behind a long delay.
      for (auto slept = std::chrono::milliseconds(0); slept < delay_ && !stopping_; slept += std::chrono::milliseconds(10)) {
        std::this_thread::sleep_for(std::chrono::milliseconds(10));
      }
      std::string response = respond_(head);
      ::send(client, response.data(), response.size(), MSG_NOSIGNAL);
      ::shutdown(client, SHUT_RDWR);
      ::close(client);
    }
  }

  Responder respond_;
  std::chrono::milliseconds delay_;
  int listener_ = -1;
  std::uint16_t port_ = 0;
  std::atomic<bool> stopping_{false};
  std::atomic<int> requests_{0};
  std::thread thread_;
};

inline std::string rawResponse(int status, const std::string& reason, const std::string& body,
                               const std::string& extraHeaders = "") {
  return "HTTP/1.1 " + std::to_string(status) + " " + reason + "\r\nContent-Length: " + std::to_string(body.size()) +
         "\r\nConnection: close\r\n" + extraHeaders + "\r\n" + body;
}

// Writes ca.crt/ca.key, server.crt/server.key (for IP 127.0.0.1) and
// client.crt/client.key (signed by the CA) into `dir` with the openssl CLI.
inline bool makeTestCertificates(const std::string& dir) {
  const std::string key = " -newkey ec -pkeyopt ec_paramgen_curve:prime256v1 -nodes";
  const std::string script =
      "cd '" + dir + "' && openssl req -x509" + key + " -keyout ca.key -out ca.crt -days 2 -subj /CN=test-ca" +
      " && openssl req" + key + " -keyout server.key -out server.csr -subj /CN=127.0.0.1" +
      " && printf 'subjectAltName=IP:127.0.0.1\\n' > san.ext" +
      " && openssl x509 -req -in server.csr -CA ca.crt -CAkey ca.key -CAcreateserial -out server.crt -days 2"
      " -extfile san.ext" +
      " && openssl req" + key + " -keyout client.key -out client.csr -subj /CN=client" +
      " && openssl x509 -req -in client.csr -CA ca.crt -CAkey ca.key -CAcreateserial -out client.crt -days 2";
  return std::system(("(" + script + ") >/dev/null 2>&1").c_str()) == 0;
}

// Sends `signal` to child `pid` (when > 0), waits up to two seconds for it to
// exit, then kills it.
inline void stopChildProcess(pid_t pid, int signal) {
  if (pid <= 0) return;
  ::kill(pid, signal);
  for (int attempt = 0; attempt < 100; ++attempt) {
    if (::waitpid(pid, nullptr, WNOHANG) == pid) return;
    std::this_thread::sleep_for(std::chrono::milliseconds(20));
  }
  ::kill(pid, SIGKILL);
  ::waitpid(pid, nullptr, 0);
}

// The nginx binary from Debian, when installed.
inline std::optional<std::string> nginxBinary() {
  for (const char* candidate : {"/usr/sbin/nginx", "/usr/bin/nginx"}) {
    if (std::filesystem::exists(candidate)) return std::string(candidate);
  }
  return std::nullopt;
}

inline int freeLoopbackPort() {
  int fd = ::socket(AF_INET, SOCK_STREAM, 0);
  sockaddr_in address{};
  address.sin_family = AF_INET;
  address.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  ::bind(fd, reinterpret_cast<sockaddr*>(&address), sizeof address);
  socklen_t length = sizeof address;
  ::getsockname(fd, reinterpret_cast<sockaddr*>(&address), &length);
  int port = ntohs(address.sin_port);
  ::close(fd);
  return port;
}

// nginx in the foreground serving `root` at / on 127.0.0.1 (plus `extraConfig`
// inside the server block; HTTPS when `tls`, the certificate then set in
// `extraConfig`); stopped (SIGQUIT, then SIGKILL) on destruction.
class NginxServer {
 public:
  NginxServer(const std::string& binary, const std::string& root, const std::string& workDir,
              const std::string& extraConfig = "", bool tls = false)
      : scheme_(tls ? "https" : "http") {
    port_ = freeLoopbackPort();
    std::string conf = workDir + "/nginx.conf";
    std::ofstream(conf) << "daemon off;\nmaster_process off;\nworker_processes 1;\npid " << workDir
                        << "/nginx.pid;\nerror_log " << workDir << "/error.log;\n"
                        << "events { worker_connections 64; }\nhttp {\n  access_log off;\n"
                        << "  client_body_temp_path " << workDir << "/body;\n  proxy_temp_path " << workDir
                        << "/proxy;\n  fastcgi_temp_path " << workDir << "/fastcgi;\n  uwsgi_temp_path " << workDir
                        << "/uwsgi;\n  scgi_temp_path " << workDir << "/scgi;\n"
                        << "  server {\n    listen 127.0.0.1:" << port_ << (tls ? " ssl" : "") << ";\n    root " << root << ";\n"
                        << extraConfig << "  }\n}\n";
    pid_ = ::fork();
    if (pid_ == 0) {
      ::execl(binary.c_str(), binary.c_str(), "-c", conf.c_str(), "-p", workDir.c_str(), nullptr);
      ::_exit(127);
    }
    // Wait (bounded) until it accepts connections.
    for (int attempt = 0; attempt < 200 && !accepting(); ++attempt) {
      std::this_thread::sleep_for(std::chrono::milliseconds(25));
    }
  }
  ~NginxServer() { stopChildProcess(pid_, SIGQUIT); }
  bool accepting() const {
    int fd = ::socket(AF_INET, SOCK_STREAM, 0);
    sockaddr_in address{};
    address.sin_family = AF_INET;
    address.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    address.sin_port = htons(static_cast<std::uint16_t>(port_));
    bool ok = ::connect(fd, reinterpret_cast<sockaddr*>(&address), sizeof address) == 0;
    ::close(fd);
    return ok;
  }
  std::string url() const { return scheme_ + "://127.0.0.1:" + std::to_string(port_); }

 private:
  std::string scheme_;
  int port_ = 0;
  pid_t pid_ = -1;
};

}  // namespace ho::chart::testing
