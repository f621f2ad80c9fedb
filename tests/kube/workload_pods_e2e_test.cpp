// Simulated workloads seen through real kubectl: StatefulSet ordinal Pods,
// DaemonSet Pods per Node, Jobs that complete, and owners' Pods collected
// when the owner is deleted.
#include <gtest/gtest.h>

#include <nlohmann/json.hpp>

#include "e2e_support.h"

namespace ho::kube {
namespace {

using WorkloadPodsE2E = testing::KubectlTest;
using nlohmann::json;

const char* kStatefulSet = R"(apiVersion: apps/v1
kind: StatefulSet
metadata:
  name: db
spec:
  serviceName: db
  replicas: 3
  selector:
    matchLabels: {app: db}
  template:
    metadata:
      labels: {app: db}
    spec:
      containers:
      - name: db
        image: postgres:16
)";

const char* kDaemonSet = R"(apiVersion: apps/v1
kind: DaemonSet
metadata:
  name: agent
spec:
  selector:
    matchLabels: {app: agent}
  template:
    metadata:
      labels: {app: agent}
    spec:
      containers:
      - name: agent
        image: busybox:1.36
)";

const char* kJob = R"(apiVersion: batch/v1
kind: Job
metadata:
  name: migrate
spec:
  template:
    metadata:
      labels: {app: migrate}
    spec:
      restartPolicy: Never
      containers:
      - name: migrate
        image: busybox:1.36
        command: ["true"]
)";

size_t lines(const std::string& text) { return static_cast<size_t>(std::count(text.begin(), text.end(), '\n')); }

TEST_F(WorkloadPodsE2E, StatefulSetRunsOrdinalPods) {
  ok("apply -f " + cluster_->writeFile("sts.yaml", kStatefulSet));
  EXPECT_NE(ok("rollout status sts/db --timeout=30s").find("roll out complete"), std::string::npos);
  EXPECT_EQ(ok("get pods -l app=db -o jsonpath={.items[*].metadata.name}"), "db-0 db-1 db-2");
  const json pod = json::parse(ok("get pod db-1 -o json"));
  EXPECT_EQ(pod["metadata"]["labels"]["statefulset.kubernetes.io/pod-name"], "db-1");
  EXPECT_EQ(pod["metadata"]["labels"]["apps.kubernetes.io/pod-index"], "1");
  const json statefulSet = json::parse(ok("get sts db -o json"));
  EXPECT_EQ(pod["metadata"]["labels"]["controller-revision-hash"], statefulSet["status"]["updateRevision"]);
  EXPECT_EQ(pod["metadata"]["ownerReferences"][0]["kind"], "StatefulSet");
  EXPECT_EQ(pod["status"]["phase"], "Running");

  ok("scale sts db --replicas=1");
  EXPECT_EQ(ok("get pods -l app=db -o jsonpath={.items[*].metadata.name}"), "db-0");
  ok("delete sts db");
  EXPECT_NE(ok("get pods").find("No resources found"), std::string::npos);
}

TEST_F(WorkloadPodsE2E, DaemonSetRunsOnePodPerNode) {
  ok("apply -f " + cluster_->writeFile("ds.yaml", kDaemonSet));
  EXPECT_NE(ok("rollout status ds/agent --timeout=30s").find("successfully rolled out"), std::string::npos);
  const std::string nodes = ok("get nodes -o name");
  EXPECT_EQ(lines(nodes), 1u) << nodes;
  const json pods = json::parse(ok("get pods -l app=agent -o json"));
  ASSERT_EQ(pods["items"].size(), 1u);
  EXPECT_EQ("node/" + pods["items"][0]["spec"]["nodeName"].get<std::string>() + "\n", nodes);
  EXPECT_EQ(pods["items"][0]["metadata"]["ownerReferences"][0]["kind"], "DaemonSet");
  EXPECT_EQ(ok("get ds agent -o jsonpath={.status.desiredNumberScheduled}/{.status.numberReady}"), "1/1");
  ok("delete ds agent");
  EXPECT_NE(ok("get pods").find("No resources found"), std::string::npos);
}

TEST_F(WorkloadPodsE2E, JobCompletesWithASucceededPod) {
  ok("apply -f " + cluster_->writeFile("job.yaml", kJob));
  EXPECT_NE(ok("wait --for=condition=complete job/migrate --timeout=30s").find("condition met"), std::string::npos);
  EXPECT_EQ(ok("get job migrate -o jsonpath={.status.succeeded}"), "1");
  EXPECT_FALSE(ok("get job migrate -o jsonpath={.status.completionTime}").empty());
  const json pods = json::parse(ok("get pods -l job-name=migrate -o json"));
  ASSERT_EQ(pods["items"].size(), 1u);
  EXPECT_EQ(pods["items"][0]["status"]["phase"], "Succeeded");
  EXPECT_EQ(pods["items"][0]["metadata"]["ownerReferences"][0]["kind"], "Job");
  ok("delete job migrate");
  EXPECT_NE(ok("get pods").find("No resources found"), std::string::npos);
}

TEST_F(WorkloadPodsE2E, DeletingADeploymentCollectsItsReplicaSetsAndPods) {
  ok("create deployment web --image=nginx:1.25 --replicas=2");
  ok("set image deployment/web nginx=nginx:1.26");
  EXPECT_EQ(lines(ok("get replicasets -o name")), 2u);
  EXPECT_EQ(lines(ok("get pods -o name")), 2u);
  ok("delete deployment web");
  EXPECT_NE(ok("get replicasets,pods").find("No resources found"), std::string::npos);
}

}  // namespace
}  // namespace ho::kube
