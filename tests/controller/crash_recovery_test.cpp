// A controller killed (SIGKILL) at each step of an install and an upgrade
// converges after a restart, losing nothing and leaving nothing behind.
// KilledUpgrade... drives the actions directly: the revision left
// pending-upgrade blocks further actions exactly as it blocks helm, and
// unlocking it (marking it failed) lets the next upgrade through. The
// CrashStepsE2E tests run `helm-operator run` behind a FaultProxy that kills
// it at an exact request (the step's write never reaches the API server):
// after the pending release record is written, after some objects are
// applied, during a pre-install/pre-upgrade hook, and before the status
// (or the release record) says deployed. The restarted controller unlocks the
// pending revision (marks it failed), upgrades again and reports Released
// (as in helm, the upgrade supersedes the revision it replaces: the deployed
// one, or the failed install when none was deployed); every object of the
// chart exists with the new values.
#include <gtest/gtest.h>
#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

#include <algorithm>
#include <thread>

#include "../kube/e2e_support.h"
#include "fault_proxy.h"
#include "in_process_operator.h"
#include "operator_process.h"
#include "chart/loader.h"
#include "controller/action/actions.h"
#include "controller/release/secret_storage.h"
#include "kube/client/kubeconfig.h"
#include "kube/client/core_resources.h"

namespace ho::controller {
namespace {

ActionContext connect(const kube::client::RestConfig& config, double qps) {
  kube::client::ClientOptions options;
  options.qps = qps;
  options.burst = 1;
  auto client = kube::client::RestClient::create(config, options);
  ActionContext context;
  context.client = *client;
  context.mapper = std::make_shared<kube::client::RestMapper>(*client);
  return context;
}

Value valueV(const std::string& v) { return Value::map(Map{{"v", Value::string(v)}}); }

TEST(CrashRecovery, KilledUpgradeLeavesPendingUpgradeAndTheNextRunRecovers) {
  kube::testing::LiveCluster cluster;
  auto config = kube::client::kubeconfigFromText(cluster.run("cat kubeconfig").output);
  ASSERT_TRUE(config) << config.error().message;
  ASSERT_EQ(cluster.run("mkdir -p many/templates").exitCode, 0);
  cluster.writeFile("many/Chart.yaml", "apiVersion: v2\nname: many\nversion: 0.1.0\n");
  const std::string templatePath =
      cluster.writeFile("many/templates/cms.yaml",
                        "{{- range until 120 }}\n---\napiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: cm-{{ . }}\n"
                        "data:\n  v: {{ $.Values.v | quote }}\n{{- end }}\n");
  auto chart = chart::loadChart(templatePath.substr(0, templatePath.rfind("/templates")));
  ASSERT_TRUE(chart) << chart.error().message;

  ActionContext fast = connect(*config, 0);
  ASSERT_TRUE(install(fast, **chart, {"many", "default", valueV("1")}));

  const pid_t child = fork();
  ASSERT_NE(child, -1);
  if (child == 0) {  // a slow controller (20 requests/s) that gets killed
    ActionContext slow = connect(*config, 20);
    (void)upgrade(slow, **chart, {"many", "default", valueV("2")});
    _exit(0);
  }
  SecretStorage storage(fast.client, "default");
  bool pendingSeen = false;
  for (int i = 0; i < 1000 && !pendingSeen; ++i) {
    auto revision = storage.get("many", 2);
    pendingSeen = revision && revision->info.status == status::kPendingUpgrade;
    if (!pendingSeen) std::this_thread::sleep_for(std::chrono::milliseconds(20));
  }
  kill(child, SIGKILL);
  int childStatus = 0;
  waitpid(child, &childStatus, 0);
  ASSERT_TRUE(pendingSeen);
  ASSERT_TRUE(WIFSIGNALED(childStatus)) << "the upgrade finished before it could be killed";

  auto blocked = upgrade(fast, **chart, {"many", "default", valueV("2")});
  ASSERT_FALSE(blocked);
  EXPECT_EQ(blocked.error().message, "another operation (install/upgrade/rollback) is in progress");

  auto unlocked = unlockPendingRelease(fast, "many", "default");
  ASSERT_TRUE(unlocked) << unlocked.error().message;
  ASSERT_TRUE(unlocked->has_value());
  EXPECT_EQ((*unlocked)->version, 2);
  EXPECT_EQ((*unlocked)->info.status, "failed");

  auto recovered = upgrade(fast, **chart, {"many", "default", valueV("2")});
  ASSERT_TRUE(recovered) << recovered.error().message;
  EXPECT_EQ(recovered->version, 3);
  auto history = storage.history("many");
  ASSERT_TRUE(history);
  ASSERT_EQ(history->size(), 3u);
  EXPECT_EQ((*history)[0].info.status, "superseded");
  EXPECT_EQ((*history)[1].info.status, "failed");
  EXPECT_EQ((*history)[2].info.status, "deployed");
  for (int i : {0, 60, 119}) {
    auto object = fast.client->get("/api/v1/namespaces/default/configmaps/cm-" + std::to_string(i));
    ASSERT_TRUE(object);
    EXPECT_EQ((*object)["data"]["v"], "2");
  }
}

constexpr int kObjects = 60;
constexpr const char* kManyConfigMaps =
    "{{- range until 60 }}\n---\napiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: cm-{{ . }}\n"
    "data:\n  v: {{ $.Values.v | quote }}\n{{- end }}\n";
constexpr const char* kHookJob =
    "apiVersion: batch/v1\nkind: Job\nmetadata:\n  name: many-hook\n  annotations:\n"
    "    helm.sh/hook: pre-install,pre-upgrade\nspec:\n  template:\n    spec:\n      containers:\n"
    "      - name: hook\n        image: busybox\n      restartPolicy: Never\n";
using testing::FaultRule;

using kube::client::kConfigMaps;
const kube::client::ResourceType kJobs{"batch", "v1", "jobs", "Job", true};

class CrashStepsE2E : public testing::InProcessOperatorTest {
 protected:
  void SetUp() override {
    InProcessOperatorTest::SetUp();
    ASSERT_EQ(repository_->publish("many", "1.0.0", {{"templates/cms.yaml", kManyConfigMaps},
                                                     {"templates/hook.yaml", kHookJob}}),
              "");
    proxy_ = std::make_unique<testing::FaultProxy>(apiServerUrl());
    kubeconfig_ = writeKubeconfigFor(proxy_->url());
  }

