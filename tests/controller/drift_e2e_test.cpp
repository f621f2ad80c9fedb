// spec.driftDetection end to end: real kubectl 1.32 edits the objects of a
// release the in-process controller made on the bundled API server (resync
// every second). enabled: `kubectl scale`, `kubectl patch`/`label` and
// `kubectl delete` are reverted by the next resync, Drifted=False
// (DriftCorrected) names what was restored, and the Helm release keeps its one
// revision (`helm history`); what the server defaults is not drift, a Secret's
// stringData and an added list item are restored. warn: Drifted=True lists the field with a Warning
// Event and nothing is reverted; it clears once the object matches again. An
// ignore rule hides its path; disabled does nothing. Skipped without kubectl 1.32.
#include "controller/reconciler/helm_release_object.h"
#include "kubectl_operator_test.h"

namespace ho::controller {
namespace {

using nlohmann::json;
using testing::eventually;

constexpr const char* kDeployment = R"(apiVersion: apps/v1
kind: Deployment
metadata:
  name: {{ .Release.Name }}
  labels: {app: {{ .Release.Name }}}
spec:
  replicas: 2
  selector:
    matchLabels: {app: {{ .Release.Name }}}
  template:
    metadata:
      labels: {app: {{ .Release.Name }}}
    spec:
      containers:
      - name: web
        image: nginx:1.25
        resources:
          limits: {cpu: 0.5, memory: 1024Mi}
)";

constexpr const char* kConfigMap = R"(apiVersion: v1
kind: ConfigMap
metadata:
  name: {{ .Release.Name }}
  labels: {tier: web}
data:
  size: "1"
  colour: grey
)";

// Objects the server defaults in many places; none of it is drift.
constexpr const char* kTypicalObjects = R"(apiVersion: v1
kind: Service
metadata:
  name: {{ .Release.Name }}-svc
spec:
  type: ClusterIP
  selector: {app: {{ .Release.Name }}}
  ports:
  - port: 80
    targetPort: http
---
apiVersion: v1
kind: ServiceAccount
metadata:
  name: {{ .Release.Name }}-sa
---
apiVersion: v1
kind: Secret
metadata:
  name: {{ .Release.Name }}-secret
type: Opaque
stringData:
  password: s3cret
---
apiVersion: rbac.authorization.k8s.io/v1
kind: ClusterRole
metadata:
  name: {{ .Release.Name }}-reader
  namespace: {{ .Release.Namespace }}
rules:
- apiGroups: [""]
  resources: [configmaps]
  verbs: [get, list]
---
apiVersion: apps/v1
kind: Deployment
metadata:
  name: {{ .Release.Name }}-full
spec:
  selector:
    matchLabels: {app: full}
  template:
    metadata:
      labels: {app: full}
      annotations: {}
    spec:
      serviceAccountName: {{ .Release.Name }}-sa
      containers:
      - name: web
        image: nginx:1.25
        imagePullPolicy: ""
        env:
        - {name: MODE, value: "1"}
        ports:
        - {name: http, containerPort: 8080}
        readinessProbe:
          httpGet: {path: /, port: http}
        resources:
          requests: {cpu: 0.1, memory: 64Mi}
)";

class DriftE2E : public testing::KubectlOperatorTest {
 protected:
  void SetUp() override {
    KubectlOperatorTest::SetUp();
    if (IsSkipped()) return;
    ASSERT_EQ(repository_->publish("app", "1.0.0",
                                   {{"templates/deployment.yaml", kDeployment}, {"templates/cm.yaml", kConfigMap}}),
              "");
    ASSERT_EQ(repository_->publish("typical", "1.0.0", {{"templates/objects.yaml", kTypicalObjects}}), "");
    startController(optionsWithEvents());
  }

