// `helm-operator run` as real processes against one bundled API server:
// --listen serves /healthz, /readyz and /metrics (Flux v1 names), each
// reconcile logs one summary line, SIGTERM exits 0, and with --leader-elect
// exactly one of two controllers reconciles until it stops, when the other
// takes over; the shards of examples/sharding/ (--watch-label-selector, one
// Lease each) reconcile only their own HelmReleases, applied and relabelled
// with real kubectl.
#include <gtest/gtest.h>

#include <map>
#include <thread>

#include "../kube/e2e_support.h"
#include "controller/reconciler/helm_release_object.h"
#include "controller/runtime/leader_elector.h"
#include "encoding/go_json.h"
#include "encoding/go_yaml.h"
#include "kube/client/kubeconfig.h"
#include "operator_process.h"
#include "test_chart_repository.h"
#include "kube/client/core_resources.h"

namespace ho::controller {
namespace {

using nlohmann::json;
using testing::eventually;
using testing::OperatorProcess;

using kube::client::kLeases;

constexpr const char* kConfigMap =
    "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: {{ .Release.Name }}\ndata:\n  size: \"1\"\n";

class OperatorProcessE2E : public ::testing::Test {
 protected:
  void SetUp() override {
    cluster_ = std::make_unique<kube::testing::LiveCluster>();
    workDir_ = std::filesystem::path(cluster_->writeFile("marker", "")).parent_path().string();
    auto client = cluster_->connect();
    ASSERT_TRUE(client) << client.error().message;
    client_ = *client;
    repository_ = std::make_unique<testing::TestChartRepository>(workDir_ + "/repo");
    ASSERT_EQ(repository_->publish("app", "1.0.0", {{"templates/cm.yaml", kConfigMap}}), "");
  }

  void TearDown() override {
    for (auto& [port, process] : processes_) {
      if (HasFailure()) std::cerr << "--- controller on " << port << " ---\n" << process->log();
    }
  }

  // Starts a controller listening on a fresh port; returns the port.
  int startController(std::vector<std::string> extra = {}) {
    const int port = testing::freeLoopbackPort();
    std::vector<std::string> arguments = {"run",
                                          "--kubeconfig", workDir_ + "/kubeconfig",
                                          "--listen", "127.0.0.1:" + std::to_string(port),
                                          "--charts-sync-interval", "2s",
                                          "--crd", std::string(HO_SOURCE_DIR) + "/crds/helm.fluxcd.io_helmreleases.yaml"};
    arguments.insert(arguments.end(), extra.begin(), extra.end());
    auto process = std::make_unique<OperatorProcess>(arguments, workDir_ + "/controller-" + std::to_string(port) + ".log");
    process->start();
    processes_[port] = std::move(process);
    return port;
  }

  OperatorProcess& process(int port) { return *processes_.at(port); }

  std::string http(int port, const std::string& path) const {
    return cluster_->run("curl -s -w ' %{http_code}' http://127.0.0.1:" + std::to_string(port) + path, 10).output;
  }

  void createRelease(const std::string& name) {
    const json object = {{"apiVersion", "helm.fluxcd.io/v1"},
                         {"kind", "HelmRelease"},
                         {"metadata", {{"name", name}, {"namespace", "default"}}},
                         {"spec",
                          {{"releaseName", name},
                           {"chart", {{"repository", repository_->url()}, {"name", "app"}, {"version", "1.0.0"}}}}}};
    ASSERT_TRUE(client_->create(kube::client::resourcePath(helmReleaseResource(), "default"), object));
  }

  bool succeeded(const std::string& name) const {
    auto object = client_->get(kube::client::resourcePath(helmReleaseResource(), "default", name));
    return object && object->value("status", json::object()).value("phase", "") == "Succeeded";
  }

  std::string leaseHolder(const std::string& lease = "helm-operator-leader") const {
    auto object = client_->get(kube::client::resourcePath(kLeases, "default", lease));
    return object ? (*object)["spec"].value("holderIdentity", "") : std::string();
  }

  static bool logged(const std::string& log, const std::string& helmRelease) {
    return timesLogged(log, helmRelease) > 0;
  }

  // How many reconciles of `helmRelease` the log shows.
  static int timesLogged(const std::string& log, const std::string& helmRelease) {
    const std::string line = "msg=reconciled helmrelease=" + helmRelease + " ";
    int count = 0;
    for (size_t at = log.find(line); at != std::string::npos; at = log.find(line, at + 1)) ++count;
    return count;
  }

