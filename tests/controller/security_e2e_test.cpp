// Security properties of the controller end to end, in-process (bundled API
// server, static chart repository, Controller with Events): a value read
// from a Secret (valuesFrom secretKeyRef) that a failing chart echoes in its
// error appears nowhere in the status, the Events or the controller's log
// output; and a controller confined to one namespace (--allow-namespace)
// leaves HelmReleases elsewhere alone.
#include <gtest/gtest.h>

#include <thread>

#include "in_process_operator.h"
#include "kube/client/base64_codec.h"
#include "kube/client/core_resources.h"

namespace ho::controller {
namespace {

using nlohmann::json;
using testing::eventually;

using kube::client::kSecrets;
using kube::client::kEvents;
using kube::client::kNamespaces;

constexpr const char* kSecretValue = "hunter2-Zq8xW3-s3cr3t";

// A chart that refuses to render and says why, quoting the password it was given.
constexpr const char* kEchoingTemplate =
    "{{- if .Values.password }}{{ fail (printf \"password %s is too weak\" .Values.password) }}{{ end }}\n"
    "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: {{ .Release.Name }}\n";

class SecurityE2E : public testing::InProcessOperatorTest {
 protected:
  void SetUp() override {
    InProcessOperatorTest::SetUp();
    ASSERT_EQ(repository_->publish("echo", "1.0.0", {{"templates/cm.yaml", kEchoingTemplate}}), "");
  }

  void startReportingController(const std::string& allowedNamespace = "") {
    ControllerOptions options = optionsWithEvents();
    options.namespace_ = allowedNamespace;
    startController(options);
  }

  std::string eventMessages(const std::string& ns = "default") const {
    auto list = client_->get(kube::client::resourcePath(kEvents, ns));
    std::string messages;
    if (!list) return messages;
    for (const json& event : (*list)["items"]) messages += event.value("message", "") + "\n";
    return messages;
  }
};

TEST_F(SecurityE2E, SecretValuesEchoedByAFailingInstallAreRedactedEverywhere) {
  const json secret = {{"apiVersion", "v1"},
                       {"kind", "Secret"},
                       {"metadata", {{"name", "db-credentials"}}},
                       {"data", {{"values.yaml", kube::client::base64Encode(std::string("password: ") + kSecretValue +
                                                                            "\n")}}}};
  ASSERT_TRUE(client_->create(kube::client::resourcePath(kSecrets, "default"), secret));

  ::testing::internal::CaptureStderr();
  startReportingController();
  applyHelmRelease("echo", {{"releaseName", "echo"},
                            {"chart", chartAt("1.0.0", "echo")},
                            {"valuesFrom", json::array({{{"secretKeyRef", {{"name", "db-credentials"}}}}})}});
  const bool failed = eventually([&] {
    return status("echo").dump().find("is too weak") != std::string::npos &&
           eventMessages().find("is too weak") != std::string::npos;
  });
  std::this_thread::sleep_for(std::chrono::seconds(2));  // a few more retries write more lines
  controller_->stop();
  const std::string log = ::testing::internal::GetCapturedStderr();
  ASSERT_TRUE(failed) << helmRelease("echo") << eventMessages();

  const std::string statusText = status("echo").dump();
  EXPECT_NE(statusText.find("password ***** is too weak"), std::string::npos) << statusText;
  EXPECT_EQ(statusText.find(kSecretValue), std::string::npos) << statusText;
  const std::string events = eventMessages();
  EXPECT_EQ(events.find(kSecretValue), std::string::npos) << events;
  EXPECT_NE(log.find("is too weak"), std::string::npos) << log;
  EXPECT_EQ(log.find(kSecretValue), std::string::npos) << log;
}

TEST_F(SecurityE2E, AllowNamespaceLeavesHelmReleasesInOtherNamespacesAlone) {
  ASSERT_TRUE(client_->create(kube::client::resourcePath(kNamespaces),
                              {{"apiVersion", "v1"}, {"kind", "Namespace"}, {"metadata", {{"name", "elsewhere"}}}}));
  ASSERT_EQ(repository_->publish("app", "1.0.0",
                                 {{"templates/cm.yaml",
                                   "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: {{ .Release.Name }}\n"}}),
            "");
  startReportingController("default");
  applyHelmRelease("outside", {{"chart", chartAt("1.0.0")}}, "elsewhere");
  applyHelmRelease("inside", {{"chart", chartAt("1.0.0")}});
  ASSERT_TRUE(eventually([&] { return phase("inside") == "Succeeded"; })) << helmRelease("inside");
  std::this_thread::sleep_for(std::chrono::seconds(3));  // several resyncs
  EXPECT_EQ(helmRelease("outside", "elsewhere").value("status", json::object()), json::object())
      << helmRelease("outside", "elsewhere");
  EXPECT_FALSE(helmRelease("outside", "elsewhere")["metadata"].contains("finalizers"));
  EXPECT_EQ(revision("elsewhere-outside", 1, "elsewhere"), "");
  EXPECT_EQ(eventMessages("elsewhere"), "");
}

}  // namespace
}  // namespace ho::controller
