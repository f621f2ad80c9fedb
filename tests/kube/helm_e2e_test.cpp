// Real helm (3.17 and 4) against the bundled API server, with the podinfo
// example chart.
#include <gtest/gtest.h>

#include "e2e_support.h"

namespace ho::kube {
namespace {

using testing::CommandResult;
using testing::LiveCluster;

const std::string kChart = std::string(HO_SOURCE_DIR) + "/examples/charts/podinfo";

class HelmE2E : public ::testing::Test {
 protected:
  void start(const std::string& helmName) {
    helm_ = testing::findReferenceBinary(helmName);
    kubectl_ = testing::findKubectl("1.32");
    if (helm_.empty() || kubectl_.empty()) GTEST_SKIP() << helmName << " or kubectl 1.32 not found";
    cluster_ = std::make_unique<LiveCluster>();
  }

  std::string helm(const std::string& arguments) const {
    const CommandResult result = cluster_->run(helm_ + " " + arguments, 120);
    EXPECT_EQ(result.exitCode, 0) << "helm " << arguments << "\n" << result.output;
    return result.output;
  }

  std::string kubectl(const std::string& arguments) const {
    const CommandResult result = cluster_->run(kubectl_ + " " + arguments);
    EXPECT_EQ(result.exitCode, 0) << "kubectl " << arguments << "\n" << result.output;
    return result.output;
  }

  std::string helm_;
  std::string kubectl_;
  std::unique_ptr<LiveCluster> cluster_;
};

TEST_F(HelmE2E, Helm3InstallUpgradeHistoryRollbackUninstall) {
  start("helm");
  if (IsSkipped()) return;
  EXPECT_NE(helm("install demo " + kChart + " --wait --timeout 60s").find("STATUS: deployed"), std::string::npos);
  const std::string listed = helm("list");
  EXPECT_NE(listed.find("demo"), std::string::npos) << listed;
  EXPECT_NE(listed.find("deployed"), std::string::npos) << listed;
  EXPECT_NE(kubectl("get secret sh.helm.release.v1.demo.v1 -o jsonpath={.type}").find("helm.sh/release.v1"),
            std::string::npos);

  helm("upgrade demo " + kChart + " --set replicaCount=2 --wait --timeout 60s");
  EXPECT_EQ(kubectl("get deployment demo-podinfo -o jsonpath={.spec.replicas}"), "2");
  const std::string history = helm("history demo");
  EXPECT_NE(history.find("superseded"), std::string::npos) << history;
  EXPECT_NE(history.find("Upgrade complete"), std::string::npos) << history;

  EXPECT_NE(helm("rollback demo 1 --wait --timeout 60s").find("Rollback was a success"), std::string::npos);
  EXPECT_EQ(kubectl("get deployment demo-podinfo -o jsonpath={.spec.replicas}"), "1");
  EXPECT_NE(helm("status demo").find("REVISION: 3"), std::string::npos);

  EXPECT_NE(helm("uninstall demo").find("release \"demo\" uninstalled"), std::string::npos);
  EXPECT_EQ(helm("list -q"), "");
  EXPECT_NE(kubectl("get deployments,services,configmaps,secrets").find("No resources found"), std::string::npos);
}

TEST_F(HelmE2E, Helm4ServerSideApplyInstallWaitAndUninstall) {
  start("helm4");
  if (IsSkipped()) return;
  EXPECT_NE(helm("install demo " + kChart + " --wait --timeout 60s").find("STATUS: deployed"), std::string::npos);
  helm("upgrade demo " + kChart + " --set replicaCount=3 --wait --timeout 60s");
  EXPECT_EQ(kubectl("get deployment demo-podinfo -o jsonpath={.status.readyReplicas}"), "3");
  EXPECT_NE(helm("list").find("deployed"), std::string::npos);
  const std::string status = helm("status demo");  // server-side Tables with includeObject=Object
  EXPECT_NE(status.find("demo-podinfo   3/3"), std::string::npos) << status;
  EXPECT_NE(helm("uninstall demo").find("uninstalled"), std::string::npos);
}

}  // namespace
}  // namespace ho::kube
