// Our release actions and the reference helm 3.17 taking turns on the same
// releases, against the bundled API server: helm reads what we wrote (list,
// history, get values/manifest), upgrades and rolls back our releases, and
// we upgrade releases helm installed, ending with the live objects helm's
// own upgrade produces. Skipped when .reference/helm is absent.
#include <gtest/gtest.h>

#include "chart/loader.h"
#include "helm_interop_fixture.h"

namespace ho::controller {
namespace {

using interop::HelmInterop;
using interop::kPodinfo;
using interop::replicas;

using nlohmann::json;

TEST_F(HelmInterop, HelmReadsUpgradesAndRollsBackOurInstall) {
  auto installed = install(context_, *podinfo_, {"demo", "default", replicas(2)});
  ASSERT_TRUE(installed) << installed.error().message;

  const std::string listed = helm("list");
  EXPECT_NE(listed.find("demo"), std::string::npos) << listed;
  EXPECT_NE(listed.find("deployed"), std::string::npos) << listed;
  EXPECT_NE(listed.find("podinfo-6.5.0"), std::string::npos) << listed;
  EXPECT_NE(helm("history demo").find("Install complete"), std::string::npos);
  EXPECT_EQ(helm("get values demo -o json"), "{\"replicaCount\":2}\n");
  const std::string status = helm("status demo");
  EXPECT_NE(status.find("STATUS: deployed"), std::string::npos) << status;
  EXPECT_NE(status.find("podinfo 6.5.0 is running as demo-podinfo in default."), std::string::npos) << status;
  const json secret = live("/api/v1/namespaces/default/secrets/sh.helm.release.v1.demo.v1");
  EXPECT_EQ(secret["type"], "helm.sh/release.v1");
  json labels = secret["metadata"]["labels"];
  EXPECT_TRUE(labels.contains("modifiedAt")) << labels;  // helm's Update replaces createdAt
  labels.erase("modifiedAt");
  EXPECT_EQ(labels, json::parse(R"({"name":"demo","owner":"helm","status":"deployed","version":"1"})"));

  // The same release made by helm itself, in another namespace.
  helm("install demo " + kPodinfo + " -n theirs --create-namespace --set replicaCount=2");
  EXPECT_EQ(helm("get manifest demo"), helm("get manifest demo -n theirs"));
  EXPECT_EQ(comparable("/apis/apps/v1/namespaces/default/deployments/demo-podinfo"),
            comparable("/apis/apps/v1/namespaces/theirs/deployments/demo-podinfo"));

  helm("upgrade demo " + kPodinfo + " --set replicaCount=3");
  EXPECT_EQ(live("/apis/apps/v1/namespaces/default/deployments/demo-podinfo")["spec"]["replicas"], 3);
  EXPECT_NE(helm("rollback demo 1").find("Rollback was a success"), std::string::npos);
  EXPECT_EQ(live("/apis/apps/v1/namespaces/default/deployments/demo-podinfo")["spec"]["replicas"], 2);
  const std::string history = helm("history demo");
  EXPECT_NE(history.find("Rollback to 1"), std::string::npos) << history;
}

TEST_F(HelmInterop, OurUpgradeOfHelmsReleaseMatchesHelmsOwnUpgrade) {
  helm("install demo " + kPodinfo + " -n helms --create-namespace");
  helm("install demo " + kPodinfo + " -n ours --create-namespace");
  helm("upgrade demo " + kPodinfo + " -n helms --set replicaCount=3 --set ui.message=hi");
  Value values = replicas(3);
  values.mutableMap().emplace("ui", Value::map(Map{{"message", Value::string("hi")}}));
  auto upgraded = upgrade(context_, *podinfo_, {"demo", "ours", values});
  ASSERT_TRUE(upgraded) << upgraded.error().message;

  for (const std::string object : {"/apis/apps/v1/namespaces/NS/deployments/demo-podinfo",
                                    "/api/v1/namespaces/NS/configmaps/demo-podinfo",
                                    "/api/v1/namespaces/NS/services/demo-podinfo"}) {
    const auto at = [&](const std::string& ns) { return object.substr(0, object.find("NS")) + ns + object.substr(object.find("NS") + 2); };
    EXPECT_EQ(comparable(at("ours")), comparable(at("helms"))) << object;
  }
  const std::string history = helm("history demo -n ours");
  EXPECT_NE(history.find("superseded"), std::string::npos) << history;
  EXPECT_NE(history.find("Upgrade complete"), std::string::npos) << history;
  EXPECT_EQ(helm("get values demo -n ours -o json"), helm("get values demo -n helms -o json"));
  EXPECT_EQ(helm("get manifest demo -n ours"), helm("get manifest demo -n helms"));
  EXPECT_NE(helm("rollback demo 1 -n ours").find("Rollback was a success"), std::string::npos);
}

TEST_F(HelmInterop, OurRollbackAndUninstallOfHelmsRelease) {
  helm("install demo " + kPodinfo);
  helm("upgrade demo " + kPodinfo + " --set replicaCount=4");
  auto rolled = rollback(context_, {"demo", "default", 0});
  ASSERT_TRUE(rolled) << rolled.error().message;
  EXPECT_EQ(rolled->version, 3);
  EXPECT_EQ(live("/apis/apps/v1/namespaces/default/deployments/demo-podinfo")["spec"]["replicas"], 1);
  const std::string history = helm("history demo");
  EXPECT_NE(history.find("Rollback to 1"), std::string::npos) << history;

  auto removed = uninstall(context_, {"demo", "default"});
  ASSERT_TRUE(removed) << removed.error().message;
  EXPECT_EQ(helm("list -q"), "");
  auto gone = context_.client->get("/apis/apps/v1/namespaces/default/deployments/demo-podinfo");
  ASSERT_FALSE(gone);
  EXPECT_TRUE(gone.error().isNotFound());
}

TEST_F(HelmInterop, UpgradeDeletesObjectsThatLeftTheChartUnlessKept) {
  auto chart = chart::loadChart(writeToggleChart());
  ASSERT_TRUE(chart) << chart.error().message;
  ASSERT_TRUE(install(context_, **chart, {"t", "default", Value::map(Map{{"extra", Value::boolean(true)}})}));
  auto upgraded = upgrade(context_, **chart, {"t", "default", Value::map(Map{{"extra", Value::boolean(false)}})});
  ASSERT_TRUE(upgraded) << upgraded.error().message;
  EXPECT_FALSE(context_.client->get("/api/v1/namespaces/default/configmaps/extra"));
  EXPECT_TRUE(context_.client->get("/api/v1/namespaces/default/configmaps/kept"));
  EXPECT_TRUE(context_.client->get("/api/v1/namespaces/default/configmaps/always"));
  EXPECT_NE(helm("history t").find("Upgrade complete"), std::string::npos);
}

TEST_F(HelmInterop, InstallRefusesANameInUseAndObjectsOwnedByOthers) {
  helm("install demo " + kPodinfo);
  auto again = install(context_, *podinfo_, {"demo", "default", Value::map()});
  ASSERT_FALSE(again);
  EXPECT_EQ(again.error().message, "cannot re-use a name that is still in use");

  const std::string toggle = writeToggleChart();
  helm("install first " + toggle);
  auto chart = chart::loadChart(toggle);
  ASSERT_TRUE(chart);
  auto clash = install(context_, **chart, {"second", "default", Value::map()});
  ASSERT_FALSE(clash);
  EXPECT_EQ(helm("list -q"), "demo\nfirst\n");  // nothing recorded for the refused install
  EXPECT_EQ(clash.error().message,
            "Unable to continue with install: ConfigMap "
            "\"always\" in namespace \"default\" exists and cannot be imported into the current release: invalid "
            "ownership metadata; annotation validation error: key \"meta.helm.sh/release-name\" must equal \"second\": current value is \"first\"");
}

TEST_F(HelmInterop, MaxHistoryPrunesOldRevisionsButKeepsTheDeployedOne) {
  ASSERT_TRUE(install(context_, *podinfo_, {"demo", "default", replicas(1)}));
  for (int count = 2; count <= 4; ++count) {
    UpgradeOptions options{"demo", "default", replicas(count)};
    options.maxHistory = 2;
    auto upgraded = upgrade(context_, *podinfo_, options);
    ASSERT_TRUE(upgraded) << upgraded.error().message;
  }
  const std::string history = helm("history demo");
  EXPECT_EQ(history.find("\n1 "), std::string::npos) << history;
  EXPECT_EQ(history.find("\n2 "), std::string::npos) << history;
  EXPECT_NE(history.find("\n3 "), std::string::npos) << history;
  EXPECT_NE(history.find("\n4 "), std::string::npos) << history;
}

TEST_F(HelmInterop, WaitSucceedsOnReadyWorkloadsAndFailsTheReleaseOnTimeout) {
  InstallOptions options{"demo", "default", replicas(2)};
  options.wait = true;
  options.waitOptions.timeout = std::chrono::seconds(30);
  options.waitOptions.pollInterval = std::chrono::milliseconds(100);
  auto installed = install(context_, *podinfo_, options);
  ASSERT_TRUE(installed) << installed.error().message;

  ASSERT_EQ(cluster_->run("mkdir -p lb/templates").exitCode, 0);
  cluster_->writeFile("lb/Chart.yaml", "apiVersion: v2\nname: lb\nversion: 0.1.0\n");
  const std::string service = cluster_->writeFile(
      "lb/templates/svc.yaml",
      "apiVersion: v1\nkind: Service\nmetadata:\n  name: lb\nspec:\n  type: LoadBalancer\n  ports:\n  - port: 80\n");
  auto chart = chart::loadChart(service.substr(0, service.rfind("/templates")));
  ASSERT_TRUE(chart) << chart.error().message;
  InstallOptions waiting{"lb", "default", Value::map()};
  waiting.wait = true;
  waiting.waitOptions.timeout = std::chrono::milliseconds(600);
  waiting.waitOptions.pollInterval = std::chrono::milliseconds(100);
  auto timedOut = install(context_, **chart, waiting);
  ASSERT_FALSE(timedOut);
  EXPECT_EQ(timedOut.error().message, "context deadline exceeded");
  const std::string history = helm("history lb");
  EXPECT_NE(history.find("failed"), std::string::npos) << history;
  EXPECT_NE(history.find("Release \"lb\" failed: context deadline exceeded"), std::string::npos) << history;
}

TEST_F(HelmInterop, HooksRunInWeightOrderWithDeletePoliciesAndAreRecorded) {
  ASSERT_EQ(cluster_->run("mkdir -p hooked/templates").exitCode, 0);
  cluster_->writeFile("hooked/Chart.yaml", "apiVersion: v2\nname: hooked\nversion: 0.1.0\n");
  cluster_->writeFile("hooked/templates/cm.yaml", "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: main\n");
  const std::string hooks = cluster_->writeFile(
      "hooked/templates/hooks.yaml",
      "apiVersion: batch/v1\nkind: Job\nmetadata:\n  name: migrate\n  annotations:\n"
      "    helm.sh/hook: pre-install,pre-upgrade\n    helm.sh/hook-weight: \"5\"\nspec:\n  template:\n"
      "    spec:\n      restartPolicy: Never\n      containers:\n      - name: m\n        image: busybox\n"
      "---\napiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: note\n  annotations:\n"
      "    helm.sh/hook: post-install\n    helm.sh/hook-delete-policy: hook-succeeded\n");
  auto chart = chart::loadChart(hooks.substr(0, hooks.rfind("/templates")));
  ASSERT_TRUE(chart) << chart.error().message;
  InstallOptions options{"hooked", "default", Value::map()};
  options.waitOptions.timeout = std::chrono::seconds(30);
  auto installed = install(context_, **chart, options);
  ASSERT_TRUE(installed) << installed.error().message;
  ASSERT_EQ(installed->hooks.size(), 2u);
  for (const HookRecord& hook : installed->hooks) EXPECT_EQ(hook.lastRun.phase, "Succeeded") << hook.name;
  EXPECT_TRUE(context_.client->get("/apis/batch/v1/namespaces/default/jobs/migrate"));
  EXPECT_FALSE(context_.client->get("/api/v1/namespaces/default/configmaps/note"));  // hook-succeeded
  const std::string listed = helm("get hooks hooked");
  EXPECT_NE(listed.find("name: migrate"), std::string::npos) << listed;
  EXPECT_NE(listed.find("name: note"), std::string::npos) << listed;
  // helm upgrades it, re-running the pre-upgrade Job (before-hook-creation, helm's default policy).
  helm("upgrade hooked " + hooks.substr(0, hooks.rfind("/templates")));
}

TEST_F(HelmInterop, TestHooksRunAndHelmSeesTheirResult) {
  // A Job: the bundled server's simulator completes Jobs (it keeps Pods Running).
  ASSERT_EQ(cluster_->run("mkdir -p tested/templates").exitCode, 0);
  cluster_->writeFile("tested/Chart.yaml", "apiVersion: v2\nname: tested\nversion: 0.1.0\n");
  const std::string probe = cluster_->writeFile(
      "tested/templates/probe.yaml",
      "apiVersion: batch/v1\nkind: Job\nmetadata:\n  name: probe\n  annotations:\n    helm.sh/hook: test\nspec:\n"
      "  template:\n    spec:\n      restartPolicy: Never\n      containers:\n      - name: p\n        image: busybox\n");
  auto chart = chart::loadChart(probe.substr(0, probe.rfind("/templates")));
  ASSERT_TRUE(chart) << chart.error().message;
  ASSERT_TRUE(install(context_, **chart, {"tested", "default", Value::map()}));
  EXPECT_FALSE(context_.client->get("/apis/batch/v1/namespaces/default/jobs/probe"));  // tests only run on demand
  auto tested = test(context_, "tested", "default", std::chrono::seconds(20));
  ASSERT_TRUE(tested) << tested.error().message;
  ASSERT_EQ(tested->hooks.size(), 1u);
  EXPECT_EQ(tested->hooks[0].lastRun.phase, "Succeeded");
  const std::string status = helm("status tested");
  EXPECT_NE(status.find("TEST SUITE:     probe"), std::string::npos) << status;
  EXPECT_NE(status.find("Phase:          Succeeded"), std::string::npos) << status;
}

TEST_F(HelmInterop, CrdsFromTheCrdsFolderAreCreatedOnceAndNeverDeleted) {
  ASSERT_EQ(cluster_->run("mkdir -p withcrd/templates withcrd/crds").exitCode, 0);
  cluster_->writeFile("withcrd/Chart.yaml", "apiVersion: v2\nname: withcrd\nversion: 0.1.0\n");
  cluster_->writeFile("withcrd/crds/widgets.yaml",
                      "apiVersion: apiextensions.k8s.io/v1\nkind: CustomResourceDefinition\nmetadata:\n"
                      "  name: widgets.example.com\nspec:\n  group: example.com\n  scope: Namespaced\n  names:\n"
                      "    plural: widgets\n    singular: widget\n    kind: Widget\n  versions:\n  - name: v1\n"
                      "    served: true\n    storage: true\n    schema:\n      openAPIV3Schema:\n        type: object\n"
                      "        x-kubernetes-preserve-unknown-fields: true\n");
  const std::string widget = cluster_->writeFile(
      "withcrd/templates/widget.yaml",
      "apiVersion: example.com/v1\nkind: Widget\nmetadata:\n  name: w\nspec:\n  size: {{ .Values.size | default 1 }}\n");
  auto chart = chart::loadChart(widget.substr(0, widget.rfind("/templates")));
  ASSERT_TRUE(chart) << chart.error().message;
  auto installed = install(context_, **chart, {"wc", "default", Value::map()});
  ASSERT_TRUE(installed) << installed.error().message;
  EXPECT_EQ(live("/apis/example.com/v1/namespaces/default/widgets/w")["spec"]["size"], 1);
  auto upgraded = upgrade(context_, **chart, {"wc", "default", Value::map(Map{{"size", Value::integer(3)}})});
  ASSERT_TRUE(upgraded) << upgraded.error().message;
  EXPECT_EQ(live("/apis/example.com/v1/namespaces/default/widgets/w")["spec"]["size"], 3);  // JSON merge patch
  ASSERT_TRUE(uninstall(context_, {"wc", "default"}));
  EXPECT_FALSE(context_.client->get("/apis/example.com/v1/namespaces/default/widgets/w"));
  EXPECT_TRUE(context_.client->get("/apis/apiextensions.k8s.io/v1/customresourcedefinitions/widgets.example.com"));
}

}  // namespace
}  // namespace ho::controller
