// The HelmRelease controller end to end, in-process: the bundled API server
// (simulated workloads), a static chart repository serving the packaged
// podinfo chart, and the Controller. A HelmRelease is installed (values from
// a ConfigMap under spec.values), idle resyncs write no revision, a values
// change upgrades to v2, a revision left pending by a crash is unlocked
// before upgrading, a missing version reports ChartFetchFailed, helmVersion
// v2 is refused, and deletion uninstalls and drops the finalizer.
#include <gtest/gtest.h>

#include <chrono>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <functional>
#include <thread>

#include "../kube/e2e_support.h"
#include "chart/repo/index_writer.h"
#include "chart/repo/static_server.h"
#include "controller/reconciler/controller.h"
#include "controller/reconciler/crd_installer.h"
#include "controller/reconciler/helm_release_object.h"
#include "controller/release/secret_storage.h"
#include "kube/client/kubeconfig.h"
#include "kube/client/core_resources.h"

namespace ho::controller {
namespace {

using kube::client::ResourceType;
using nlohmann::json;

const ResourceType kDeployments{"apps", "v1", "deployments", "Deployment", true};
using kube::client::kSecrets;
using kube::client::kConfigMaps;

// Polls `condition` every 100 ms for up to `timeout`.
bool eventually(const std::function<bool()>& condition, std::chrono::seconds timeout = std::chrono::seconds(30)) {
  const auto deadline = std::chrono::steady_clock::now() + timeout;
  while (std::chrono::steady_clock::now() < deadline) {
    if (condition()) return true;
    std::this_thread::sleep_for(std::chrono::milliseconds(100));
  }
  return condition();
}

class ReconcilerE2E : public ::testing::Test {
 protected:
  void SetUp() override {
    cluster_ = std::make_unique<kube::testing::LiveCluster>();
    auto client = cluster_->connect();
    ASSERT_TRUE(client) << client.error().message;
    client_ = *client;

    workDir_ = std::filesystem::path(cluster_->writeFile("marker", "")).parent_path().string();
    const std::string repoDir = workDir_ + "/repo";
    std::filesystem::create_directories(repoDir);
    chart::repo::StaticServerOptions serving;
    serving.root = repoDir;
    repoServer_ = std::make_unique<chart::repo::StaticRepoServer>(serving);
    ASSERT_TRUE(repoServer_->listen("127.0.0.1", 0).ok());
    repoUrl_ = "http://127.0.0.1:" + std::to_string(repoServer_->port());
    publishPodinfo("6.5.0");

    auto crd = ensureHelmReleaseCrd(*client_, std::string(HO_SOURCE_DIR) + "/crds/helm.fluxcd.io_helmreleases.yaml");
    ASSERT_TRUE(crd) << crd.error().message;

    ActionContext context{client_, std::make_shared<kube::client::RestMapper>(client_)};
    auto reconciler = std::make_shared<Reconciler>(
        context, std::make_shared<chart::repo::RepositoryPool>(workDir_ + "/chart-cache"));
    ControllerOptions options;
    options.workers = 2;
    options.resyncInterval = std::chrono::seconds(1);
    options.retryBackoff = {std::chrono::milliseconds(100), std::chrono::seconds(2)};
    controller_ = std::make_unique<Controller>(client_, reconciler, options);
    controller_->start();
  }

  void TearDown() override {
    if (controller_) controller_->stop();
    if (repoServer_) repoServer_->stop();
  }

  // Packages examples/charts/podinfo as `version` into the repository and re-indexes it.
  void publishPodinfo(const std::string& version) const {
    const std::string staging = workDir_ + "/staging-" + version;
    const std::string script = "rm -rf " + staging + " && mkdir -p " + staging + " && cp -r " + HO_SOURCE_DIR +
                               "/examples/charts/podinfo " + staging + "/ && sed -i 's/^version: .*/version: " +
                               version + "/' " + staging + "/podinfo/Chart.yaml && tar -czf " + workDir_ +
                               "/repo/podinfo-" + version + ".tgz -C " + staging + " podinfo";
    ASSERT_EQ(std::system(script.c_str()), 0);
    auto index = chart::repo::indexDirectory(workDir_ + "/repo", repoUrl_);
    ASSERT_TRUE(index) << index.error().message;
    auto indexYaml = chart::repo::renderIndex(*index);
    ASSERT_TRUE(indexYaml) << indexYaml.error().message;
    std::ofstream(workDir_ + "/repo/index.yaml") << *indexYaml;
  }

