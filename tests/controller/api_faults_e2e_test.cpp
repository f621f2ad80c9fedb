// The controller against a misbehaving API server, in-process: a FaultProxy
// between the Controller and the bundled API server answers 409 conflicts to
// status and release-record writes, 429 with Retry-After and 500s to a share
// of all requests, drops connections, and cuts watch streams after one event;
// the API server is also stopped and started again on the same --data-dir.
// In every case the controller retries with backoff and converges: each
// HelmRelease reaches Released with the expected Helm revisions. Deadlines
// are generous and nothing is timed (the machine may be loaded).
#include <gtest/gtest.h>

#include <unistd.h>

#include <filesystem>
#include <thread>

#include "controller/reconciler/crd_installer.h"
#include "controller/reconciler/helm_release_object.h"
#include "controller/release/secret_storage.h"
#include "fault_proxy.h"
#include "in_process_operator.h"
#include "kube/client/kubeconfig.h"
#include "kube/server/api_server.h"
#include "kube/client/core_resources.h"

namespace ho::controller {
namespace {

using nlohmann::json;
using testing::eventually;
using testing::FaultProxy;
using testing::FaultRule;

constexpr const char* kConfigMap =
    "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: {{ .Release.Name }}\ndata:\n"
    "  size: {{ .Values.size | quote }}\n";

using kube::client::kConfigMaps;

// A client with `config`'s credentials talking to `server`, with quick retries.
std::shared_ptr<kube::client::RestClient> clientFor(kube::client::RestConfig config, const std::string& server) {
  config.server = server;
  kube::client::ClientOptions options;
  options.retry.initialBackoff = std::chrono::milliseconds(50);
  options.retry.maxBackoff = std::chrono::seconds(2);
  options.requestTimeout = std::chrono::seconds(20);
  auto client = kube::client::RestClient::create(config, options);
  if (!client) throw std::runtime_error(client.error().message);
  return *client;
}

class ApiFaultsE2E : public testing::InProcessOperatorTest {
 protected:
  void SetUp() override {
    InProcessOperatorTest::SetUp();
    ASSERT_EQ(repository_->publish("app", "1.0.0", {{"values.yaml", "size: 1\n"}, {"templates/cm.yaml", kConfigMap}}),
              "");
    proxy_ = std::make_unique<FaultProxy>(apiServerUrl());
    controllerClient_ = clientFor(client_->config(), proxy_->url());
  }

  void TearDown() override {
    InProcessOperatorTest::TearDown();
    if (proxy_) proxy_->stop();
  }

  void applyApp(const std::string& name, int size) {
    applyHelmRelease(name, {{"releaseName", name}, {"chart", chartAt("1.0.0")}, {"values", {{"size", size}}}});
  }

  std::string configMapSize(const std::string& name) const {
    auto found = client_->get(kube::client::resourcePath(kConfigMaps, "default", name));
    return found ? (*found)["data"].value("size", "") : std::string();
  }

  // Released with `size` in its ConfigMap.
  bool releasedWith(const std::string& name, int size) const {
    return phase(name) == "Succeeded" && condition(name, "Released") == "True" &&
           configMapSize(name) == std::to_string(size);
  }

