// Kubernetes Events on HelmReleases, end to end in-process (bundled API
// server, static chart repository, Controller with a ReconcileReporter):
// each step of a release becomes an Event with Flux v1's reason, repeats are
// folded into one Event with a count, idle resyncs record nothing, secret
// values never reach a message, and `kubectl describe hr` (1.32) lists them.
#include <gtest/gtest.h>

#include <thread>

#include "controller/reconciler/helm_release_object.h"
#include "in_process_operator.h"
#include "kube/client/base64_codec.h"
#include "kube/client/kubeconfig.h"
#include "kube/client/core_resources.h"

namespace ho::controller {
namespace {

using nlohmann::json;
using testing::eventually;

using kube::client::kEvents;
using kube::client::kSecrets;

constexpr const char* kConfigMap =
    "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: {{ .Release.Name }}\ndata:\n  size: {{ .Values.size | quote }}\n";

class EventsE2E : public testing::InProcessOperatorTest {
 protected:
  void SetUp() override {
    InProcessOperatorTest::SetUp();
    ASSERT_EQ(repository_->publish("app", "1.0.0", {{"values.yaml", "size: 1\n"}, {"templates/cm.yaml", kConfigMap}}),
              "");
    metrics_ = std::make_shared<runtime::OperatorMetrics>();
    ControllerOptions options = fastOptions();
    options.retryBackoff = {std::chrono::milliseconds(100), std::chrono::milliseconds(500)};
    options.reporter = std::make_shared<runtime::ReconcileReporter>(std::make_shared<runtime::EventRecorder>(client_),
                                                                    metrics_);
    startController(options);
  }

  // The Events about HelmRelease `name`, as kubectl describe selects them.
  std::vector<json> events(const std::string& name) const {
    auto list = client_->get(kube::client::resourcePath(kEvents, "default") + "?fieldSelector=" +
                             kube::client::queryEscape("involvedObject.kind=HelmRelease,involvedObject.name=" + name));
    if (!list) return {};
    return (*list)["items"].get<std::vector<json>>();
  }

  std::vector<std::string> reasons(const std::string& name) const {
    std::vector<std::string> found;
    for (const json& event : events(name)) found.push_back(event.value("reason", ""));
    return found;
  }

  static bool contains(const std::vector<std::string>& list, const std::string& item) {
    return std::find(list.begin(), list.end(), item) != list.end();
  }