  json helmRelease(const std::string& name, const json& spec) const {
    return {{"apiVersion", "helm.fluxcd.io/v1"},
            {"kind", "HelmRelease"},
            {"metadata", {{"name", name}, {"namespace", "default"}}},
            {"spec", spec}};
  }

  json podinfoSpec(const std::string& version) const {
    return {{"releaseName", "podinfo"},
            {"chart", {{"repository", repoUrl_}, {"name", "podinfo"}, {"version", version}}},
            {"valuesFrom",
             json::array({json{{"configMapKeyRef", {{"name", "podinfo-values"}}}},
                          json{{"secretKeyRef", {{"name", "absent"}, {"optional", true}}}}})},
            {"values", {{"replicaCount", 2}}}};
  }

  void create(const ResourceType& type, const json& object) const {
    auto made = client_->create(kube::client::resourcePath(type, "default"), object);
    ASSERT_TRUE(made) << made.error().message;
  }

  std::optional<json> get(const ResourceType& type, const std::string& name) const {
    auto object = client_->get(kube::client::resourcePath(type, "default", name));
    if (!object) return std::nullopt;
    return *object;
  }

  json status(const std::string& name) const {
    const std::optional<json> object = get(helmReleaseResource(), name);
    return object ? object->value("status", json::object()) : json::object();
  }

  static std::string conditionField(const json& status, const std::string& type, const std::string& field) {
    for (const json& condition : status.value("conditions", json::array())) {
      if (condition.value("type", "") == type) return condition.value(field, "");
    }
    return "";
  }

  bool releaseSecretExists(int version) const {
    return get(kSecrets, "sh.helm.release.v1.podinfo.v" + std::to_string(version)).has_value();
  }

