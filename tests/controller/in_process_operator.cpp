// InProcessOperatorTest: cluster, repository and controller set-up shared by the in-process e2e tests.
#include "in_process_operator.h"

#include <filesystem>

#include "controller/reconciler/crd_installer.h"
#include "controller/reconciler/helm_release_object.h"
#include "controller/release/secret_storage.h"
#include "kube/client/kubeconfig.h"

namespace ho::controller::testing {

using nlohmann::json;

void InProcessOperatorTest::SetUp() {
  cluster_ = std::make_unique<kube::testing::LiveCluster>();
  auto client = cluster_->connect();
  ASSERT_TRUE(client) << client.error().message;
  client_ = *client;
  workDir_ = std::filesystem::path(cluster_->writeFile("marker", "")).parent_path().string();
  repository_ = std::make_unique<TestChartRepository>(workDir_ + "/repo");
  auto crd = ensureHelmReleaseCrd(*client_, std::string(HO_SOURCE_DIR) + "/crds/helm.fluxcd.io_helmreleases.yaml");
  ASSERT_TRUE(crd) << crd.error().message;
}

void InProcessOperatorTest::TearDown() {
  if (controller_) controller_->stop();
}

ControllerOptions InProcessOperatorTest::fastOptions() {
  ControllerOptions options;
  options.resyncInterval = std::chrono::seconds(1);
  options.retryBackoff = {std::chrono::milliseconds(100), std::chrono::seconds(1)};
  return options;
}

void InProcessOperatorTest::startController(ControllerOptions options) {
  ReconcilerOptions reconcilerOptions;
  reconcilerOptions.observer = options.reporter;
  auto reconciler = std::make_shared<Reconciler>(
      ActionContext{client_, std::make_shared<kube::client::RestMapper>(client_)},
      std::make_shared<chart::repo::RepositoryPool>(workDir_ + "/chart-cache"), reconcilerOptions);
  controller_ = std::make_unique<Controller>(client_, reconciler, options);
  controller_->start();
}

void InProcessOperatorTest::applyHelmRelease(const std::string& name, const json& spec, const std::string& ns) {
  const std::string path = kube::client::resourcePath(helmReleaseResource(), ns, name);
  if (client_->get(path)) {
    auto patched = client_->patch(path, kube::client::PatchType::Merge, {{"spec", spec}});
    ASSERT_TRUE(patched) << patched.error().message;
    return;
  }
  const json object = {{"apiVersion", "helm.fluxcd.io/v1"},
                       {"kind", "HelmRelease"},
                       {"metadata", {{"name", name}, {"namespace", ns}}},
                       {"spec", spec}};
  auto made = client_->create(kube::client::resourcePath(helmReleaseResource(), ns), object);
  ASSERT_TRUE(made) << made.error().message;
}

json InProcessOperatorTest::chartAt(const std::string& version, const std::string& chart) const {
  return {{"repository", repository_->url()}, {"name", chart}, {"version", version}};
}

json InProcessOperatorTest::helmRelease(const std::string& name, const std::string& ns) const {
  auto found = client_->get(kube::client::resourcePath(helmReleaseResource(), ns, name));
  return found ? *found : json::object();
}

json InProcessOperatorTest::status(const std::string& name, const std::string& ns) const {
  return helmRelease(name, ns).value("status", json::object());
}

std::string InProcessOperatorTest::phase(const std::string& name, const std::string& ns) const {
  return status(name, ns).value("phase", "");
}

std::string InProcessOperatorTest::condition(const std::string& name, const std::string& type,
                                             const std::string& ns) const {
  for (const json& entry : status(name, ns).value("conditions", json::array())) {
    if (entry.value("type", "") == type) return entry.value("status", "");
  }
  return "";
}

std::string InProcessOperatorTest::revision(const std::string& release, int version, const std::string& ns) const {
  auto found = SecretStorage(client_, ns).get(release, version);
  return found ? found->info.status : std::string();
}

}  // namespace ho::controller::testing
