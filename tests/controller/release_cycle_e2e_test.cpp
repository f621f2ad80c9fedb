// The Flux v1 release cycle end to end, in-process (bundled API server,
// static chart repository, Controller): spec.test runs the chart's test hooks
// after installs and upgrades (Tested condition; a failure rolls an upgrade
// back, or is ignored with ignoreFailures), and spec.rollback.retry retries a
// rolled-back upgrade while rollbackCount <= maxRetries, then waits.
// On the bundled server Jobs and Pods run to completion, and a container whose
// command is `false` exits 1, so a Job test passes and such a Pod test fails;
// a LoadBalancer Service never gets an ingress, so a waiting upgrade that adds
// one fails.
#include <gtest/gtest.h>

#include <thread>

#include "controller/release/secret_storage.h"
#include "in_process_operator.h"

namespace ho::controller {
namespace {

using nlohmann::json;
using testing::eventually;

constexpr const char* kConfigMap =
    "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: {{ .Release.Name }}\ndata:\n"
    "  size: {{ .Values.size | quote }}\n"
    "{{- if .Values.loadBalancer }}\n---\napiVersion: v1\nkind: Service\nmetadata:\n  name: {{ .Release.Name }}-lb\n"
    "spec:\n  type: LoadBalancer\n  ports:\n  - port: 80\n{{- end }}\n";

std::string testHook(const std::string& kind) {
  const std::string pod =
      "containers:\n  - name: t\n    image: busybox\n    command: [\"false\"]\n  restartPolicy: Never\n";
  if (kind == "Pod") {
    return "apiVersion: v1\nkind: Pod\nmetadata:\n  name: {{ .Release.Name }}-test\n  annotations:\n"
           "    helm.sh/hook: test\nspec:\n  " + pod;
  }
  return "apiVersion: batch/v1\nkind: Job\nmetadata:\n  name: {{ .Release.Name }}-test\n  annotations:\n"
         "    helm.sh/hook: test\nspec:\n  template:\n    spec:\n      containers:\n      - name: t\n"
         "        image: busybox\n      restartPolicy: Never\n";
}

class ReleaseCycleE2E : public testing::InProcessOperatorTest {
 protected:
  void SetUp() override {
    InProcessOperatorTest::SetUp();
    for (const char* kind : {"Job", "Pod"}) {
      ASSERT_EQ(repository_->publish("app", kind == std::string("Job") ? "1.0.0" : "1.0.1",
                                     {{"values.yaml", "size: 1\nloadBalancer: false\n"},
                                      {"templates/cm.yaml", kConfigMap},
                                      {"templates/test.yaml", testHook(kind)}}),
                "");
    }
    startController();
  }

  // Creates or replaces the spec of HelmRelease "app" (release name "app").
  void applySpec(const json& spec) {
    json full = spec;
    full["releaseName"] = "app";
    applyHelmRelease("app", full);
  }

  json status() const { return InProcessOperatorTest::status("app"); }
  std::string condition(const std::string& type) const { return InProcessOperatorTest::condition("app", type); }
  std::string revision(int version) const { return InProcessOperatorTest::revision("app", version); }
  bool phaseIs(const std::string& expected) const { return phase("app") == expected; }
};

TEST_F(ReleaseCycleE2E, PassingTestsSetTestedAndFailingOnesRollTheUpgradeBack) {
  applySpec({{"chart", chartAt("1.0.0")},
             {"test", {{"enable", true}, {"timeout", 2}}},
             {"rollback", {{"enable", true}}}});
  ASSERT_TRUE(eventually([&] { return phaseIs("Succeeded"); })) << status();
  EXPECT_EQ(condition("Tested"), "True") << status();
  auto installed = SecretStorage(client_, "default").get("app", 1);
  ASSERT_TRUE(installed);
  ASSERT_EQ(installed->hooks.size(), 1u);
  EXPECT_EQ(installed->hooks[0].lastRun.phase, "Succeeded");

  // 1.0.1's test is a Pod that fails: the upgrade is rolled back.
  applySpec({{"chart", chartAt("1.0.1")},
             {"test", {{"enable", true}, {"timeout", 2}}},
             {"rollback", {{"enable", true}}}});
  ASSERT_TRUE(eventually([&] { return phaseIs("RolledBack"); })) << status();
  EXPECT_EQ(condition("Tested"), "False");
  EXPECT_EQ(condition("RolledBack"), "True");
  EXPECT_EQ(condition("Released"), "False");
  EXPECT_EQ(revision(2), "superseded");
  EXPECT_EQ(revision(3), "deployed");
  EXPECT_EQ(status().value("revision", ""), "1.0.0");
  EXPECT_EQ(status().value("lastAttemptedRevision", ""), "1.0.1");
}

TEST_F(ReleaseCycleE2E, IgnoredTestFailuresLeaveTheReleaseReleased) {
  applySpec({{"chart", chartAt("1.0.1")},
             {"test", {{"enable", true}, {"timeout", 1}, {"ignoreFailures", true}}}});
  ASSERT_TRUE(eventually([&] { return phaseIs("Succeeded"); })) << status();
  EXPECT_EQ(condition("Tested"), "False");
  EXPECT_EQ(condition("Released"), "True");
  EXPECT_EQ(revision(1), "deployed");
  std::this_thread::sleep_for(std::chrono::seconds(2));
  EXPECT_EQ(revision(2), "");
}

TEST_F(ReleaseCycleE2E, RolledBackUpgradeIsRetriedUpToMaxRetriesThenWaits) {
  const json rollback = {{"enable", true}, {"retry", true}, {"maxRetries", 1}};
  applySpec({{"chart", chartAt("1.0.0")}, {"timeout", 1}, {"rollback", rollback}});
  ASSERT_TRUE(eventually([&] { return phaseIs("Succeeded"); })) << status();

  applySpec({{"chart", chartAt("1.0.0")}, {"timeout", 1}, {"rollback", rollback},
             {"values", {{"loadBalancer", true}}}});
  // Upgrade (v2) fails, rollback (v3); retried once (count 1 <= 1): v4 fails, rollback v5; then it waits.
  ASSERT_TRUE(eventually([&] { return revision(5) == "deployed"; })) << status();
  ASSERT_TRUE(eventually([&] { return phaseIs("RolledBack") && status().value("rollbackCount", 0) == 2; }))
      << status();
  EXPECT_EQ(revision(2), "failed");
  EXPECT_EQ(revision(4), "failed");
  std::this_thread::sleep_for(std::chrono::seconds(4));
  EXPECT_EQ(revision(6), "");

  // A change of values is tried again (and succeeds), which clears the rollback state.
  applySpec({{"chart", chartAt("1.0.0")}, {"timeout", 1}, {"rollback", rollback},
             {"values", {{"loadBalancer", false}, {"size", 3}}}});
  ASSERT_TRUE(eventually([&] { return phaseIs("Succeeded"); })) << status();
  EXPECT_EQ(revision(6), "deployed");
  EXPECT_EQ(status().value("rollbackCount", 0), 0);
  EXPECT_EQ(condition("RolledBack"), "");
}

}  // namespace
}  // namespace ho::controller
