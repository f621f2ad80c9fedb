// The "control and ordering" additions of issue 13 end to end, driven through
// real kubectl 1.32 against the bundled API server with the in-process
// controller: spec.suspend (nothing touched, Suspended=True, resuming
// reconciles, deleting a suspended HelmRelease keeps its release), the
// reconcile.fluxcd.io requestedAt/forceAt/resetAt annotations (handled at
// once, recorded in status.lastHandled*), Stalled when install/upgrade or
// rollback retries run out (with the error, cleared by resetAt or a spec
// change), spec.dependsOn (waiting shown in DependenciesReady and an Event,
// released as soon as the dependency is, cycles reported on every member),
// spec.install.createNamespace and spec.upgrade.crds. A Flux v1 HelmRelease
// without these fields gets none of the new status. Skipped without kubectl 1.32.
#include <chrono>
#include <thread>

#include "controller/runtime/reconcile_reporter.h"
#include "in_process_operator.h"
#include "widget_crd.h"
#include "kube/client/core_resources.h"

namespace ho::controller {
namespace {

using nlohmann::json;
using testing::eventually;

using kube::client::kNamespaces;
const kube::client::ResourceType kCrds{"apiextensions.k8s.io", "v1", "customresourcedefinitions",
                                       "CustomResourceDefinition", false};

constexpr const char* kConfigMap =
    "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: {{ .Release.Name }}\ndata:\n"
    "  size: {{ .Values.size | quote }}\n";
// An object of a kind the cluster does not serve: an upgrade to it fails before writing a revision.
constexpr const char* kUnservedKind =
    "apiVersion: example.com/v1\nkind: Gadget\nmetadata:\n  name: {{ .Release.Name }}\n";
// An object the API server refuses (its CRD's enum): the install or upgrade fails after writing its revision.
constexpr const char* kRefusedObject =
    "apiVersion: helm.fluxcd.io/v1\nkind: HelmRelease\nmetadata:\n  name: refused\n"
    "spec:\n  helmVersion: v9\n  chart: {repository: 'http://x', name: y, version: 1.0.0}\n";
// kWidgetCrd with every "widget" (any case) renamed, e.g. to "gadget".
std::string renamedCrd(std::string text, const std::string& lower, const std::string& capitalised) {
  for (const auto& [from, to] : {std::pair<std::string, std::string>{"widget", lower}, {"Widget", capitalised}}) {
    for (size_t at = text.find(from); at != std::string::npos; at = text.find(from, at + to.size())) {
      text.replace(at, from.size(), to);
    }
  }
  return text;
}

class ControlOrderingE2E : public testing::InProcessOperatorTest {
 protected:
  void SetUp() override {
    kubectl_ = kube::testing::findKubectl("1.32");
    if (kubectl_.empty()) GTEST_SKIP() << "kubectl 1.32 not found; control and ordering e2e skipped";
    InProcessOperatorTest::SetUp();
    ASSERT_EQ(repository_->publish("app", "1.0.0", {{"values.yaml", "size: 1\n"}, {"templates/cm.yaml", kConfigMap}}),
              "");
    ASSERT_EQ(repository_->publish("app", "2.0.0", {{"templates/cm.yaml", kConfigMap}, {"templates/hr.yaml", kRefusedObject}}),
              "");
  }

  // The controller with resyncs an hour apart (whatever happens in a test
  // happens because of an event), recording Kubernetes Events.
  void startWithoutResyncs() {
    ControllerOptions options = fastOptions();
    options.resyncInterval = std::chrono::hours(1);
    options.reporter = std::make_shared<runtime::ReconcileReporter>(std::make_shared<runtime::EventRecorder>(client_),
                                                                   std::make_shared<runtime::OperatorMetrics>());
    startController(options);
  }