  std::shared_ptr<runtime::OperatorMetrics> metrics_;
};

TEST_F(EventsE2E, InstallRecordsFluxReasonsOnTheHelmReleaseAndIdleResyncsRecordNothing) {
  applyHelmRelease("app", {{"releaseName", "app"}, {"chart", chartAt("1.0.0")}});
  ASSERT_TRUE(eventually([&] { return contains(reasons("app"), "ReleaseSynced"); })) << helmRelease("app");
  const json release = helmRelease("app");
  const std::vector<json> recorded = events("app");
  std::vector<std::string> seen;
  for (const json& event : recorded) {
    seen.push_back(event["reason"].get<std::string>());
    EXPECT_EQ(event["involvedObject"]["uid"], release["metadata"]["uid"]);
    EXPECT_EQ(event["involvedObject"]["apiVersion"], "helm.fluxcd.io/v1");
    EXPECT_EQ(event["involvedObject"]["kind"], "HelmRelease");
    EXPECT_EQ(event["involvedObject"]["namespace"], "default");
    EXPECT_EQ(event["source"]["component"], "helm-operator");
    EXPECT_EQ(event["type"], "Normal") << event;
    EXPECT_EQ(event["count"], 1);
    EXPECT_FALSE(event.value("firstTimestamp", "").empty());
    EXPECT_FALSE(event.value("lastTimestamp", "").empty());
  }
  for (const char* reason : {"Installing", "Deployed", "Succeeded", "ReleaseSynced"}) {
    EXPECT_TRUE(contains(seen, reason)) << reason;
  }
  for (const json& event : recorded) {
    if (event["reason"] == "ReleaseSynced") {
      EXPECT_EQ(event["message"], "managed release 'app' in namespace 'default' synchronized");
    }
  }

  std::this_thread::sleep_for(std::chrono::milliseconds(3500));  // three resyncs
  const std::vector<json> later = events("app");
  EXPECT_EQ(later.size(), recorded.size());
  for (const json& event : later) EXPECT_EQ(event["count"], 1) << event;

  const std::string text = metrics_->registry().exposition();
  EXPECT_NE(text.find("flux_helm_operator_release_action_duration_seconds_count{action=\"install\",release_name=\"app\","
                      "success=\"true\",target_namespace=\"default\"} 1\n"),
            std::string::npos)
      << text;
  EXPECT_NE(text.find("flux_helm_operator_release_condition_info{condition=\"Released\",release_name=\"app\","
                      "target_namespace=\"default\"} 1\n"),
            std::string::npos)
      << text;
  EXPECT_NE(text.find("flux_helm_operator_release_count 1\n"), std::string::npos) << text;
}

TEST_F(EventsE2E, RepeatedFailuresFoldIntoOneEventWithACount) {
  applyHelmRelease("app", {{"releaseName", "app"}, {"chart", chartAt("9.9.9")}});
  auto failed = [&]() -> json {
    for (const json& event : events("app")) {
      if (event["reason"] == "FailedReleaseSync") return event;
    }
    return json();
  };
  ASSERT_TRUE(eventually([&] { return failed().is_object() && failed()["count"].get<int>() >= 3; })) << failed();
  const json event = failed();
  EXPECT_EQ(event["type"], "Warning");
  EXPECT_NE(event["message"].get<std::string>().find("synchronization of release 'app' in namespace 'default' "
                                                     "failed: "),
            std::string::npos)
      << event;
  EXPECT_NE(event["message"].get<std::string>().find("9.9.9"), std::string::npos) << event;
  EXPECT_NE(event["firstTimestamp"], nullptr);
  int folded = 0;
  for (const json& each : events("app")) folded += each["reason"] == "FailedReleaseSync" ? 1 : 0;
  EXPECT_EQ(folded, 1);
  EXPECT_TRUE(contains(reasons("app"), "ChartFetchFailed"));

  ASSERT_EQ(repository_->publish("app", "9.9.9", {{"values.yaml", "size: 1\n"}, {"templates/cm.yaml", kConfigMap}}),
            "");
  ASSERT_TRUE(eventually([&] { return contains(reasons("app"), "ChartFetched"); })) << json(reasons("app"));
  ASSERT_TRUE(eventually([&] { return phase("app") == "Succeeded"; }));
}

TEST_F(EventsE2E, SecretValuesNeverReachEventMessages) {
  const std::string secretText = "password: hunter2-s3cr3t\n  - [broken: {yaml\n";
  const json secret = {{"apiVersion", "v1"},
                       {"kind", "Secret"},
                       {"metadata", {{"name", "creds"}}},
                       {"data", {{"values.yaml", kube::client::base64Encode(secretText)}}}};
  ASSERT_TRUE(client_->create(kube::client::resourcePath(kSecrets, "default"), secret));
  applyHelmRelease("app", {{"releaseName", "app"},
                        {"chart", chartAt("1.0.0")},
                        {"valuesFrom", json::array({{{"secretKeyRef", {{"name", "creds"}}}}})}});
  ASSERT_TRUE(eventually([&] { return contains(reasons("app"), "FailedReleaseSync"); })) << helmRelease("app");
  for (const json& event : events("app")) {
    EXPECT_EQ(event["message"].get<std::string>().find("hunter2"), std::string::npos) << event;
  }
}

TEST_F(EventsE2E, UninstallAndARefusedSpecAreEventsToo) {
  applyHelmRelease("app", {{"releaseName", "app"}, {"chart", chartAt("1.0.0")}});
  ASSERT_TRUE(eventually([&] { return phase("app") == "Succeeded"; })) << helmRelease("app");
  ASSERT_TRUE(client_->remove(kube::client::resourcePath(helmReleaseResource(), "default", "app")));
  ASSERT_TRUE(eventually([&] { return contains(reasons("app"), "ReleaseUninstalled"); })) << json(reasons("app"));
  for (const json& event : events("app")) {
    if (event["reason"] == "ReleaseUninstalled") {
      EXPECT_EQ(event["message"], "uninstalled release 'app' in namespace 'default'");
      EXPECT_EQ(event["type"], "Normal");
    }
  }

  applyHelmRelease("v2", {{"helmVersion", "v2"}, {"chart", chartAt("1.0.0")}});
  ASSERT_TRUE(eventually([&] { return contains(reasons("v2"), "InvalidSpec"); })) << json(reasons("v2"));
  for (const json& event : events("v2")) {
    if (event["reason"] == "InvalidSpec") {
      EXPECT_EQ(event["type"], "Warning");
      EXPECT_NE(event["message"].get<std::string>().find("refusing to reconcile: "), std::string::npos) << event;
    }
  }
}

TEST_F(EventsE2E, KubectlDescribeShowsTheEvents) {
  const std::string kubectl = kube::testing::findKubectl("1.32");
  if (kubectl.empty()) GTEST_SKIP() << "kubectl 1.32 not installed";
  applyHelmRelease("app", {{"releaseName", "app"}, {"chart", chartAt("1.0.0")}});
  ASSERT_TRUE(eventually([&] { return contains(reasons("app"), "ReleaseSynced"); }));
  const kube::testing::CommandResult described = cluster_->run(kubectl + " describe hr app");
  ASSERT_EQ(described.exitCode, 0) << described.output;
  const std::string& text = described.output;
  const size_t section = text.find("\nEvents:\n");
  ASSERT_NE(section, std::string::npos) << text;
  const std::string eventsPart = text.substr(section);
  for (const char* expected : {"Type", "Reason", "From", "Message", "Normal", "Installing", "Succeeded",
                               "ReleaseSynced", "helm-operator",
                               "managed release 'app' in namespace 'default' synchronized"}) {
    EXPECT_NE(eventsPart.find(expected), std::string::npos) << expected << "\n" << text;
  }
}

TEST_F(EventsE2E, RecorderWritesInTheBackgroundFoldsRepeatsAndDrainsOnDestruction) {
  const runtime::ObjectReference pod{"v1", "Pod", "worker", "default", "uid-1", "1"};
  std::vector<std::string> counted;
  runtime::EventRecorderOptions options;
  options.onRecorded = [&](std::string_view type, std::string_view reason) {
    counted.push_back(std::string(type) + "/" + std::string(reason));
  };
  {
    runtime::EventRecorder recorder(client_, options);
    for (int i = 0; i < 3; ++i) recorder.record(pod, runtime::EventType::Warning, "BackOff", "restarting");
    recorder.flush();
    auto list = client_->get(kube::client::resourcePath(kEvents, "default") + "?fieldSelector=" +
                             kube::client::queryEscape("involvedObject.name=worker"));
    ASSERT_TRUE(list) << list.error().message;
    ASSERT_EQ((*list)["items"].size(), 1u) << *list;
    EXPECT_EQ((*list)["items"][0]["count"], 3);
    EXPECT_EQ((*list)["items"][0]["type"], "Warning");
    recorder.record(pod, runtime::EventType::Normal, "Started", "started");  // written by the destructor's drain
  }
  auto list = client_->get(kube::client::resourcePath(kEvents, "default") + "?fieldSelector=" +
                           kube::client::queryEscape("involvedObject.name=worker,reason=Started"));
  ASSERT_TRUE(list) << list.error().message;
  EXPECT_EQ((*list)["items"].size(), 1u) << *list;
  EXPECT_EQ(counted, (std::vector<std::string>{"Warning/BackOff", "Warning/BackOff", "Warning/BackOff", "Normal/Started"}));
}

}  // namespace
}  // namespace ho::controller
