// `apiserver --tls`: HTTPS with a generated CA, bearer-token authentication,
// and a kubeconfig real kubectl and helm use unchanged.
#include <gtest/gtest.h>

#include "e2e_support.h"

namespace ho::kube {
namespace {

using testing::CommandResult;
using testing::LiveCluster;

TEST(TlsE2E, KubectlAndHelmUseTheGeneratedCaAndToken) {
  const std::string kubectl = testing::findKubectl("1.32");
  if (kubectl.empty()) GTEST_SKIP() << "kubectl 1.32 binary not found";
  const LiveCluster cluster(true);
  const CommandResult namespaces = cluster.run(kubectl + " get namespaces");
  EXPECT_EQ(namespaces.exitCode, 0) << namespaces.output;
  EXPECT_NE(namespaces.output.find("kube-system"), std::string::npos) << namespaces.output;
  const CommandResult created = cluster.run(kubectl + " create configmap over-tls --from-literal=a=1");
  EXPECT_EQ(created.exitCode, 0) << created.output;

  const CommandResult anonymous = cluster.run(kubectl + " get configmaps --token=wrong");
  EXPECT_NE(anonymous.exitCode, 0);
  EXPECT_NE(anonymous.output.find("Unauthorized"), std::string::npos) << anonymous.output;
  const CommandResult insecure = cluster.run(kubectl + " get configmaps --certificate-authority=/dev/null");
  EXPECT_NE(insecure.exitCode, 0) << insecure.output;

  const std::string helm = testing::findReferenceBinary("helm");
  if (helm.empty()) return;
  const CommandResult listed = cluster.run(helm + " list -A");
  EXPECT_EQ(listed.exitCode, 0) << listed.output;
}

}  // namespace
}  // namespace ho::kube