  std::unique_ptr<kube::testing::LiveCluster> cluster_;
  std::string workDir_;
  std::shared_ptr<kube::client::RestClient> client_;
  std::unique_ptr<testing::TestChartRepository> repository_;
  std::map<int, std::unique_ptr<OperatorProcess>> processes_;
};

TEST_F(OperatorProcessE2E, ServesHealthReadinessAndMetricsLogsEachReconcileAndExitsZeroOnSigterm) {
  const int port = startController();
  ASSERT_TRUE(eventually([&] { return http(port, "/readyz") == "OK 200"; }, std::chrono::seconds(30)))
      << http(port, "/readyz");
  EXPECT_EQ(http(port, "/healthz"), "OK 200");
  EXPECT_EQ(http(port, "/nothing"), "404 page not found\n 404");

  createRelease("app");
  ASSERT_TRUE(eventually([&] { return succeeded("app"); }));
  ASSERT_TRUE(eventually([&] { return logged(process(port).log(), "default/app"); }));
  const std::string log = process(port).log();
  EXPECT_NE(log.find("msg=reconciled helmrelease=default/app release=app action=install result=success duration="),
            std::string::npos)
      << log;

  const std::string metrics = http(port, "/metrics");
  for (const char* expected :
       {"# TYPE flux_helm_operator_release_count gauge\nflux_helm_operator_release_count 1\n",
        "flux_helm_operator_release_queue_length_count ",
        "flux_helm_operator_release_action_duration_seconds_count{action=\"install\",release_name=\"app\","
        "success=\"true\",target_namespace=\"default\"} 1\n",
        "flux_helm_operator_release_condition_info{condition=\"Released\",release_name=\"app\","
        "target_namespace=\"default\"} 1\n",
        "helm_operator_reconcile_total{result=\"success\"} ", "helm_operator_chart_fetch_duration_seconds_bucket{",
        "helm_operator_leader 1\n", "helm_operator_events_total{reason=\"ReleaseSynced\",type=\"Normal\"} 1\n"}) {
    EXPECT_NE(metrics.find(expected), std::string::npos) << expected << "\n" << metrics;
  }

  EXPECT_EQ(process(port).terminate(), 0);
  EXPECT_NE(process(port).log().find("msg=\"helm-operator stopped\""), std::string::npos);
}

TEST_F(OperatorProcessE2E, WithLeaderElectionExactlyOneReconcilesAndTheOtherTakesOverWhenItStops) {
  const std::vector<std::string> election = {"--leader-elect", "--leader-election-namespace", "default",
                                             "--leader-elect-lease-duration", "4s", "--leader-elect-renew-deadline",
                                             "3s", "--leader-elect-retry-period", "500ms"};
  const int first = startController(election);
  ASSERT_TRUE(eventually([&] { return !leaseHolder().empty(); }, std::chrono::seconds(30)));
  const int second = startController(election);
  ASSERT_TRUE(eventually([&] { return http(second, "/readyz") == "OK 200"; }, std::chrono::seconds(30)));
  EXPECT_EQ(http(first, "/readyz"), "OK 200");
  EXPECT_TRUE(leaseHolder().ends_with("_" + std::to_string(process(first).pid()))) << leaseHolder();
  EXPECT_NE(http(first, "/metrics").find("helm_operator_leader 1\n"), std::string::npos);
  EXPECT_NE(http(second, "/metrics").find("helm_operator_leader 0\n"), std::string::npos);

  createRelease("one");
  ASSERT_TRUE(eventually([&] { return succeeded("one"); }));
  std::this_thread::sleep_for(std::chrono::seconds(3));  // a resync on each side
  EXPECT_TRUE(logged(process(first).log(), "default/one"));
  EXPECT_FALSE(logged(process(second).log(), "default/one"));

  EXPECT_EQ(process(first).terminate(), 0);
  ASSERT_TRUE(eventually([&] { return leaseHolder().ends_with("_" + std::to_string(process(second).pid())); },
                         std::chrono::seconds(10)))
      << leaseHolder();
  createRelease("two");
  ASSERT_TRUE(eventually([&] { return succeeded("two"); }));
  EXPECT_TRUE(logged(process(second).log(), "default/two"));
  EXPECT_EQ(process(second).terminate(), 0);
}

// The --watch-label-selector and --leader-election-id arguments of each
// Deployment that `kubectl kustomize examples/sharding` builds, by Deployment name.
std::map<std::string, std::vector<std::string>> shardArguments(const kube::testing::LiveCluster& cluster,
                                                               const std::string& kubectl) {
  const kube::testing::CommandResult built =
      cluster.run(kubectl + " kustomize " + std::string(HO_SOURCE_DIR) + "/examples/sharding");
  EXPECT_EQ(built.exitCode, 0) << built.output;
  auto documents = encoding::parseYamlDocuments(built.output);
  EXPECT_TRUE(documents);
  std::map<std::string, std::vector<std::string>> shards;
  for (const Value& document : documents ? *documents : std::vector<Value>{}) {
    auto text = encoding::toJson(document);
    EXPECT_TRUE(text);
    const json object = text ? json::parse(*text) : json::object();
    if (object.value("kind", "") != "Deployment") continue;
    std::vector<std::string>& arguments = shards[object["metadata"]["name"]];
    for (const json& argument : object["spec"]["template"]["spec"]["containers"][0]["args"]) {
      const std::string text = argument.get<std::string>();
      if (text.starts_with("--watch-label-selector=") || text.starts_with("--leader-election-id=")) {
        arguments.push_back(text);
      }
    }
  }
  return shards;
}

TEST_F(OperatorProcessE2E, ShardsOfTheShardingExampleReconcileOnlyTheirOwnHelmReleases) {
  const std::string kubectl = kube::testing::findKubectl("1.32");
  if (kubectl.empty()) GTEST_SKIP() << "kubectl 1.32 binary not found";
  const auto shards = shardArguments(*cluster_, kubectl);
  ASSERT_EQ(shards.size(), 3u);
  const std::vector<std::string> election = {"--leader-elect", "--leader-election-namespace", "default",
                                             "--leader-elect-lease-duration", "4s", "--leader-elect-renew-deadline",
                                             "3s", "--leader-elect-retry-period", "500ms"};
  std::map<std::string, int> portOf;  // Deployment name -> its controller's port
  for (const auto& [deployment, arguments] : shards) {
    std::vector<std::string> all = election;
    all.insert(all.end(), arguments.begin(), arguments.end());
    portOf[deployment] = startController(all);
  }
  // One Lease per shard: the two named in the example, and the one derived from the default's selector.
  for (const char* lease : {"helm-operator-shard1", "helm-operator-shard2"}) {
    ASSERT_TRUE(eventually([&] { return !leaseHolder(lease).empty(); }, std::chrono::seconds(30))) << lease;
  }
  ASSERT_EQ(shards.at("helm-operator"), std::vector<std::string>{"--watch-label-selector=!sharding.fluxcd.io/key"});
  const std::string derivedLease = runtime::shardLeaseName("helm-operator-leader", "!sharding.fluxcd.io/key");
  ASSERT_TRUE(eventually([&] { return !leaseHolder(derivedLease).empty(); }, std::chrono::seconds(30)))
      << derivedLease;

  std::string manifests;
  for (const auto& [name, key] : {std::pair{"one", "shard1"}, std::pair{"two", "shard2"}, std::pair{"rest", ""}}) {
    manifests += "---\napiVersion: helm.fluxcd.io/v1\nkind: HelmRelease\nmetadata:\n  name: " + std::string(name) +
                 "\n  namespace: default\n" +
                 (*key ? "  labels:\n    sharding.fluxcd.io/key: " + std::string(key) + "\n" : std::string()) +
                 "spec:\n  releaseName: " + name + "\n  chart:\n    repository: " + repository_->url() +
                 "\n    name: app\n    version: 1.0.0\n";
  }
  const kube::testing::CommandResult applied =
      cluster_->run(kubectl + " apply -f " + cluster_->writeFile("helmreleases.yaml", manifests));
  ASSERT_EQ(applied.exitCode, 0) << applied.output;
  for (const char* name : {"one", "two", "rest"}) ASSERT_TRUE(eventually([&] { return succeeded(name); })) << name;
  std::this_thread::sleep_for(std::chrono::seconds(3));  // a resync on each side

  const std::map<std::string, std::string> owner = {
      {"default/one", "helm-operator-shard1"}, {"default/two", "helm-operator-shard2"}, {"default/rest", "helm-operator"}};
  for (const auto& [helmRelease, shard] : owner) {
    for (const auto& [deployment, port] : portOf) {
      EXPECT_EQ(logged(process(port).log(), helmRelease), deployment == shard) << helmRelease << " by " << deployment;
    }
  }
  for (const auto& [deployment, port] : portOf) {
    EXPECT_NE(http(port, "/metrics").find("\nflux_helm_operator_release_count 1\n"), std::string::npos) << deployment;
  }

  // Relabelled into shard2: shard2 takes it over, shard1 lets it go and stops reconciling it.
  const kube::testing::CommandResult relabelled =
      cluster_->run(kubectl + " label helmrelease one sharding.fluxcd.io/key=shard2 --overwrite");
  ASSERT_EQ(relabelled.exitCode, 0) << relabelled.output;
  OperatorProcess& shard1 = process(portOf.at("helm-operator-shard1"));
  OperatorProcess& shard2 = process(portOf.at("helm-operator-shard2"));
  ASSERT_TRUE(eventually([&] { return logged(shard2.log(), "default/one"); })) << shard2.log();
  ASSERT_TRUE(eventually([&] {
    return http(portOf.at("helm-operator-shard1"), "/metrics").find("\nflux_helm_operator_release_count 0\n") !=
           std::string::npos;
  }));
  const int beforeResyncs = timesLogged(shard1.log(), "default/one");
  std::this_thread::sleep_for(std::chrono::seconds(3));  // resyncs on each side
  EXPECT_EQ(timesLogged(shard1.log(), "default/one"), beforeResyncs) << shard1.log();
  EXPECT_GT(timesLogged(shard2.log(), "default/one"), 1);
  EXPECT_NE(http(portOf.at("helm-operator-shard2"), "/metrics").find("\nflux_helm_operator_release_count 2\n"),
            std::string::npos);
  EXPECT_TRUE(succeeded("one"));
  for (const auto& [deployment, port] : portOf) EXPECT_EQ(process(port).terminate(), 0) << deployment;
}

}  // namespace
}  // namespace ho::controller
