// Real kubectl (1.32) against the bundled API server.
#include <gtest/gtest.h>

#include "e2e_support.h"

namespace ho::kube {
namespace {

using testing::CommandResult;
using testing::LiveCluster;

using KubectlE2E = testing::KubectlTest;

std::string deploymentManifest(const std::string& image, int replicas) {
  return "apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: web\n  namespace: team-a\n"
         "spec:\n  replicas: " +
         std::to_string(replicas) +
         "\n  selector:\n    matchLabels: {app: web}\n  template:\n    metadata:\n      labels: {app: web}\n"
         "    spec:\n      containers:\n      - name: web\n        image: " +
         image + "\n        ports: [{containerPort: 80}]\n";
}

TEST_F(KubectlE2E, NamespaceConfigMapAndDeploymentLifecycle) {
  EXPECT_NE(ok("create namespace team-a").find("namespace/team-a created"), std::string::npos);
  const std::string configMap = cluster_->writeFile(
      "cm.yaml", "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: settings\n  namespace: team-a\ndata:\n  a: '1'\n");
  EXPECT_NE(ok("apply -f " + configMap).find("configmap/settings created"), std::string::npos);

  const std::string deployment = cluster_->writeFile("deploy.yaml", deploymentManifest("nginx:1.25", 2));
  EXPECT_NE(ok("apply -f " + deployment).find("deployment.apps/web created"), std::string::npos);
  EXPECT_NE(ok("apply -f " + deployment).find("deployment.apps/web unchanged"), std::string::npos);
  cluster_->writeFile("deploy.yaml", deploymentManifest("nginx:1.26", 2));
  EXPECT_NE(ok("apply -f " + deployment).find("deployment.apps/web configured"), std::string::npos);

  const std::string table = ok("get deployments -n team-a");
  EXPECT_NE(table.find("NAME"), std::string::npos) << table;
  EXPECT_NE(table.find("UP-TO-DATE"), std::string::npos) << table;
  EXPECT_NE(table.find("2/2"), std::string::npos) << table;
  const std::string watched = kubectl("get deployments -n team-a --watch --request-timeout=2s").output;
  EXPECT_NE(watched.find("web    2/2"), std::string::npos) << watched;

  const std::string yaml = ok("get deployment web -n team-a -o yaml");
  EXPECT_NE(yaml.find("image: nginx:1.26"), std::string::npos) << yaml;
  EXPECT_NE(yaml.find("generation: 2"), std::string::npos) << yaml;
  EXPECT_NE(yaml.find("containerPort: 80"), std::string::npos) << yaml;

  EXPECT_NE(ok("rollout status deployment/web -n team-a --timeout=30s").find("successfully rolled out"),
            std::string::npos);
  EXPECT_NE(ok("scale deployment web -n team-a --replicas=3").find("deployment.apps/web scaled"), std::string::npos);
  EXPECT_EQ(ok("get deployment web -n team-a -o jsonpath={.status.readyReplicas}"), "3");
  const std::string replicaSets = ok("get replicasets -n team-a -l app=web -o name");
  EXPECT_EQ(std::count(replicaSets.begin(), replicaSets.end(), '\n'), 2) << replicaSets;

  EXPECT_NE(ok("get configmap settings -n team-a -o jsonpath={.data.a}").find("1"), std::string::npos);
  EXPECT_NE(ok("delete -f " + deployment).find("deleted"), std::string::npos);
  EXPECT_NE(ok("get deployments,replicasets -n team-a").find("No resources found"), std::string::npos);

  const CommandResult missing = kubectl("get configmap nope -n team-a");
  EXPECT_NE(missing.exitCode, 0);
  EXPECT_NE(missing.output.find("Error from server (NotFound): configmaps \"nope\" not found"), std::string::npos)
      << missing.output;
}

const char* const kWidgetCrd = R"(apiVersion: apiextensions.k8s.io/v1
kind: CustomResourceDefinition
metadata:
  name: widgets.example.com
spec:
  group: example.com
  names: {kind: Widget, plural: widgets, singular: widget, shortNames: [wd]}
  scope: Namespaced
  versions:
  - name: v1
    served: true
    storage: true
    subresources: {status: {}}
    schema:
      openAPIV3Schema: {type: object, x-kubernetes-preserve-unknown-fields: true}
    additionalPrinterColumns:
    - {name: Size, type: integer, jsonPath: .spec.size}
    - {name: Ready, type: string, jsonPath: '.status.conditions[?(@.type=="Ready")].status'}
    - {name: Age, type: date, jsonPath: .metadata.creationTimestamp}
)";

TEST_F(KubectlE2E, CustomResourceWithPrinterColumnsStatusAndWait) {
  const std::string crd = cluster_->writeFile("crd.yaml", kWidgetCrd);
  EXPECT_NE(ok("apply -f " + crd).find("customresourcedefinition.apiextensions.k8s.io/widgets.example.com created"),
            std::string::npos);
  EXPECT_NE(ok("wait --for=condition=Established crd/widgets.example.com --timeout=20s").find("condition met"),
            std::string::npos);

  const std::string widget = cluster_->writeFile(
      "widget.yaml", "apiVersion: example.com/v1\nkind: Widget\nmetadata:\n  name: w1\nspec:\n  size: 3\n");
  EXPECT_NE(ok("apply -f " + widget).find("widget.example.com/w1 created"), std::string::npos);
  cluster_->writeFile("widget.yaml", "apiVersion: example.com/v1\nkind: Widget\nmetadata:\n  name: w1\nspec:\n  size: 4\n");
  EXPECT_NE(ok("apply -f " + widget).find("widget.example.com/w1 configured"), std::string::npos);

  ok(R"(patch widget w1 --subresource=status --type=merge -p '{"status":{"conditions":[{"type":"Ready","status":"True"}]}}')");
  EXPECT_NE(ok("wait --for=condition=Ready widget/w1 --timeout=20s").find("condition met"), std::string::npos);

  const std::string table = ok("get wd");
  EXPECT_NE(table.find("NAME   SIZE   READY   AGE"), std::string::npos) << table;
  EXPECT_NE(table.find("w1     4      True"), std::string::npos) << table;

  const std::string serverSide = cluster_->writeFile(
      "w2.yaml", "apiVersion: example.com/v1\nkind: Widget\nmetadata:\n  name: w2\nspec:\n  size: 7\n");
  EXPECT_NE(ok("apply --server-side -f " + serverSide).find("widget.example.com/w2 serverside-applied"),
            std::string::npos);
  EXPECT_NE(ok("get widget w2 -o jsonpath={.spec.size}").find("7"), std::string::npos);

  EXPECT_NE(ok("delete widget w1").find("widget.example.com \"w1\" deleted"), std::string::npos);
  ok("delete -f " + crd);
  const CommandResult gone = kubectl("get widgets");
  EXPECT_NE(gone.exitCode, 0) << gone.output;
}

}  // namespace
}  // namespace ho::kube

namespace ho::kube {
namespace {

// kubectl 1.27 and 1.28 fetch /openapi/v2 (protobuf) before every apply.
TEST(KubectlOldE2E, Kubectl127AppliesAndReappliesADeployment) {
  const std::string kubectl = testing::findKubectl("1.27");
  if (kubectl.empty()) GTEST_SKIP() << "kubectl 1.27 binary not found";
  testing::LiveCluster cluster;
  cluster.run(kubectl + " create namespace team-a");
  const std::string manifest = cluster.writeFile("deploy.yaml", deploymentManifest("nginx:1.25", 1));
  const testing::CommandResult created = cluster.run(kubectl + " apply -f " + manifest);
  EXPECT_EQ(created.exitCode, 0) << created.output;
  EXPECT_NE(created.output.find("deployment.apps/web created"), std::string::npos) << created.output;
  cluster.writeFile("deploy.yaml", deploymentManifest("nginx:1.26", 1));
  const testing::CommandResult configured = cluster.run(kubectl + " apply -f " + manifest);
  EXPECT_EQ(configured.output, "deployment.apps/web configured\n");
}

}  // namespace
}  // namespace ho::kube
