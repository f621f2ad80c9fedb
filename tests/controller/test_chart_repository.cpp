// TestChartRepository: write, package (tar) and index tiny charts; SilentServer: a socket that never answers.
#include "test_chart_repository.h"

#include <netinet/in.h>
#include <sys/socket.h>
#include <unistd.h>

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <stdexcept>
#include <thread>

#include "chart/repo/index_writer.h"

namespace ho::controller::testing {

namespace fs = std::filesystem;

bool eventually(const std::function<bool()>& condition, std::chrono::seconds timeout) {
  const auto deadline = std::chrono::steady_clock::now() + timeout;
  while (std::chrono::steady_clock::now() < deadline) {
    if (condition()) return true;
    std::this_thread::sleep_for(std::chrono::milliseconds(200));
  }
  return condition();
}

SilentServer::SilentServer() : socket_(socket(AF_INET, SOCK_STREAM, 0)) {
  sockaddr_in address{};
  address.sin_family = AF_INET;
  address.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  socklen_t length = sizeof address;
  if (bind(socket_, reinterpret_cast<sockaddr*>(&address), sizeof address) != 0 || listen(socket_, 64) != 0 ||
      getsockname(socket_, reinterpret_cast<sockaddr*>(&address), &length) != 0) {
    throw std::runtime_error("cannot listen on a loopback port");
  }
  url_ = "http://127.0.0.1:" + std::to_string(ntohs(address.sin_port));
}

SilentServer::~SilentServer() { close(socket_); }

TestChartRepository::TestChartRepository(std::string directory, chart::repo::StaticServerOptions serving)
    : directory_(std::move(directory)) {
  fs::create_directories(directory_);
  serving.root = directory_;
  server_ = std::make_unique<chart::repo::StaticRepoServer>(serving);
  if (!server_->listen("127.0.0.1", 0).ok()) throw std::runtime_error("cannot start the chart repository");
  url_ = "http://127.0.0.1:" + std::to_string(server_->port());
}

TestChartRepository::~TestChartRepository() { server_->stop(); }

std::string TestChartRepository::publish(const std::string& name, const std::string& version,
                                         const std::map<std::string, std::string>& files) const {
  const fs::path staging = fs::path(directory_).parent_path() / ("staging-" + name + "-" + version);
  fs::remove_all(staging);
  const fs::path root = staging / name;
  fs::create_directories(root);
  std::ofstream(root / "Chart.yaml") << "apiVersion: v2\nname: " << name << "\nversion: " << version << "\n";
  for (const auto& [path, content] : files) {
    fs::create_directories((root / path).parent_path());
    std::ofstream(root / path) << content;
  }
  const std::string tar = "tar -czf '" + directory_ + "/" + name + "-" + version + ".tgz' -C '" + staging.string() +
                          "' '" + name + "'";
  if (std::system(tar.c_str()) != 0) return "tar failed: " + tar;
  auto index = chart::repo::indexDirectory(directory_, url_);
  if (!index) return index.error().message;
  auto text = chart::repo::renderIndex(*index);
  if (!text) return text.error().message;
  std::ofstream(directory_ + "/index.yaml.tmp") << *text;
  fs::rename(directory_ + "/index.yaml.tmp", directory_ + "/index.yaml");
  return "";
}

}  // namespace ho::controller::testing
