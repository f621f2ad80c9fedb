// Bare Pods through the simulated kubelet, seen by real clients: `helm test`
// with a Pod test hook (restartPolicy Never) finishes with Phase Succeeded
// (and fails when the hook's command is `false`),
// `kubectl wait --for=condition=Ready` returns for a bare restartPolicy
// Always Pod, and `kubectl get pods` prints kubectl's statuses.
#include <gtest/gtest.h>

#include <nlohmann/json.hpp>

#include "e2e_support.h"

namespace ho::kube {
namespace {

using testing::CommandResult;
using PodLifecycleE2E = testing::KubectlTest;
using nlohmann::json;

const char* kChartYaml = "apiVersion: v2\nname: hooked\nversion: 0.1.0\n";
const char* kConfigMap = R"(apiVersion: v1
kind: ConfigMap
metadata:
  name: {{ .Release.Name }}-settings
data:
  greeting: hello
)";
const char* kTestHook = R"(apiVersion: v1
kind: Pod
metadata:
  name: {{ .Release.Name }}-smoke
  annotations:
    helm.sh/hook: test
spec:
  restartPolicy: Never
  containers:
  - name: smoke
    image: busybox:1.36
    command: ["true"]
)";

const char* kBarePod = R"(apiVersion: v1
kind: Pod
metadata:
  name: web
spec:
  containers:
  - name: web
    image: nginx:1.25
)";

class HelmTestE2E : public PodLifecycleE2E {
 protected:
  // Writes the chart with `testHook` as its test and installs it as "demo".
  void installWithTest(const std::string& testHook) {
    helm_ = testing::findReferenceBinary("helm");
    if (helm_.empty()) GTEST_SKIP() << "reference helm not found";
    ASSERT_EQ(cluster_->run("mkdir -p chart/templates/tests").exitCode, 0);
    cluster_->writeFile("chart/Chart.yaml", kChartYaml);
    cluster_->writeFile("chart/templates/configmap.yaml", kConfigMap);
    cluster_->writeFile("chart/templates/tests/smoke.yaml", testHook);
    const CommandResult installed = cluster_->run(helm_ + " install demo chart --wait --timeout 60s", 120);
    ASSERT_EQ(installed.exitCode, 0) << installed.output;
  }

  std::string helm_;
};

TEST_F(HelmTestE2E, HelmTestWithAPodHookSucceeds) {
  installWithTest(kTestHook);
  if (IsSkipped() || HasFatalFailure()) return;
  const std::string& helm = helm_;

  const CommandResult tested = cluster_->run(helm + " test demo --timeout 60s", 120);
  ASSERT_EQ(tested.exitCode, 0) << tested.output;
  EXPECT_NE(tested.output.find("TEST SUITE:     demo-smoke"), std::string::npos) << tested.output;
  EXPECT_NE(tested.output.find("Phase:          Succeeded"), std::string::npos) << tested.output;

  const json hookPod = json::parse(ok("get pod demo-smoke -o json"));
  EXPECT_EQ(hookPod["status"]["phase"], "Succeeded");
  EXPECT_EQ(hookPod["status"]["containerStatuses"][0]["state"]["terminated"]["exitCode"], 0);
  EXPECT_NE(ok("get pod demo-smoke").find("Completed"), std::string::npos);

  // A second run replaces the hook Pod (before-hook-creation) and succeeds again.
  const CommandResult again = cluster_->run(helm + " test demo --timeout 60s", 120);
  EXPECT_EQ(again.exitCode, 0) << again.output;
  EXPECT_NE(again.output.find("Phase:          Succeeded"), std::string::npos) << again.output;
}

TEST_F(HelmTestE2E, HelmTestWithAFailingPodHookFails) {
  std::string failing = kTestHook;
  failing.replace(failing.find("[\"true\"]"), 8, "[\"false\"]");
  installWithTest(failing);
  if (IsSkipped() || HasFatalFailure()) return;
  const CommandResult tested = cluster_->run(helm_ + " test demo --timeout 60s", 120);
  EXPECT_NE(tested.exitCode, 0) << tested.output;
  EXPECT_NE(tested.output.find("pod demo-smoke failed"), std::string::npos) << tested.output;
  EXPECT_NE(ok("get pod demo-smoke").find("0/1     Error"), std::string::npos);
}

TEST_F(PodLifecycleE2E, KubectlWaitsForABarePodToBeReady) {
  ok("apply -f " + cluster_->writeFile("pod.yaml", kBarePod));
  EXPECT_NE(ok("wait --for=condition=Ready pod/web --timeout=30s").find("condition met"), std::string::npos);
  const std::string listed = ok("get pod web");
  EXPECT_NE(listed.find("1/1     Running"), std::string::npos) << listed;
  const json pod = json::parse(ok("get pod web -o json"));
  EXPECT_EQ(pod["spec"]["restartPolicy"], "Always");
  EXPECT_EQ(pod["spec"]["nodeName"], "helm-operator-node");
  EXPECT_EQ(pod["status"]["qosClass"], "BestEffort");
  EXPECT_EQ(pod["status"]["containerStatuses"][0]["ready"], true);

  // Re-applying (or labelling) a running Pod leaves its status as it is.
  const std::string started = pod["status"]["startTime"];
  ok("label pod web tier=frontend");
  EXPECT_EQ(ok("get pod web -o jsonpath={.status.startTime}"), started);
}

TEST_F(PodLifecycleE2E, KubectlRunRestartNeverCompletes) {
  ok("run once --image=busybox:1.36 --restart=Never -- true");
  EXPECT_NE(ok("wait --for=jsonpath={.status.phase}=Succeeded pod/once --timeout=30s").find("condition met"),
            std::string::npos);
  const std::string listed = ok("get pod once");
  EXPECT_NE(listed.find("0/1     Completed"), std::string::npos) << listed;
}

}  // namespace
}  // namespace ho::kube
