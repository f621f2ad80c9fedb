// The live objects after our upgrade equal those after the reference helm's
// upgrade of the same charts: one release installed and upgraded by helm,
// one by our engine, each in its own namespace of the bundled API server,
// with the same out-of-band kubectl edits in between. The upgrade removes a
// container, a container port, a Service port and a label, reorders env,
// changes a ConfigMap key, a custom resource's spec, drops objects (one of
// them kept by helm.sh/resource-policy) and adds one.
#include <gtest/gtest.h>

#include "helm_interop_fixture.h"
#include "widget_crd.h"

namespace ho::controller {
namespace {

using nlohmann::json;
using testing::kWidgetCrd;

// The chart's first version; `--set second=true` makes the second.
constexpr const char* kTemplates = R"({{- $second := .Values.second -}}
apiVersion: apps/v1
kind: Deployment
metadata:
  name: web
  labels: {app: web{{ if not $second }}, tier: front{{ end }}}
spec:
  replicas: 1
  selector:
    matchLabels: {app: web}
  template:
    metadata:
      labels: {app: web}
    spec:
      containers:
      - name: app
        image: nginx:{{ if $second }}2{{ else }}1{{ end }}
        env:
        {{- if $second }}
        - {name: B, value: "2"}
        - {name: A, value: "1"}
        {{- else }}
        - {name: A, value: "1"}
        - {name: B, value: "2"}
        {{- end }}
        ports:
        - {name: http, containerPort: 80}
        {{- if not $second }}
        - {name: metrics, containerPort: 9090}
      - name: sidecar
        image: busybox:1
        {{- end }}
---
apiVersion: v1
kind: Service
metadata:
  name: web
  labels: {app: web{{ if not $second }}, tier: front{{ end }}}
spec:
  selector: {app: web}
  ports:
  - {name: http, port: 80}
  {{- if not $second }}
  - {name: metrics, port: 9090}
  {{- end }}
---
apiVersion: v1
kind: ConfigMap
metadata:
  name: settings
data: {mode: {{ if $second }}b{{ else }}a{{ end }}, level: "1"}
---
apiVersion: v1
kind: ConfigMap
metadata:
  name: {{ if $second }}arriving{{ else }}leaving{{ end }}
{{- if not $second }}
---
apiVersion: v1
kind: ConfigMap
metadata:
  name: kept
  annotations: {helm.sh/resource-policy: keep}
{{- end }}
---
apiVersion: example.com/v1
kind: Widget
metadata:
  name: w
spec: {{ if $second }}{size: 2}{{ else }}{size: 1, colour: red}{{ end }}
)";

// Objects whose live state both upgrades must agree on ("NS" is replaced).
const std::vector<std::string> kCompared = {
    "/apis/apps/v1/namespaces/NS/deployments/web",  "/api/v1/namespaces/NS/services/web",
    "/api/v1/namespaces/NS/configmaps/settings",     "/api/v1/namespaces/NS/configmaps/kept",
    "/api/v1/namespaces/NS/configmaps/arriving",     "/apis/example.com/v1/namespaces/NS/widgets/w",
};

std::string inNamespace(const std::string& path, const std::string& ns) {
  const size_t at = path.find("/NS/");
  return path.substr(0, at + 1) + ns + path.substr(at + 3);
}

class UpgradeParity : public interop::HelmInterop {
 protected:
  void SetUp() override {
    HelmInterop::SetUp();
    if (IsSkipped()) return;
    kubectl_ = kube::testing::findKubectl();
    if (kubectl_.empty()) GTEST_SKIP() << "kubectl 1.32 not found; upgrade parity tests skipped";
    ASSERT_EQ(cluster_->run("mkdir -p parity/templates parity/crds").exitCode, 0);
    cluster_->writeFile("parity/crds/widgets.yaml", kWidgetCrd);
    cluster_->writeFile("parity/templates/all.yaml", kTemplates);
    const std::string chartYaml = cluster_->writeFile("parity/Chart.yaml", "apiVersion: v2\nname: parity\nversion: 0.1.0\n");
    chartDirectory_ = chartYaml.substr(0, chartYaml.rfind('/'));
    auto chart = chart::loadChart(chartDirectory_);
    ASSERT_TRUE(chart) << chart.error().message;
    chart_ = *chart;
  }

  void kubectl(const std::string& arguments) const {
    const kube::testing::CommandResult result = cluster_->run(kubectl_ + " " + arguments, 60);
    EXPECT_EQ(result.exitCode, 0) << "kubectl " << arguments << "\n" << result.output;
  }

