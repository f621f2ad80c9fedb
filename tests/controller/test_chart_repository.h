// Controller test support: a static chart repository on a loopback port
// serving tiny charts that tests write from strings, package and index as
// they go (publishing a version later is how a test "releases" it), one
// that never answers, and a polling helper for conditions that become true
// eventually.
#pragma once

#include <chrono>
#include <functional>
#include <map>
#include <memory>
#include <string>

#include "chart/repo/static_server.h"

namespace ho::controller::testing {

// Polls `condition` every 200 ms for up to `timeout`.
bool eventually(const std::function<bool()>& condition, std::chrono::seconds timeout = std::chrono::seconds(60));

// A loopback "repository" that accepts connections and never answers.
class SilentServer {
 public:
  SilentServer();
  ~SilentServer();
  SilentServer(const SilentServer&) = delete;
  SilentServer& operator=(const SilentServer&) = delete;
  const std::string& url() const { return url_; }

 private:
  int socket_ = -1;
  std::string url_;
};

class TestChartRepository {
 public:
  // Serves `directory` (created when missing) on 127.0.0.1 and a free port,
  // with the credentials in `serving` when it sets some (its root is replaced).
  explicit TestChartRepository(std::string directory, chart::repo::StaticServerOptions serving = {});
  ~TestChartRepository();

  const std::string& url() const { return url_; }

  // Packages chart `name` at `version` (Chart.yaml is written; `files` maps
  // paths inside the chart to their content) and rewrites index.yaml.
  // Returns "" or what went wrong.
  std::string publish(const std::string& name, const std::string& version,
                      const std::map<std::string, std::string>& files) const;

 private:
  std::string directory_;
  std::unique_ptr<chart::repo::StaticRepoServer> server_;
  std::string url_;
};

}  // namespace ho::controller::testing