  std::unique_ptr<FaultProxy> proxy_;
};

TEST_F(ApiFaultsE2E, ConflictsOnStatusAndReleaseRecordWritesAreRetriedUntilReleased) {
  const int statusConflicts = proxy_->addRule({.method = "PUT", .pathContains = "/helmreleases/app/status",
                                               .times = 6, .status = 409});
  const int recordConflicts = proxy_->addRule({.method = "PUT", .pathContains = "/secrets/sh.helm.release.v1.app.",
                                               .times = 2, .status = 409});
  startController();
  applyApp("app", 2);
  ASSERT_TRUE(eventually([&] { return releasedWith("app", 2); }, std::chrono::seconds(120))) << helmRelease("app");
  EXPECT_EQ(proxy_->fired(statusConflicts), 6);
  EXPECT_GE(proxy_->fired(recordConflicts), 1);
  // The install whose record could not be marked deployed ends with a deployed revision all the same.
  auto history = SecretStorage(client_, "default").history("app");
  ASSERT_TRUE(history) << history.error().message;
  ASSERT_FALSE(history->empty());
  EXPECT_EQ(history->back().info.status, "deployed");

  applyApp("app", 3);
  EXPECT_TRUE(eventually([&] { return releasedWith("app", 3); }, std::chrono::seconds(120))) << helmRelease("app");
}

TEST_F(ApiFaultsE2E, ThrottlingWithRetryAfterAndServerErrorsAreRetriedUntilReleased) {
  const int throttled = proxy_->addRule({.every = 3, .times = 40, .status = 429, .retryAfterSeconds = 1});
  const int failed = proxy_->addRule({.every = 5, .times = 40, .status = 500});
  startController();
  for (const char* name : {"one", "two", "three"}) applyApp(name, 1);
  for (const char* name : {"one", "two", "three"}) {
    EXPECT_TRUE(eventually([&] { return releasedWith(name, 1); }, std::chrono::seconds(180))) << helmRelease(name);
  }
  EXPECT_GT(proxy_->fired(throttled), 0);
  EXPECT_GT(proxy_->fired(failed), 0);
  applyApp("two", 4);
  EXPECT_TRUE(eventually([&] { return releasedWith("two", 4); }, std::chrono::seconds(180))) << helmRelease("two");
  EXPECT_EQ(revision("two", 2), "deployed");
}

TEST_F(ApiFaultsE2E, DroppedConnectionsAndCutWatchesAreResumed) {
  const int cut = proxy_->addRule({.pathContains = "helmreleases?", .fault = FaultRule::Fault::CutWatch,
                                   .watchEvents = 1});
  const int dropped = proxy_->addRule({.method = "GET", .every = 4, .times = 30, .fault = FaultRule::Fault::Drop});
  startController();
  applyApp("first", 1);
  ASSERT_TRUE(eventually([&] { return releasedWith("first", 1); }, std::chrono::seconds(120))) << helmRelease("first");
  // Created after watches were cut: only a resumed watch (or a relist) tells the controller.
  applyApp("second", 2);
  EXPECT_TRUE(eventually([&] { return releasedWith("second", 2); }, std::chrono::seconds(120)))
      << helmRelease("second");
  applyApp("first", 5);
  EXPECT_TRUE(eventually([&] { return releasedWith("first", 5); }, std::chrono::seconds(120))) << helmRelease("first");
  EXPECT_GT(proxy_->fired(cut), 0);
  EXPECT_GT(proxy_->fired(dropped), 0);
}

// The API server itself restarts (same --data-dir, a new port behind the same
// proxy address) while the controller runs; nothing is lost and later changes
// are still released.
TEST(ApiServerRestartE2E, ControllerConvergesAcrossAnApiServerRestartWithTheSameDataDir) {
  const std::filesystem::path base =
      std::filesystem::temp_directory_path() / ("ho-api-restart-" + std::to_string(::getpid()));
  std::filesystem::remove_all(base);
  const std::string dataDir = (base / "data").string();
  kube::ApiServerOptions serverOptions;
  serverOptions.port = 0;
  serverOptions.dataDir = dataDir;
  serverOptions.simulateWorkloads = true;
  auto server = std::make_unique<kube::ApiServer>(serverOptions);
  ASSERT_TRUE(server->start().ok());
  FaultProxy proxy(server->url());
  auto config = kube::client::kubeconfigFromText(server->kubeconfig());
  ASSERT_TRUE(config) << config.error().message;
  auto client = clientFor(*config, proxy.url());
  ASSERT_TRUE(ensureHelmReleaseCrd(*client, std::string(HO_SOURCE_DIR) + "/crds/helm.fluxcd.io_helmreleases.yaml"));
  testing::TestChartRepository repository((base / "repo").string());
  ASSERT_EQ(repository.publish("app", "1.0.0", {{"values.yaml", "size: 1\n"}, {"templates/cm.yaml", kConfigMap}}), "");

  ControllerOptions options;
  options.resyncInterval = std::chrono::seconds(1);
  options.retryBackoff = {std::chrono::milliseconds(100), std::chrono::seconds(1)};
  auto reconciler = std::make_shared<Reconciler>(
      ActionContext{client, std::make_shared<kube::client::RestMapper>(client)},
      std::make_shared<chart::repo::RepositoryPool>((base / "cache").string()));
  Controller controller(client, reconciler, options);
  controller.start();

  const auto apply = [&](const std::string& name, int size) {
    const std::string path = kube::client::resourcePath(helmReleaseResource(), "default", name);
    const json spec = {{"releaseName", name},
                       {"chart", {{"repository", repository.url()}, {"name", "app"}, {"version", "1.0.0"}}},
                       {"values", {{"size", size}}}};
    if (client->get(path)) return client->patch(path, kube::client::PatchType::Merge, {{"spec", spec}}).ok();
    return client
        ->create(kube::client::resourcePath(helmReleaseResource(), "default"),
                 {{"apiVersion", "helm.fluxcd.io/v1"},
                  {"kind", "HelmRelease"},
                  {"metadata", {{"name", name}, {"namespace", "default"}}},
                  {"spec", spec}})
        .ok();
  };
  const auto released = [&](const std::string& name, int size) {
    auto object = client->get(kube::client::resourcePath(helmReleaseResource(), "default", name));
    auto configMap = client->get(kube::client::resourcePath(kConfigMaps, "default", name));
    return object && configMap && (*object)["status"].value("phase", "") == "Succeeded" &&
           (*configMap)["data"].value("size", "") == std::to_string(size);
  };

  ASSERT_TRUE(apply("before", 1));
  ASSERT_TRUE(eventually([&] { return released("before", 1); }, std::chrono::seconds(120)));

  server->stop();
  server.reset();
  std::this_thread::sleep_for(std::chrono::seconds(2));  // the controller meets a dead server meanwhile
  server = std::make_unique<kube::ApiServer>(serverOptions);
  ASSERT_TRUE(server->start().ok());
  proxy.setUpstream(server->url());

  ASSERT_TRUE(eventually([&] { return apply("after", 2); }, std::chrono::seconds(60)));
  EXPECT_TRUE(eventually([&] { return released("after", 2); }, std::chrono::seconds(120)));
  ASSERT_TRUE(apply("before", 3));
  EXPECT_TRUE(eventually([&] { return released("before", 3); }, std::chrono::seconds(120)));
  SecretStorage storage(client, "default");
  auto history = storage.history("before");
  ASSERT_TRUE(history) << history.error().message;
  ASSERT_EQ(history->size(), 2u);
  EXPECT_EQ((*history)[0].info.status, "superseded");
  EXPECT_EQ((*history)[1].info.status, "deployed");

  controller.stop();
  proxy.stop();
  server->stop();
  std::filesystem::remove_all(base);
}

}  // namespace
}  // namespace ho::controller