  // What a user might change by hand between two upgrades: fields the chart
  // sets (replicas, a ConfigMap key) and fields it does not (an annotation,
  // an env var, a label, a ConfigMap key, a custom resource field).
  void editOutOfBand(const std::string& ns) const {
    kubectl("-n " + ns + " patch deployment web -p '{\"metadata\":{\"annotations\":{\"edited-by\":\"hand\"}},"
            "\"spec\":{\"replicas\":3,\"template\":{\"spec\":{\"containers\":[{\"name\":\"app\","
            "\"env\":[{\"name\":\"C\",\"value\":\"3\"}]}]}}}}'");
    kubectl("-n " + ns + " patch configmap settings --type merge -p '{\"data\":{\"level\":\"7\",\"extra\":\"kept\"}}'");
    kubectl("-n " + ns + " patch widget w --type merge -p '{\"spec\":{\"extra\":\"x\"}}'");
    kubectl("-n " + ns + " label service web owner=ops");
  }

  void installBoth() {
    kubectl("create namespace ours");
    helm("install parity " + chartDirectory_ + " -n helms --create-namespace");
    auto installed = install(context_, *chart_, {"parity", "ours", Value::map()});
    ASSERT_TRUE(installed) << installed.error().message;
  }

  void upgradeBoth(bool force) {
    helm("upgrade parity " + chartDirectory_ + " -n helms --set second=true" + (force ? " --force" : ""));
    UpgradeOptions options{"parity", "ours", Value::map(Map{{"second", Value::boolean(true)}})};
    options.force = force;
    auto upgraded = upgrade(context_, *chart_, options);
    ASSERT_TRUE(upgraded) << upgraded.error().message;
  }

  void expectSameLiveObjects() const {
    for (const std::string& path : kCompared) {
      EXPECT_EQ(comparable(inNamespace(path, "ours")), comparable(inNamespace(path, "helms"))) << path;
    }
    for (const std::string ns : {"ours", "helms"}) {
      auto leaving = context_.client->get("/api/v1/namespaces/" + ns + "/configmaps/leaving");
      ASSERT_FALSE(leaving) << ns;
      EXPECT_TRUE(leaving.error().isNotFound()) << ns;
    }
  }

  std::string kubectl_;
  std::string chartDirectory_;
  std::shared_ptr<chart::Chart> chart_;
};

TEST_F(UpgradeParity, ThreeWayUpgradeMatchesHelms) {
  installBoth();
  editOutOfBand("helms");
  editOutOfBand("ours");
  upgradeBoth(false);
  expectSameLiveObjects();

  // What helm's upgrade made of them, checked on ours.
  const json deployment = live("/apis/apps/v1/namespaces/ours/deployments/web");
  EXPECT_EQ(deployment["spec"]["replicas"], 1);                                     // the chart's field wins
  EXPECT_EQ(deployment["metadata"]["annotations"].value("edited-by", ""), "hand");  // a hand-made one stays
  EXPECT_FALSE(deployment["metadata"]["labels"].contains("tier"));
  const json& containers = deployment["spec"]["template"]["spec"]["containers"];
  ASSERT_EQ(containers.size(), 1u) << containers;
  EXPECT_EQ(containers[0]["image"], "nginx:2");
  EXPECT_EQ(containers[0]["ports"].size(), 1u) << containers;
  EXPECT_EQ(live("/api/v1/namespaces/ours/configmaps/settings")["data"],
            json::parse(R"({"mode":"b","level":"1","extra":"kept"})"));
  EXPECT_EQ(live("/api/v1/namespaces/ours/services/web")["spec"]["ports"].size(), 1u);
  EXPECT_EQ(live("/apis/example.com/v1/namespaces/ours/widgets/w")["spec"], json::parse(R"({"size":2,"extra":"x"})"));
}

TEST_F(UpgradeParity, ForcedUpgradeReplacesLikeHelms) {
  installBoth();
  editOutOfBand("helms");
  editOutOfBand("ours");
  upgradeBoth(true);
  expectSameLiveObjects();
  const json deployment = live("/apis/apps/v1/namespaces/ours/deployments/web");
  EXPECT_FALSE(deployment["metadata"]["annotations"].contains("edited-by"));
  EXPECT_EQ(live("/api/v1/namespaces/ours/configmaps/settings")["data"], json::parse(R"({"mode":"b","level":"1"})"));
}

}  // namespace
}  // namespace ho::controller