  // Installs release "app" of `chart` with `driftDetection` (none when null) and waits until it is released.
  void release(const json& driftDetection, const std::string& chart = "app") {
    json spec = {{"releaseName", "app"}, {"chart", chartAt("1.0.0", chart)}};
    if (!driftDetection.is_null()) spec["driftDetection"] = driftDetection;
    applyHelmRelease("app", spec);
    ASSERT_TRUE(eventually([&] { return phase("app") == "Succeeded"; })) << status("app");
  }

  std::string kubectlOk(const std::string& arguments) const {
    const kube::testing::CommandResult result = cluster_->run(kubectl_ + " " + arguments);
    EXPECT_EQ(result.exitCode, 0) << "kubectl " << arguments << "\n" << result.output;
    return result.output;
  }
  std::string jsonpath(const std::string& resource, const std::string& expression) const {
    const kube::testing::CommandResult result =
        cluster_->run(kubectl_ + " get " + resource + " -o jsonpath='" + expression + "'");
    return result.exitCode == 0 ? result.output : "";
  }
  std::string replicas() const { return jsonpath("deployment/app", "{.spec.replicas}"); }
  std::string conditionReason(const std::string& type) const {
    return jsonpath("hr/app", "{.status.conditions[?(@.type==\"" + type + "\")].reason}");
  }

  // Asks for a reconcile (reconcile.fluxcd.io/requestedAt) and waits until it was handled.
  void reconcileOnce(const std::string& token) {
    kubectlOk("annotate hr app --overwrite " + std::string(kRequestedAtAnnotation) + "=" + token);
    ASSERT_TRUE(eventually([&] { return status("app").value("lastHandledReconcileAt", "") == token; }))
        << status("app");
  }
};

TEST_F(DriftE2E, EnabledModeRevertsEditsWithinAResyncWithoutANewRevision) {
  release({{"mode", "enabled"}});

  kubectlOk("scale deployment app --replicas=5");
  ASSERT_TRUE(eventually([&] { return replicas() == "2"; })) << "replicas " << replicas();
  ASSERT_TRUE(eventually([&] { return conditionReason("Drifted") == "DriftCorrected"; })) << status("app");
  EXPECT_EQ(condition("app", "Drifted"), "False");
  EXPECT_NE(conditionMessage("app", "Drifted").find("Deployment/default/app: /spec/replicas"), std::string::npos)
      << conditionMessage("app", "Drifted");

  kubectlOk("patch configmap app --type merge -p '{\"data\":{\"size\":\"9\"}}'");
  kubectlOk("label configmap app tier=other --overwrite");
  ASSERT_TRUE(eventually([&] {
    return jsonpath("configmap/app", "{.data.size}") == "1" && jsonpath("configmap/app", "{.metadata.labels.tier}") == "web";
  })) << kubectlOk("get configmap app -o yaml");

  kubectlOk("delete configmap app");
  ASSERT_TRUE(eventually([&] { return jsonpath("configmap/app", "{.data.colour}") == "grey"; }));
  // Recreated as the release's and the HelmRelease's own.
  EXPECT_EQ(jsonpath("configmap/app", "{.metadata.labels.app\\.kubernetes\\.io/managed-by}"), "Helm");
  EXPECT_EQ(jsonpath("configmap/app", "{.metadata.annotations.helm\\.fluxcd\\.io/antecedent}"), "default:helmrelease/app");

  EXPECT_EQ(revision("app", 1), "deployed");
  EXPECT_EQ(revision("app", 2), "");
  if (const std::string helm = kube::testing::findReferenceBinary("helm"); !helm.empty()) {
    const kube::testing::CommandResult history = cluster_->run(helm + " history app -n default");
    EXPECT_EQ(history.exitCode, 0) << history.output;
    EXPECT_NE(history.output.find("\n1 "), std::string::npos) << history.output;
    EXPECT_EQ(history.output.find("\n2 "), std::string::npos) << history.output;
  }
}

