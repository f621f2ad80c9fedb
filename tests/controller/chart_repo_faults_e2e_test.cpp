// Chart repositories that fail, end to end in-process (bundled API server,
// Controller with Events, a 2 s chart fetch timeout): a repository that is
// down, one that never answers, one serving HTML for index.yaml, a truncated
// tarball with a matching digest, a tarball whose digest is wrong, and one
// served over HTTPS with a self-signed certificate (TLS is verified, and the
// controller has no switch to turn that off). Each
// HelmRelease says so in its ChartFetched condition and an Event, nothing
// crashes, a release keeps its last good revision, other HelmReleases keep
// reconciling, and a repository that is mended is picked up again.
#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <iterator>

#include "chart/repo/digest.h"
#include "in_process_operator.h"
#include "kube/server/http_server.h"
#include "kube/server/tls_material.h"
#include "operator_process.h"
#include "kube/client/core_resources.h"

namespace ho::controller {
namespace {

using nlohmann::json;
using testing::eventually;

constexpr const char* kConfigMap =
    "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: {{ .Release.Name }}\ndata:\n"
    "  size: {{ .Values.size | quote }}\n  chart: {{ .Chart.Version | quote }}\n";
using kube::client::kConfigMaps;

std::string readFile(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  return {std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>()};
}

void writeFile(const std::string& path, const std::string& content) {
  std::ofstream(path, std::ios::binary | std::ios::trunc) << content;
}

// Replaces every `from` in the file at `path` with `to`.
void replaceInFile(const std::string& path, const std::string& from, const std::string& to) {
  std::string text = readFile(path);
  for (auto at = text.find(from); at != std::string::npos; at = text.find(from, at + to.size())) {
    text.replace(at, from.size(), to);
  }
  writeFile(path, text);
}

class ChartRepoFaultsE2E : public testing::InProcessOperatorTest {
 protected:
  void SetUp() override {
    InProcessOperatorTest::SetUp();
    ASSERT_EQ(publish(*repository_, "1.0.0"), "");
    brokenDir_ = workDir_ + "/broken";
    broken_ = std::make_unique<testing::TestChartRepository>(brokenDir_);
    chartFetchTimeout_ = std::chrono::seconds(2);
    startController(optionsWithEvents());
  }

  static std::string publish(const testing::TestChartRepository& repository, const std::string& version) {
    return repository.publish("app", version, {{"values.yaml", "size: 1\n"}, {"templates/cm.yaml", kConfigMap}});
  }

  void applyApp(const std::string& name, const std::string& repositoryUrl, const std::string& version, int size = 1) {
    applyHelmRelease(name, {{"releaseName", name},
                            {"chart", {{"repository", repositoryUrl}, {"name", "app"}, {"version", version}}},
                            {"values", {{"size", size}}}});
  }

  std::string configMapField(const std::string& name, const std::string& key) const {
    auto found = client_->get(kube::client::resourcePath(kConfigMaps, "default", name));
    return found ? (*found)["data"].value(key, "") : std::string();
  }

  // Waits until `name` reports ChartFetchFailed; returns the ChartFetched message.
  std::string fetchFailure(const std::string& name) const {
    const bool failed = eventually(
        [&] { return phase(name) == "ChartFetchFailed" && condition(name, "ChartFetched") == "False"; },
        std::chrono::seconds(90));
    EXPECT_TRUE(failed) << helmRelease(name);
    return conditionMessage(name, "ChartFetched");
  }

  bool released(const std::string& name, const std::string& chartVersion, int size = 1) const {
    return phase(name) == "Succeeded" && configMapField(name, "chart") == chartVersion &&
           configMapField(name, "size") == std::to_string(size);
  }

  // A good HelmRelease on the good repository installs while others fail.
  void expectOthersStillRelease(const std::string& name) {
    applyApp(name, repository_->url(), "1.0.0");
    EXPECT_TRUE(eventually([&] { return released(name, "1.0.0"); }, std::chrono::seconds(90))) << helmRelease(name);
  }

