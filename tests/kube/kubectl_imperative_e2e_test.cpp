// kubectl's imperative commands (create <kind>, scale, expose, rollout
// restart, label, annotate): kubectl sends these through typed clients, so
// the bodies arrive as Kubernetes protobuf and the server must decode every
// built-in kind.
#include <gtest/gtest.h>

#include "e2e_support.h"

namespace ho::kube {
namespace {

using KubectlImperativeE2E = testing::KubectlTest;

TEST_F(KubectlImperativeE2E, CreatesEveryKindThroughProtobuf) {
  EXPECT_NE(ok("create deployment web --image=nginx:1.25 --replicas=2 --port=80").find("deployment.apps/web created"),
            std::string::npos);
  EXPECT_NE(ok("create service clusterip web-svc --tcp=80:8080").find("service/web-svc created"), std::string::npos);
  EXPECT_NE(ok("create configmap settings --from-literal=a=1 --from-literal=b=two").find("configmap/settings created"),
            std::string::npos);
  EXPECT_NE(ok("create secret generic creds --from-literal=password=s3cret").find("secret/creds created"),
            std::string::npos);
  EXPECT_NE(ok("create job once --image=busybox -- echo hi").find("job.batch/once created"), std::string::npos);
  EXPECT_NE(ok("create cronjob tick --image=busybox --schedule='*/5 * * * *' -- date").find("cronjob.batch/tick created"),
            std::string::npos);
  EXPECT_NE(ok("create serviceaccount robot").find("serviceaccount/robot created"), std::string::npos);
  EXPECT_NE(ok("create role reader --verb=get,list --resource=pods").find("role.rbac.authorization.k8s.io/reader created"),
            std::string::npos);
  EXPECT_NE(ok("create rolebinding reader --role=reader --serviceaccount=default:robot").find("created"),
            std::string::npos);
  EXPECT_NE(ok("create clusterrole watcher --verb=watch --resource=deployments.apps").find("created"),
            std::string::npos);
  EXPECT_NE(ok("create priorityclass high --value=1000").find("created"), std::string::npos);
  EXPECT_NE(ok("create poddisruptionbudget web --selector=app=web --min-available=1").find("created"),
            std::string::npos);
  EXPECT_NE(ok("create ingress web --rule=example.com/*=web-svc:80").find("created"), std::string::npos);
  EXPECT_NE(ok("create quota small --hard=pods=10").find("created"), std::string::npos);

  EXPECT_EQ(ok("get deployment web -o jsonpath={.spec.template.spec.containers[0].image}"), "nginx:1.25");
  EXPECT_EQ(ok("get deployment web -o jsonpath={.spec.template.spec.containers[0].ports[0].containerPort}"), "80");
  EXPECT_EQ(ok("get service web-svc -o jsonpath={.spec.ports[0].targetPort}"), "8080");
  EXPECT_EQ(ok("get configmap settings -o jsonpath={.data.b}"), "two");
  EXPECT_EQ(ok("get secret creds -o jsonpath={.data.password}"), "czNjcmV0");
  EXPECT_EQ(ok("get cronjob tick -o jsonpath={.spec.schedule}"), "*/5 * * * *");
  EXPECT_EQ(ok("get job once -o jsonpath={.spec.template.spec.containers[0].command}"), "[\"echo\",\"hi\"]");
  EXPECT_EQ(ok("get role reader -o jsonpath={.rules[0].verbs}"), "[\"get\",\"list\"]");
  EXPECT_EQ(ok("get rolebinding reader -o jsonpath={.subjects[0].name}"), "robot");
  EXPECT_EQ(ok("get priorityclass high -o jsonpath={.value}"), "1000");
  EXPECT_EQ(ok("get pdb web -o jsonpath={.spec.minAvailable}"), "1");
  EXPECT_EQ(ok("get ingress web -o jsonpath={.spec.rules[0].host}"), "example.com");
  EXPECT_EQ(ok("get resourcequota small -o jsonpath={.spec.hard.pods}"), "10");
}

TEST_F(KubectlImperativeE2E, AnswersProtobufWhenTheClientPrefersIt) {
  ok("create secret generic creds --from-literal=password=s3cret");
  const std::string server = ok("config view -o jsonpath={.clusters[0].cluster.server}");
  const auto fetch = [&](const std::string& accept) {
    return cluster_->run("curl -s -D - -o /dev/null -H 'Accept: " + accept + "' " + server +
                         "/api/v1/namespaces/default/secrets/creds")
        .output;
  };
  EXPECT_NE(fetch("application/vnd.kubernetes.protobuf, application/json")
                .find("Content-Type: application/vnd.kubernetes.protobuf"),
            std::string::npos);
  EXPECT_NE(fetch("application/json, application/vnd.kubernetes.protobuf").find("Content-Type: application/json"),
            std::string::npos);
}

TEST_F(KubectlImperativeE2E, ScaleExposeRolloutRestartLabelAnnotate) {
  ok("create deployment web --image=nginx:1.25 --port=80");
  EXPECT_NE(ok("scale deployment web --replicas=3").find("deployment.apps/web scaled"), std::string::npos);
  EXPECT_EQ(ok("get deployment web -o jsonpath={.spec.replicas}"), "3");
  EXPECT_NE(ok("expose deployment web --port=8080 --target-port=80").find("service/web exposed"), std::string::npos);
  EXPECT_EQ(ok("get service web -o jsonpath={.spec.selector.app}"), "web");
  EXPECT_NE(ok("rollout restart deployment/web").find("deployment.apps/web restarted"), std::string::npos);
  EXPECT_NE(ok("get deployment web -o jsonpath={.spec.template.metadata.annotations}")
                .find("kubectl.kubernetes.io/restartedAt"),
            std::string::npos);
  EXPECT_NE(ok("rollout status deployment/web --timeout=30s").find("successfully rolled out"), std::string::npos);
  EXPECT_NE(ok("label deployment web tier=frontend").find("deployment.apps/web labeled"), std::string::npos);
  EXPECT_NE(ok("annotate deployment web owner=team-a").find("deployment.apps/web annotated"), std::string::npos);
  EXPECT_EQ(ok("get deployment web -o jsonpath={.metadata.labels.tier}"), "frontend");
  EXPECT_EQ(ok("get deployment web -o jsonpath={.metadata.annotations.owner}"), "team-a");
  EXPECT_NE(ok("get deployments -l tier=frontend").find("web"), std::string::npos);
}

TEST(KubectlImperativeVersionsE2E, OlderAndNewerKubectlCreateThroughProtobuf) {
  for (const std::string version : {"1.27", "1.33"}) {
    const std::string kubectl = testing::findKubectl(version);
    if (kubectl.empty()) continue;
    const testing::LiveCluster cluster;
    const testing::CommandResult created = cluster.run(kubectl + " create deployment web --image=nginx --replicas=2");
    EXPECT_EQ(created.exitCode, 0) << version << ": " << created.output;
    const testing::CommandResult replicas = cluster.run(kubectl + " get deployment web -o jsonpath={.spec.replicas}");
    EXPECT_EQ(replicas.output, "2") << version;
  }
}

}  // namespace
}  // namespace ho::kube