TEST_F(DriftE2E, ServerDefaultsAreNotDriftAndSecretsAreRestored) {
  release({{"mode", "enabled"}}, "typical");
  reconcileOnce("after-install");
  EXPECT_EQ(condition("app", "Drifted"), "") << status("app");

  // One edit at a time: a resync between two edits would correct them in two rounds.
  const auto correctedField = [&](const std::string& field) {
    return conditionReason("Drifted") == "DriftCorrected" &&
           conditionMessage("app", "Drifted").find(field) != std::string::npos;
  };
  kubectlOk("patch secret app-secret -p '{\"stringData\":{\"password\":\"changed\"}}'");
  ASSERT_TRUE(eventually([&] { return correctedField("Secret/default/app-secret: /stringData/password"); }))
      << status("app");
  EXPECT_EQ(jsonpath("secret/app-secret", "{.data.password}"), "czNjcmV0");  // base64("s3cret")

  kubectlOk("patch clusterrole app-reader --type json -p '[{\"op\":\"add\",\"path\":\"/rules/-\","
            "\"value\":{\"apiGroups\":[\"\"],\"resources\":[\"secrets\"],\"verbs\":[\"get\"]}}]'");
  ASSERT_TRUE(eventually([&] { return correctedField("ClusterRole/app-reader: /rules/1"); })) << status("app");
  EXPECT_EQ(jsonpath("clusterrole/app-reader", "{.rules[*].resources[*]}"), "configmaps");
}

TEST_F(DriftE2E, WarnModeReportsTheFieldAndAnEventButRevertsNothing) {
  release({{"mode", "warn"}});

  kubectlOk("scale deployment app --replicas=3");
  ASSERT_TRUE(eventually([&] { return condition("app", "Drifted") == "True"; })) << status("app");
  EXPECT_EQ(conditionReason("Drifted"), "DriftDetected");
  EXPECT_NE(conditionMessage("app", "Drifted").find("(1 field): Deployment/default/app: /spec/replicas"),
            std::string::npos)
      << conditionMessage("app", "Drifted");
  EXPECT_TRUE(eventually([&] { return warningEvents("app").find("DriftDetected: ") != std::string::npos; }))
      << warningEvents("app");
  reconcileOnce("after-scale");
  EXPECT_EQ(replicas(), "3");

  kubectlOk("scale deployment app --replicas=2");
  ASSERT_TRUE(eventually([&] { return condition("app", "Drifted") == "False"; })) << status("app");
  EXPECT_EQ(conditionReason("Drifted"), "NoDrift");
  EXPECT_EQ(revision("app", 2), "");
}

TEST_F(DriftE2E, IgnoredPathsAreNeitherReportedNorReverted) {
  release({{"mode", "enabled"},
           {"ignore", json::array({json{{"paths", {"/spec/replicas"}}, {"target", {{"kind", "Deployment"}}}}})}});

  kubectlOk("scale deployment app --replicas=4");
  kubectlOk("patch configmap app --type merge -p '{\"data\":{\"colour\":\"red\"}}'");
  ASSERT_TRUE(eventually([&] { return jsonpath("configmap/app", "{.data.colour}") == "grey"; }));
  reconcileOnce("after-edits");
  EXPECT_EQ(replicas(), "4");
  const std::string message = conditionMessage("app", "Drifted");
  EXPECT_NE(message.find("ConfigMap/default/app: /data/colour"), std::string::npos) << message;
  EXPECT_EQ(message.find("/spec/replicas"), std::string::npos) << message;
}

TEST_F(DriftE2E, DisabledModeLeavesEditsAndStatusAlone) {
  release(json{{"mode", "disabled"}});

  kubectlOk("scale deployment app --replicas=4");
  kubectlOk("patch configmap app --type merge -p '{\"data\":{\"size\":\"7\"}}'");
  reconcileOnce("after-edits");
  EXPECT_EQ(replicas(), "4");
  EXPECT_EQ(jsonpath("configmap/app", "{.data.size}"), "7");
  EXPECT_EQ(condition("app", "Drifted"), "");
  EXPECT_EQ(warningEvents("app"), "");
}

}  // namespace
}  // namespace ho::controller