  void TearDown() override {
    if (operator_) operator_->kill();
    if (proxy_) proxy_->stop();
    InProcessOperatorTest::TearDown();
  }

  void startOperator() {
    operator_ = std::make_unique<testing::OperatorProcess>(
        std::vector<std::string>{"run", "--kubeconfig", kubeconfig_, "--charts-sync-interval", "2s", "--workers", "1",
                                 "--listen", "127.0.0.1:" + std::to_string(testing::freeLoopbackPort())},
        workDir_ + "/operator.log");
    operator_->start();
  }

  void applyValue(int v) {
    applyHelmRelease("many", {{"releaseName", "many"}, {"chart", chartAt("1.0.0", "many")},
                              {"values", {{"v", std::to_string(v)}}}});
  }

  // Starts the operator, applies value `v` and kills the operator (SIGKILL) at
  // the first request `step` matches; that request is dropped unanswered.
  void crashAt(FaultRule step, int v) {
    startOperator();
    const pid_t pid = operator_->pid();
    step.fault = FaultRule::Fault::Drop;
    step.times = 1;
    step.onFire = [pid] { ::kill(pid, SIGKILL); };
    const int id = proxy_->addRule(std::move(step));
    applyValue(v);
    ASSERT_TRUE(testing::eventually([&] { return proxy_->fired(id) == 1; }, std::chrono::seconds(120)))
        << operator_->log();
    operator_->kill();
    proxy_->clearRules();
  }

  // Released value `v` with revision 1 installed first (no fault).
  void installFirst() {
    startOperator();
    applyValue(1);
    ASSERT_TRUE(testing::eventually([&] { return converged(1); }, std::chrono::seconds(120))) << helmRelease("many");
    operator_->kill();
  }

  int configMapsWith(int v) const {
    auto list = client_->get(kube::client::resourcePath(kConfigMaps, "default"));
    int count = 0;
    if (!list) return count;
    for (const nlohmann::json& item : (*list)["items"]) {
      const bool ours = item["metadata"].value("name", "").starts_with("cm-");
      if (ours && item.value("data", nlohmann::json::object()).value("v", "") == std::to_string(v)) ++count;
    }
    return count;
  }

  bool converged(int v) const {
    return phase("many") == "Succeeded" && condition("many", "Released") == "True" && configMapsWith(v) == kObjects;
  }