  std::string brokenDir_;
  std::unique_ptr<testing::TestChartRepository> broken_;
};

TEST_F(ChartRepoFaultsE2E, RepositoryDownIsReportedAndOthersStillRelease) {
  const std::string down = "http://127.0.0.1:" + std::to_string(testing::freeLoopbackPort());
  applyApp("down", down, "1.0.0");
  const std::string message = fetchFailure("down");
  EXPECT_NE(message.find(down), std::string::npos) << message;
  EXPECT_TRUE(eventually([&] { return warningEvents("down").find(down) != std::string::npos; }))
      << warningEvents("down");
  expectOthersStillRelease("good");
}

TEST_F(ChartRepoFaultsE2E, RepositorySlowerThanTheTimeoutIsReportedAndOthersStillRelease) {
  const testing::SilentServer silent;
  const std::string& slow = silent.url();
  applyApp("slow", slow, "1.0.0");
  const std::string message = fetchFailure("slow");
  EXPECT_NE(message.find("timed out"), std::string::npos) << message;
  expectOthersStillRelease("good");
  EXPECT_EQ(revision("slow", 1), "");
}

TEST_F(ChartRepoFaultsE2E, HtmlInsteadOfAnIndexIsReportedAsNotARepository) {
  writeFile(brokenDir_ + "/index.yaml", "<!DOCTYPE html>\n<html><body><h1>Sign in</h1></body></html>\n");
  applyApp("html", broken_->url(), "1.0.0");
  const std::string message = fetchFailure("html");
  EXPECT_NE(message.find("is not a valid chart repository"), std::string::npos) << message;
  expectOthersStillRelease("good");
}

TEST_F(ChartRepoFaultsE2E, WrongDigestIsRefused) {
  ASSERT_EQ(publish(*broken_, "1.0.0"), "");
  const std::string archive = brokenDir_ + "/app-1.0.0.tgz";
  replaceInFile(brokenDir_ + "/index.yaml", chart::repo::sha256Hex(readFile(archive)), std::string(64, 'a'));
  applyApp("digest", broken_->url(), "1.0.0");
  const std::string message = fetchFailure("digest");
  EXPECT_NE(message.find("digest"), std::string::npos) << message;
  expectOthersStillRelease("good");
}

// An upgrade to a version whose tarball is cut short (its digest matching the
// bytes served): the release stays at its last good revision until the
// version is published again intact.
TEST_F(ChartRepoFaultsE2E, TruncatedTarballKeepsTheLastGoodRevisionUntilMended) {
  ASSERT_EQ(publish(*broken_, "1.0.0"), "");
  applyApp("app", broken_->url(), "1.0.0");
  ASSERT_TRUE(eventually([&] { return released("app", "1.0.0"); }, std::chrono::seconds(90))) << helmRelease("app");

  ASSERT_EQ(publish(*broken_, "2.0.0"), "");
  const std::string archive = brokenDir_ + "/app-2.0.0.tgz";
  const std::string whole = readFile(archive);
  const std::string truncated = whole.substr(0, whole.size() / 2);
  writeFile(archive, truncated);
  replaceInFile(brokenDir_ + "/index.yaml", chart::repo::sha256Hex(whole), chart::repo::sha256Hex(truncated));
  applyApp("app", broken_->url(), "2.0.0");
  const std::string message = fetchFailure("app");
  EXPECT_FALSE(message.empty());
  EXPECT_EQ(revision("app", 1), "deployed");
  EXPECT_EQ(revision("app", 2), "");
  EXPECT_EQ(configMapField("app", "chart"), "1.0.0");
  expectOthersStillRelease("good");

  ASSERT_EQ(publish(*broken_, "2.0.0"), "");
  EXPECT_TRUE(eventually([&] { return released("app", "2.0.0"); }, std::chrono::seconds(90))) << helmRelease("app");
  EXPECT_EQ(revision("app", 1), "superseded");
  EXPECT_EQ(revision("app", 2), "deployed");
}

TEST_F(ChartRepoFaultsE2E, SelfSignedHttpsRepositoryIsRefused) {
  ASSERT_EQ(publish(*broken_, "1.0.0"), "");
  auto tls = kube::loadOrCreateTlsMaterial("", "127.0.0.1");
  ASSERT_TRUE(tls) << tls.error().message;
  kube::HttpServer https([this](const kube::HttpRequest& request, kube::ResponseWriter& writer) {
    const std::string path = brokenDir_ + request.target.substr(0, request.target.find('?'));
    if (request.target.find("..") != std::string::npos || !std::filesystem::is_regular_file(path)) {
      return writer.send(404, "text/plain", "not found");
    }
    writer.send(200, "application/octet-stream", readFile(path));
  });
  ASSERT_TRUE(https.useTls(tls->certificatePem, tls->privateKeyPem).ok());
  ASSERT_TRUE(https.listen("127.0.0.1", 0).ok());
  const std::string url = "https://127.0.0.1:" + std::to_string(https.port());
  applyApp("tls", url, "1.0.0");
  const std::string message = fetchFailure("tls");
  EXPECT_NE(message.find(url), std::string::npos) << message;
  EXPECT_NE(message.find("certificate"), std::string::npos) << message;
  EXPECT_EQ(revision("tls", 1), "");
  https.stop();
}

}  // namespace
}  // namespace ho::controller
