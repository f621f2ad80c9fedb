// A controller killed (SIGKILL) in the middle of an upgrade leaves the new
// revision pending-upgrade, which blocks further actions exactly as it
// blocks helm; the next run unlocks it (marks it failed) and upgrades.
#include <gtest/gtest.h>
#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

#include <thread>

#include "../kube/e2e_support.h"
#include "chart/loader.h"
#include "controller/action/actions.h"
#include "controller/release/secret_storage.h"
#include "kube/client/kubeconfig.h"

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

}  // namespace
}  // namespace ho::controller
