// The simulated kubelet: bare Pods go Pending -> Running (-> Succeeded for
// restartPolicy Never/OnFailure), one write per phase, with the conditions
// and container statuses a kubelet reports.
#include <gtest/gtest.h>

#include <memory>
#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "kube/server/object_store.h"
#include "kube/server/resource_registry.h"
#include "kube/server/simulated_kubelet.h"
#include "kube/server/workload_simulator.h"

namespace ho::kube {
namespace {

using nlohmann::json;

json pod(const std::string& name, const std::string& restartPolicy) {
  json object = {{"apiVersion", "v1"},
                 {"kind", "Pod"},
                 {"metadata", {{"name", name}, {"namespace", "default"}}},
                 {"spec", {{"containers", {{{"name", "test"}, {"image", "busybox:1.36"}}}}}},
                 {"status", {{"phase", "Pending"}, {"qosClass", "BestEffort"}}}};
  if (!restartPolicy.empty()) object["spec"]["restartPolicy"] = restartPolicy;
  return object;
}

// Creates the Pod, runs the simulator on it and returns the phases its
// MODIFIED events carried.
std::vector<std::string> runAndWatchPhases(ObjectStore& store, const json& created) {
  auto phases = std::make_shared<std::vector<std::string>>();
  store.addCommitListener([phases](const WatchEvent& event) {
    if (event.groupResource == "pods" && event.type == "MODIFIED") {
      phases->push_back(event.object->object()["status"].value("phase", ""));
    }
  });
  const auto stored = store.create({"pods", "default", created["metadata"]["name"]}, created);
  EXPECT_TRUE(stored.ok());
  WorkloadSimulator simulator(store);
  const ResourceRegistry registry;
  simulator.afterWrite(*registry.find("", "v1", "pods"), stored.value().object);
  return *phases;
}

std::string conditionStatus(const json& status, const std::string& type) {
  for (const json& condition : status["conditions"]) {
    if (condition["type"] == type) return condition["status"];
  }
  return "";
}

TEST(SimulatedKubelet, NeverPodGoesPendingRunningSucceeded) {
  ObjectStore store;
  EXPECT_EQ(runAndWatchPhases(store, pod("hook", "Never")),
            (std::vector<std::string>{"Pending", "Running", "Succeeded"}));
  const json stored = *store.get({"pods", "default", "hook"});
  const json& status = stored["status"];
  EXPECT_EQ(status["phase"], "Succeeded");
  EXPECT_EQ(status["qosClass"], "BestEffort");
  EXPECT_EQ(stored["spec"]["nodeName"], "helm-operator-node");
  const json& terminated = status["containerStatuses"][0]["state"]["terminated"];
  EXPECT_EQ(terminated["exitCode"], 0);
  EXPECT_EQ(terminated["reason"], "Completed");
  EXPECT_EQ(status["containerStatuses"][0]["ready"], false);
  EXPECT_EQ(conditionStatus(status, "Ready"), "False");
  EXPECT_EQ(conditionStatus(status, "PodScheduled"), "True");
  EXPECT_EQ(conditionStatus(status, "Initialized"), "True");
  EXPECT_EQ(status["conditions"][2]["reason"], "PodCompleted");
}

TEST(SimulatedKubelet, OnFailurePodSucceedsToo) {
  ObjectStore store;
  EXPECT_EQ(runAndWatchPhases(store, pod("job-like", "OnFailure")).back(), "Succeeded");
}

TEST(SimulatedKubelet, FailingCommandFailsANeverPod) {
  json failing = pod("broken", "Never");
  failing["spec"]["containers"][0]["command"] = {"false"};
  ObjectStore store;
  EXPECT_EQ(runAndWatchPhases(store, failing), (std::vector<std::string>{"Pending", "Running", "Failed"}));
  const json status = store.get({"pods", "default", "broken"})->at("status");
  EXPECT_EQ(status["containerStatuses"][0]["state"]["terminated"]["exitCode"], 1);
  EXPECT_EQ(status["containerStatuses"][0]["state"]["terminated"]["reason"], "Error");
  EXPECT_EQ(status["conditions"][2]["reason"], "PodFailed");
}

TEST(SimulatedKubelet, ExitCodesComeFromTheCommand) {
  EXPECT_EQ(simulatedExitCode(json{{"name", "a"}}), 0);
  EXPECT_EQ(simulatedExitCode(json{{"command", json::array({"/bin/false"})}}), 1);
  EXPECT_EQ(simulatedExitCode(json{{"command", {"sh", "-c"}}, {"args", json::array({"exit 3"})}}), 3);
  EXPECT_EQ(simulatedExitCode(json{{"command", {"/bin/sh", "-c", " exit 0 "}}}), 0);
  EXPECT_EQ(simulatedExitCode(json{{"command", {"sh", "-c", "exit 2; echo"}}}), 0);  // only a bare exit counts
  EXPECT_EQ(simulatedExitCode(json{{"command", json::array({"true"})}}), 0);
  json failing = pod("p", "OnFailure")["spec"];
  failing["containers"][0]["command"] = {"false"};
  EXPECT_EQ(settledPhase(failing), PodPhase::Succeeded);  // OnFailure would restart it; not simulated
  failing["restartPolicy"] = "Never";
  EXPECT_EQ(settledPhase(failing), PodPhase::Failed);
}

TEST(SimulatedKubelet, AlwaysPodRunsReady) {
  ObjectStore store;
  EXPECT_EQ(runAndWatchPhases(store, pod("web", "")), (std::vector<std::string>{"Pending", "Running"}));
  const json status = store.get({"pods", "default", "web"})->at("status");
  EXPECT_EQ(conditionStatus(status, "Ready"), "True");
  EXPECT_EQ(conditionStatus(status, "ContainersReady"), "True");
  EXPECT_EQ(status["containerStatuses"][0]["ready"], true);
  EXPECT_TRUE(status["containerStatuses"][0]["state"].contains("running"));
  EXPECT_TRUE(status.contains("podIP"));
}

TEST(SimulatedKubelet, SettledPodIsLeftAlone) {
  ObjectStore store;
  runAndWatchPhases(store, pod("web", "Always"));
  const json settled = *store.get({"pods", "default", "web"});
  WorkloadSimulator simulator(store);
  const ResourceRegistry registry;
  const uint64_t before = store.resourceVersion();
  simulator.afterWrite(*registry.find("", "v1", "pods"), settled);
  EXPECT_EQ(store.resourceVersion(), before);
}

TEST(SimulatedKubelet, PendingStatusWaitsForContainerCreation) {
  const json status = kubeletPodStatus(pod("p", "Never")["spec"], "p", PodPhase::Pending);
  EXPECT_EQ(status["phase"], "Pending");
  EXPECT_EQ(status["containerStatuses"][0]["state"]["waiting"]["reason"], "ContainerCreating");
  EXPECT_EQ(status["conditions"][2]["message"], "containers with unready status: [test]");
  EXPECT_FALSE(status.contains("podIP"));
}

TEST(SimulatedKubelet, QosClassFollowsRequestsAndLimits) {
  EXPECT_EQ(qosClassOf(json{{"containers", {{{"name", "a"}}}}}), "BestEffort");
  const json limits = {{"cpu", "100m"}, {"memory", "64Mi"}};
  EXPECT_EQ(qosClassOf(json{{"containers", {{{"name", "a"}, {"resources", {{"limits", limits}}}}}}}), "Guaranteed");
  EXPECT_EQ(qosClassOf(json{{"containers", {{{"name", "a"}, {"resources", {{"limits", limits}, {"requests", limits}}}}}}}),
            "Guaranteed");
  EXPECT_EQ(qosClassOf(json{{"containers", {{{"name", "a"}, {"resources", {{"requests", {{"cpu", "1"}}}}}}}}}),
            "Burstable");
}

}  // namespace
}  // namespace ho::kube
