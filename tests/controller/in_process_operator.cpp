// InProcessOperatorTest: cluster, repository and controller set-up shared by the in-process e2e tests.
#include "in_process_operator.h"

#include <filesystem>
#include <functional>

#include "controller/reconciler/crd_installer.h"
#include "controller/reconciler/helm_release_object.h"
#include "controller/release/secret_storage.h"
#include "controller/runtime/operator_metrics.h"
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

ControllerOptions InProcessOperatorTest::optionsWithEvents() const {
  ControllerOptions options = fastOptions();
  options.reporter = std::make_shared<runtime::ReconcileReporter>(std::make_shared<runtime::EventRecorder>(client_),
                                                                  std::make_shared<runtime::OperatorMetrics>());
  return options;
}

void InProcessOperatorTest::startController(ControllerOptions options) {
  ReconcilerOptions reconcilerOptions;
  reconcilerOptions.observer = options.reporter;
  reconcilerOptions.chartFetchTimeout = chartFetchTimeout_;
  const std::shared_ptr<kube::client::RestClient> client = controllerClient_ ? controllerClient_ : client_;
  auto reconciler = std::make_shared<Reconciler>(
      ActionContext{client, std::make_shared<kube::client::RestMapper>(client)},
      // Indexes are revalidated after half a resync interval, as `helm-operator run` does.
      std::make_shared<chart::repo::RepositoryPool>(
          workDir_ + "/chart-cache",
          std::chrono::duration_cast<std::chrono::milliseconds>(options.resyncInterval) / 2),
      reconcilerOptions);
  controller_ = std::make_unique<Controller>(client, reconciler, options);
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

namespace {

std::string conditionField(const json& status, const std::string& type, const std::string& field) {
  for (const json& entry : status.value("conditions", json::array())) {
    if (entry.value("type", "") == type) return entry.value(field, "");
  }
  return "";
}

}  // namespace

std::string InProcessOperatorTest::condition(const std::string& name, const std::string& type,
                                             const std::string& ns) const {
  return conditionField(status(name, ns), type, "status");
}

std::string InProcessOperatorTest::conditionMessage(const std::string& name, const std::string& type,
                                                    const std::string& ns) const {
  return conditionField(status(name, ns), type, "message");
}

std::string InProcessOperatorTest::warningEvents(const std::string& name, const std::string& ns) const {
  static const kube::client::ResourceType events{"", "v1", "events", "Event", true};
  auto list = client_->get(kube::client::resourcePath(events, ns) + "?fieldSelector=" +
                           kube::client::queryEscape("involvedObject.name=" + name));
  std::string found;
  if (!list) return found;
  for (const json& event : (*list)["items"]) {
    if (event.value("type", "") != "Warning") continue;
    found += event.value("reason", "") + ": " + event.value("message", "") + "\n";
  }
  return found;
}

std::string InProcessOperatorTest::revision(const std::string& release, int version, const std::string& ns) const {
  auto found = SecretStorage(client_, ns).get(release, version);
  return found ? found->info.status : std::string();
}

std::string InProcessOperatorTest::apiServerUrl() const {
  return client_->config().server;
}

std::string InProcessOperatorTest::writeKubeconfigFor(const std::string& server) const {
  std::string kubeconfig = cluster_->run("cat kubeconfig").output;
  const std::string current = apiServerUrl();
  kubeconfig.replace(kubeconfig.find(current), current.size(), server);
  return cluster_->writeFile("kubeconfig-" + std::to_string(std::hash<std::string>{}(server)), kubeconfig);
}

}  // namespace ho::controller::testing