  kube::testing::CommandResult kubectl(const std::string& arguments) const {
    return cluster_->run(kubectl_ + " " + arguments);
  }
  std::string kubectlOk(const std::string& arguments) const {
    const kube::testing::CommandResult result = kubectl(arguments);
    EXPECT_EQ(result.exitCode, 0) << "kubectl " << arguments << "\n" << result.output;
    return result.output;
  }
  // kubectl apply of a HelmRelease `name` with `spec` (JSON is YAML).
  void apply(const std::string& name, const json& spec) const {
    const json object = {{"apiVersion", "helm.fluxcd.io/v1"},
                         {"kind", "HelmRelease"},
                         {"metadata", {{"name", name}, {"namespace", "default"}}},
                         {"spec", spec}};
    kubectlOk("apply -f " + cluster_->writeFile(name + ".yaml", object.dump()));
  }
  void patchSpec(const std::string& name, const json& spec) const {
    kubectlOk("patch hr " + name + " --type merge -p '" + json{{"spec", spec}}.dump() + "'");
  }
  std::string jsonpath(const std::string& resource, const std::string& expression) const {
    const kube::testing::CommandResult result = kubectl("get " + resource + " -o jsonpath='" + expression + "'");
    return result.exitCode == 0 ? result.output : "";
  }
  std::string conditionField(const std::string& name, const std::string& type, const std::string& field) const {
    return jsonpath("hr/" + name, "{.status.conditions[?(@.type==\"" + type + "\")]." + field + "}");
  }
  void waitFor(const std::string& name, const std::string& condition) const {
    kubectlOk("wait --for=condition=" + condition + " hr/" + name + " --timeout=60s");
  }
  json releaseSpec(const std::string& version, const json& extra = json::object()) const {
    json spec = {{"releaseName", "app"}, {"chart", chartAt(version)}};
    spec.update(extra);
    return spec;
  }