  std::unique_ptr<kube::testing::LiveCluster> cluster_;
  std::shared_ptr<kube::client::RestClient> client_;
  std::string workDir_;
  std::unique_ptr<chart::repo::StaticRepoServer> repoServer_;
  std::string repoUrl_;
  std::unique_ptr<Controller> controller_;
};

TEST_F(ReconcilerE2E, InstallsThenUpgradesOnlyWhenValuesChangeThenUninstallsOnDelete) {
  create(kConfigMaps, {{"apiVersion", "v1"},
                       {"kind", "ConfigMap"},
                       {"metadata", {{"name", "podinfo-values"}}},
                       {"data", {{"values.yaml", "replicaCount: 5\nservice:\n  port: 9999\n"}}}});
  create(helmReleaseResource(), helmRelease("podinfo", podinfoSpec("~6.5.0")));

  ASSERT_TRUE(eventually([&] { return status("podinfo").value("phase", "") == "Succeeded"; })) << status("podinfo");
  json current = status("podinfo");
  EXPECT_EQ(conditionField(current, "Released", "status"), "True") << current;
  EXPECT_EQ(conditionField(current, "Deployed", "status"), "True") << current;
  EXPECT_EQ(current.value("revision", ""), "6.5.0");
  EXPECT_EQ(current.value("releaseName", ""), "podinfo");
  EXPECT_EQ(current.value("releaseStatus", ""), "deployed");
  EXPECT_EQ(current.value("observedGeneration", 0), 1);
  const std::optional<json> deployment = get(kDeployments, "podinfo");
  ASSERT_TRUE(deployment.has_value());
  EXPECT_EQ((*deployment)["spec"]["replicas"], 2);  // spec.values wins over the ConfigMap
  const std::optional<json> service = get({"", "v1", "services", "Service", true}, "podinfo");
  ASSERT_TRUE(service.has_value());
  EXPECT_EQ((*service)["spec"]["ports"][0]["port"], 9999);  // from the ConfigMap
  EXPECT_TRUE(releaseSecretExists(1));
  EXPECT_TRUE(hasFinalizer(*get(helmReleaseResource(), "podinfo")));

  // Several resyncs (1 s apart) with nothing changed: no new revision.
  std::this_thread::sleep_for(std::chrono::milliseconds(3500));
  EXPECT_FALSE(releaseSecretExists(2));

  const std::string path = kube::client::resourcePath(helmReleaseResource(), "default", "podinfo");
  auto patched = client_->patch(path, kube::client::PatchType::Merge, {{"spec", {{"values", {{"replicaCount", 3}}}}}});
  ASSERT_TRUE(patched) << patched.error().message;
  ASSERT_TRUE(eventually([&] {
    const json now = status("podinfo");
    return releaseSecretExists(2) && now.value("observedGeneration", 0) == 2 && now.value("phase", "") == "Succeeded";
  })) << status("podinfo");
  EXPECT_EQ((*get(kDeployments, "podinfo"))["spec"]["replicas"], 3);
  std::this_thread::sleep_for(std::chrono::milliseconds(2500));
  EXPECT_FALSE(releaseSecretExists(3));

  ASSERT_TRUE(client_->remove(path));
  ASSERT_TRUE(eventually([&] { return !get(helmReleaseResource(), "podinfo").has_value(); }));
  EXPECT_FALSE(releaseSecretExists(2));
  EXPECT_FALSE(get(kDeployments, "podinfo").has_value());
}

TEST_F(ReconcilerE2E, RevisionLeftPendingByACrashIsUnlockedThenUpgraded) {
  json spec = podinfoSpec("6.5.0");
  spec.erase("valuesFrom");
  create(helmReleaseResource(), helmRelease("podinfo", spec));
  ASSERT_TRUE(eventually([&] { return status("podinfo").value("phase", "") == "Succeeded"; })) << status("podinfo");
  controller_->stop();

  // What a controller killed mid-upgrade leaves behind: revision 2 pending-upgrade.
  SecretStorage storage(client_, "default");
  auto first = storage.get("podinfo", 1);
  ASSERT_TRUE(first) << first.error().message;
  Release pending = *first;
  pending.version = 2;
  pending.info.status = std::string(status::kPendingUpgrade);
  ASSERT_TRUE(storage.create(pending).ok());

  controller_ = std::make_unique<Controller>(
      client_,
      std::make_shared<Reconciler>(ActionContext{client_, std::make_shared<kube::client::RestMapper>(client_)},
                                   std::make_shared<chart::repo::RepositoryPool>(workDir_ + "/chart-cache")),
      ControllerOptions{});
  controller_->start();
  ASSERT_TRUE(eventually([&] { return releaseSecretExists(3); })) << status("podinfo");
  auto unlocked = storage.get("podinfo", 2);
  ASSERT_TRUE(unlocked) << unlocked.error().message;
  EXPECT_EQ(unlocked->info.status, "failed");
  ASSERT_TRUE(eventually([&] {
    auto third = storage.get("podinfo", 3);
    return third && third->info.status == "deployed";
  }));
  EXPECT_TRUE(eventually([&] { return status("podinfo").value("phase", "") == "Succeeded"; })) << status("podinfo");
}

TEST_F(ReconcilerE2E, MissingChartVersionReportsChartFetchFailed) {
  json spec = podinfoSpec("7.0.0");
  spec.erase("valuesFrom");
  create(helmReleaseResource(), helmRelease("podinfo", spec));
  ASSERT_TRUE(eventually([&] { return status("podinfo").value("phase", "") == "ChartFetchFailed"; }))
      << status("podinfo");
  const json current = status("podinfo");
  EXPECT_EQ(conditionField(current, "ChartFetched", "status"), "False");
  EXPECT_NE(conditionField(current, "ChartFetched", "message").find("VersionNotFound"), std::string::npos) << current;
  EXPECT_EQ(conditionField(current, "Released", "status"), "False");
  EXPECT_FALSE(releaseSecretExists(1));

  // The retries (with backoff) pick the version up once the repository publishes it.
  publishPodinfo("7.0.0");
  ASSERT_TRUE(eventually([&] { return status("podinfo").value("phase", "") == "Succeeded"; })) << status("podinfo");
  EXPECT_EQ(status("podinfo").value("revision", ""), "7.0.0");
  EXPECT_EQ(conditionField(status("podinfo"), "ChartFetched", "status"), "True") << status("podinfo");
  EXPECT_TRUE(releaseSecretExists(1));
}

TEST_F(ReconcilerE2E, HelmVersionV2IsRefusedWithACondition) {
  json spec = podinfoSpec("6.5.0");
  spec["helmVersion"] = "v2";
  create(helmReleaseResource(), helmRelease("legacy", spec));
  ASSERT_TRUE(eventually([&] { return status("legacy").value("phase", "") == "Failed"; })) << status("legacy");
  const json current = status("legacy");
  EXPECT_EQ(conditionField(current, "Released", "reason"), "InvalidSpec");
  EXPECT_NE(conditionField(current, "Released", "message").find("helmVersion"), std::string::npos) << current;
  EXPECT_FALSE(releaseSecretExists(1));
}

}  // namespace
}  // namespace ho::controller