  // Restarts the operator and waits for value `v` everywhere; returns the history's statuses.
  std::vector<std::string> recover(int v) {
    startOperator();
    EXPECT_TRUE(testing::eventually([&] { return converged(v); }, std::chrono::seconds(180)))
        << helmRelease("many") << operator_->log();
    std::vector<std::string> statuses;
    auto history = SecretStorage(client_, "default").history("many");
    EXPECT_TRUE(history);
    if (history) {
      for (const Release& revision : *history) statuses.push_back(revision.info.status);
    }
    EXPECT_TRUE(client_->get(kube::client::resourcePath(kJobs, "default", "many-hook")));
    return statuses;
  }

  std::unique_ptr<testing::FaultProxy> proxy_;
  std::unique_ptr<testing::OperatorProcess> operator_;
  std::string kubeconfig_;
};

using History = std::vector<std::string>;

TEST_F(CrashStepsE2E, InstallKilledAfterThePendingRecordIsWrittenConverges) {
  crashAt({.method = "POST", .pathContains = "/jobs"}, 1);
  EXPECT_EQ(revision("many", 1), "pending-install");
  EXPECT_EQ(configMapsWith(1), 0);
  EXPECT_EQ(recover(1), (History{"superseded", "deployed"}));
}

TEST_F(CrashStepsE2E, InstallKilledDuringItsHookConverges) {
  crashAt({.method = "GET", .pathContains = "/jobs/many-hook"}, 1);
  EXPECT_EQ(revision("many", 1), "pending-install");
  EXPECT_TRUE(client_->get(kube::client::resourcePath(kJobs, "default", "many-hook")));
  EXPECT_EQ(recover(1), (History{"superseded", "deployed"}));
}

TEST_F(CrashStepsE2E, InstallKilledAfterSomeObjectsAreAppliedConverges) {
  crashAt({.method = "POST", .pathContains = "/configmaps", .every = 25}, 1);
  EXPECT_EQ(revision("many", 1), "pending-install");
  EXPECT_EQ(configMapsWith(1), 24);
  EXPECT_EQ(recover(1), (History{"superseded", "deployed"}));
}

TEST_F(CrashStepsE2E, InstallKilledBeforeItsRecordSaysDeployedConverges) {
  crashAt({.method = "PUT", .pathContains = "/secrets/sh.helm.release.v1.many.v1"}, 1);
  EXPECT_EQ(revision("many", 1), "pending-install");
  EXPECT_EQ(configMapsWith(1), kObjects);
  EXPECT_EQ(recover(1), (History{"superseded", "deployed"}));
}

TEST_F(CrashStepsE2E, InstallKilledBeforeTheStatusIsWrittenConvergesWithoutAnotherRevision) {
  // The first status write says Installing, the second Deployed.
  crashAt({.method = "PUT", .pathContains = "/helmreleases/many/status", .every = 2}, 1);
  EXPECT_EQ(revision("many", 1), "deployed");
  EXPECT_EQ(phase("many"), "Installing");
  EXPECT_EQ(recover(1), (History{"deployed"}));
}

TEST_F(CrashStepsE2E, UpgradeKilledDuringItsHookConverges) {
  installFirst();
  crashAt({.method = "POST", .pathContains = "/jobs"}, 2);
  EXPECT_EQ(revision("many", 2), "pending-upgrade");
  EXPECT_EQ(configMapsWith(1), kObjects);
  EXPECT_EQ(recover(2), (History{"superseded", "failed", "deployed"}));
}

TEST_F(CrashStepsE2E, UpgradeKilledAfterSomeObjectsArePatchedConverges) {
  installFirst();
  crashAt({.method = "PATCH", .pathContains = "/configmaps/cm-", .every = 25}, 2);
  EXPECT_EQ(revision("many", 2), "pending-upgrade");
  EXPECT_EQ(configMapsWith(2), 24);
  EXPECT_EQ(recover(2), (History{"superseded", "failed", "deployed"}));
}

TEST_F(CrashStepsE2E, UpgradeKilledBeforeItsRecordSaysDeployedConverges) {
  installFirst();
  crashAt({.method = "PUT", .pathContains = "/secrets/sh.helm.release.v1.many.v2"}, 2);
  EXPECT_EQ(revision("many", 2), "pending-upgrade");
  EXPECT_EQ(configMapsWith(2), kObjects);
  const History history = recover(2);
  ASSERT_FALSE(history.empty());
  EXPECT_EQ(history.back(), "deployed");
  EXPECT_EQ(std::count(history.begin(), history.end(), "deployed"), 1);
  EXPECT_EQ(std::count(history.begin(), history.end(), "pending-upgrade"), 0);
}

}  // namespace
}  // namespace ho::controller