  std::string kubectl_;
};

TEST_F(ControlOrderingE2E, SuspendLeavesTheReleaseAloneUntilResumed) {
  startController();
  apply("app", releaseSpec("1.0.0"));
  waitFor("app", "Released");

  patchSpec("app", {{"suspend", true}, {"values", {{"size", 2}}}});
  waitFor("app", "Suspended");
  ASSERT_EQ(condition("app", "Suspended"), "True") << helmRelease("app");
  EXPECT_NE(conditionField("app", "Suspended", "message").find("suspended"), std::string::npos);
  std::this_thread::sleep_for(std::chrono::seconds(3));  // three resyncs
  EXPECT_EQ(revision("app", 2), "") << "a suspended HelmRelease was upgraded";

  patchSpec("app", {{"suspend", false}});
  ASSERT_TRUE(eventually([&] { return revision("app", 2) == "deployed"; })) << status("app");
  EXPECT_TRUE(eventually([&] { return condition("app", "Suspended").empty(); })) << status("app");

  // Deleting a suspended HelmRelease leaves its Helm release installed.
  patchSpec("app", {{"suspend", true}});
  waitFor("app", "Suspended");
  kubectlOk("delete hr app --timeout=60s");
  EXPECT_EQ(revision("app", 2), "deployed");
  EXPECT_EQ(kubectl("get configmap app").exitCode, 0);
}

TEST_F(ControlOrderingE2E, RequestedAtReconcilesAtOnceAndForceAtUpgradesOnce) {
  startWithoutResyncs();
  apply("app", releaseSpec("1.0.0"));
  waitFor("app", "Released");

  kubectlOk("annotate hr app reconcile.fluxcd.io/requestedAt=first");
  ASSERT_TRUE(eventually([&] { return jsonpath("hr/app", "{.status.lastHandledReconcileAt}") == "first"; }))
      << status("app");
  EXPECT_EQ(revision("app", 2), "") << "an unchanged release was upgraded";

  // As `flux reconcile hr --force` does: forceAt with the same value as requestedAt.
  kubectlOk("annotate --overwrite hr app reconcile.fluxcd.io/requestedAt=second reconcile.fluxcd.io/forceAt=second");
  ASSERT_TRUE(eventually([&] { return revision("app", 2) == "deployed"; })) << status("app");
  EXPECT_TRUE(eventually([&] { return jsonpath("hr/app", "{.status.lastHandledForceAt}") == "second"; }));
  EXPECT_TRUE(eventually([&] { return jsonpath("hr/app", "{.status.phase}") == "Succeeded"; }));

  // Handled once: the next request reconciles without another upgrade.
  kubectlOk("annotate --overwrite hr app reconcile.fluxcd.io/requestedAt=third");
  ASSERT_TRUE(eventually([&] { return jsonpath("hr/app", "{.status.lastHandledReconcileAt}") == "third"; }));
  EXPECT_EQ(revision("app", 3), "");
}

TEST_F(ControlOrderingE2E, UpgradeRetriesRunOutIntoStalledUntilResetOrSpecChange) {
  startController();
  apply("app", releaseSpec("1.0.0", {{"upgrade", {{"remediation", {{"retries", 1}}}}}}));
  waitFor("app", "Released");

  patchSpec("app", {{"chart", chartAt("2.0.0")}});
  waitFor("app", "Stalled");
  EXPECT_EQ(conditionField("app", "Stalled", "reason"), "UpgradeRetriesExhausted");
  const std::string message = conditionField("app", "Stalled", "message");
  EXPECT_NE(message.find("2 failed upgrades"), std::string::npos) << message;
  EXPECT_NE(message.find("Unsupported value"), std::string::npos) << "no error in: " << message;
  EXPECT_EQ(jsonpath("hr/app", "{.status.upgradeFailures}"), "2");
  EXPECT_EQ(revision("app", 2), "failed");
  EXPECT_EQ(revision("app", 3), "failed");

  // Stalled: a reconcile request is handled without another attempt.
  kubectlOk("annotate hr app reconcile.fluxcd.io/requestedAt=look");
  ASSERT_TRUE(eventually([&] { return jsonpath("hr/app", "{.status.lastHandledReconcileAt}") == "look"; }));
  EXPECT_EQ(revision("app", 4), "");

  // resetAt forgets the failures: two more attempts, stalled again.
  kubectlOk("annotate hr app reconcile.fluxcd.io/resetAt=again");
  ASSERT_TRUE(eventually([&] { return revision("app", 5) == "failed"; })) << status("app");
  ASSERT_TRUE(eventually([&] { return jsonpath("hr/app", "{.status.lastHandledResetAt}") == "again"; }));
  waitFor("app", "Stalled");
  EXPECT_EQ(revision("app", 6), "");

  // A spec change clears it.
  patchSpec("app", {{"chart", chartAt("1.0.0")}, {"values", {{"size", 3}}}});
  ASSERT_TRUE(eventually([&] { return condition("app", "Stalled").empty() && phase("app") == "Succeeded"; }))
      << status("app");
  EXPECT_EQ(jsonpath("hr/app", "{.status.upgradeFailures}"), "");
}

TEST_F(ControlOrderingE2E, InstallRetriesAndRollbackRetriesAlsoStall) {
  startController();
  apply("broken", {{"releaseName", "broken"},
                   {"chart", chartAt("2.0.0")},
                   {"install", {{"remediation", {{"retries", 0}}}}}});
  waitFor("broken", "Stalled");
  EXPECT_EQ(conditionField("broken", "Stalled", "reason"), "InstallRetriesExhausted");
  EXPECT_EQ(jsonpath("hr/broken", "{.status.installFailures}"), "1");
  EXPECT_EQ(revision("broken", 1), "") << "the failed install is uninstalled, as in Flux v1";

  // Flux v1's rollback.retry bounded by maxRetries: Stalled once rollbackCount exceeds it.
  apply("app", releaseSpec("1.0.0", {{"rollback", {{"enable", true}, {"retry", true}, {"maxRetries", 1}}}}));
  waitFor("app", "Released");
  patchSpec("app", {{"chart", chartAt("2.0.0")}});
  waitFor("app", "Stalled");
  EXPECT_EQ(conditionField("app", "Stalled", "reason"), "RollbackRetriesExhausted");
  EXPECT_EQ(jsonpath("hr/app", "{.status.rollbackCount}"), "2");
  EXPECT_EQ(jsonpath("hr/app", "{.status.phase}"), "RolledBack");
}

TEST_F(ControlOrderingE2E, DependsOnWaitsForTheDependencyAndReportsCycles) {
  startWithoutResyncs();
  apply("web", {{"releaseName", "web"}, {"chart", chartAt("1.0.0")}, {"dependsOn", json::array({{{"name", "db"}}})}});
  ASSERT_TRUE(eventually([&] { return condition("web", "DependenciesReady") == "False"; })) << status("web");
  EXPECT_EQ(conditionField("web", "DependenciesReady", "reason"), "DependencyNotReady");
  EXPECT_EQ(conditionField("web", "DependenciesReady", "message"),
            "dependency default/db is not ready: it does not exist");
  EXPECT_EQ(revision("web", 1), "");
  EXPECT_TRUE(eventually([&] {
    return kubectl("get events -o jsonpath='{.items[*].reason}'").output.find("DependencyNotReady") != std::string::npos;
  }));

  // The dependency's release queues the dependent at once (no resyncs here).
  apply("db", {{"releaseName", "db"}, {"chart", chartAt("1.0.0")}});
  waitFor("db", "Released");
  waitFor("web", "Released");
  EXPECT_EQ(conditionField("web", "DependenciesReady", "status"), "True");
  EXPECT_EQ(revision("web", 1), "deployed");

  // A cycle is reported on each of its members, and nothing is released.
  apply("left", {{"releaseName", "left"}, {"chart", chartAt("1.0.0")}, {"dependsOn", json::array({{{"name", "right"}}})}});
  apply("right", {{"releaseName", "right"}, {"chart", chartAt("1.0.0")}, {"dependsOn", json::array({{{"name", "left"}}})}});
  for (const std::string name : {"left", "right"}) {
    ASSERT_TRUE(eventually([&] { return conditionField(name, "DependenciesReady", "reason") == "DependencyCycle"; }))
        << status(name);
  }
  EXPECT_EQ(conditionField("left", "DependenciesReady", "message"),
            "dependency cycle: default/left -> default/right -> default/left; not installed or upgraded until it is broken");
  EXPECT_EQ(revision("left", 1), "");
  EXPECT_EQ(revision("right", 1), "");

  // Breaking it releases both, in order.
  kubectlOk("patch hr right --type json -p '[{\"op\":\"remove\",\"path\":\"/spec/dependsOn\"}]'");
  waitFor("right", "Released");
  waitFor("left", "Released");
  EXPECT_TRUE(condition("right", "DependenciesReady").empty()) << status("right");
}

TEST_F(ControlOrderingE2E, CreateNamespaceAndUpgradeCrdPolicies) {
  startController();
  apply("app", {{"releaseName", "app"},
                {"targetNamespace", "fresh"},
                {"chart", chartAt("1.0.0")},
                {"install", {{"createNamespace", true}}}});
  waitFor("app", "Released");
  EXPECT_EQ(jsonpath("namespace/fresh", "{.metadata.labels.name}"), "fresh");  // as helm --create-namespace labels it
  EXPECT_EQ(revision("app", 1, "fresh"), "deployed");

  // A chart whose 2.0.0 adds a CRD and uses it; its 1.0.0 ships the Widget CRD.
  std::string widgetV2 = testing::kWidgetCrd;
  const std::string kind = "kind: Widget}";
  widgetV2.replace(widgetV2.find(kind), kind.size(), "kind: Widget, shortNames: [wd]}");
  ASSERT_EQ(repository_->publish("crds", "1.0.0", {{"crds/widget.yaml", testing::kWidgetCrd},
                                                   {"templates/cm.yaml", kConfigMap}}),
            "");
  ASSERT_EQ(repository_->publish("crds", "2.0.0", {{"crds/widget.yaml", widgetV2},
                                                   {"crds/gadget.yaml", renamedCrd(testing::kWidgetCrd, "gadget", "Gadget")},
                                                   {"templates/cm.yaml", kConfigMap},
                                                   {"templates/g.yaml", kUnservedKind}}),
            "");
  const auto crdRelease = [&](const std::string& name, const json& upgrade) {
    json spec = {{"releaseName", name}, {"chart", chartAt("1.0.0", "crds")}};
    if (!upgrade.is_null()) spec["upgrade"] = upgrade;
    apply(name, spec);
    waitFor(name, "Released");
    patchSpec(name, {{"chart", chartAt("2.0.0", "crds")}});
  };

  // Skip (the default, as helm upgrade): the new CRD is not created, so the upgrade fails.
  crdRelease("skipping", nullptr);
  ASSERT_TRUE(eventually([&] { return phase("skipping") == "DeployFailed" || revision("skipping", 2) == "failed"; }))
      << status("skipping");
  EXPECT_FALSE(client_->get(kube::client::resourcePath(kCrds, "", "gadgets.example.com")));

  // Create: new CRDs only; the existing Widget CRD keeps its definition.
  crdRelease("creating", {{"crds", "Create"}});
  ASSERT_TRUE(eventually([&] { return revision("creating", 2) == "deployed"; })) << status("creating");
  EXPECT_TRUE(client_->get(kube::client::resourcePath(kCrds, "", "gadgets.example.com")));
  EXPECT_EQ(jsonpath("crd/widgets.example.com", "{.spec.names.shortNames}"), "");

  // CreateReplace: existing CRDs are updated too.
  crdRelease("replacing", {{"crds", "CreateReplace"}});
  ASSERT_TRUE(eventually([&] { return revision("replacing", 2) == "deployed"; })) << status("replacing");
  EXPECT_EQ(jsonpath("crd/widgets.example.com", "{.spec.names.shortNames[0]}"), "wd");
}

TEST_F(ControlOrderingE2E, FluxV1HelmReleaseGetsNoneOfTheNewStatus) {
  startController();
  apply("app", releaseSpec("1.0.0"));
  waitFor("app", "Released");
  patchSpec("app", {{"values", {{"size", 2}}}});
  ASSERT_TRUE(eventually([&] { return revision("app", 2) == "deployed" && phase("app") == "Succeeded"; }));
  const json current = status("app");
  for (const char* field : {"lastHandledReconcileAt", "lastHandledForceAt", "lastHandledResetAt", "installFailures",
                            "upgradeFailures"}) {
    EXPECT_FALSE(current.contains(field)) << field << " in " << current;
  }
  for (const char* type : {"Stalled", "Suspended", "DependenciesReady"}) EXPECT_EQ(condition("app", type), "") << type;
}

}  // namespace
}  // namespace ho::controller
