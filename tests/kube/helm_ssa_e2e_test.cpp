// helm 4's server-side apply against the field manager: helm owns what it
// applied, upgrades move its fields, and another manager's change to a field
// helm owns conflicts.
#include <gtest/gtest.h>

#include "e2e_support.h"

namespace ho::kube {
namespace {

using testing::CommandResult;

const std::string kChart = std::string(HO_SOURCE_DIR) + "/examples/charts/podinfo";

TEST(HelmServerSideApplyE2E, Helm4OwnsItsFieldsAcrossUpgrades) {
  const std::string helm = testing::findReferenceBinary("helm4");
  const std::string kubectl = testing::findKubectl("1.32");
  if (helm.empty() || kubectl.empty()) GTEST_SKIP() << "helm4 or kubectl 1.32 not found";
  const testing::LiveCluster cluster;
  const auto ok = [&](const std::string& command) {
    const CommandResult result = cluster.run(command, 120);
    EXPECT_EQ(result.exitCode, 0) << command << "\n" << result.output;
    return result.output;
  };
  ok(helm + " install demo " + kChart + " --wait --timeout 60s");
  const std::string managers = ok(kubectl + " get deployment demo-podinfo --show-managed-fields -o "
                                            "jsonpath='{range .metadata.managedFields[*]}{.manager}/{.operation} {end}'");
  EXPECT_NE(managers.find("helm/Apply"), std::string::npos) << managers;
  ok(helm + " upgrade demo " + kChart + " --set replicaCount=2 --wait --timeout 60s");
  EXPECT_EQ(ok(kubectl + " get deployment demo-podinfo -o jsonpath={.spec.replicas}"), "2");

  const std::string patch = cluster.writeFile(
      "replicas.yaml", "apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: demo-podinfo\nspec:\n  replicas: 5\n");
  const CommandResult conflict = cluster.run(kubectl + " apply --server-side --field-manager=ops -f " + patch);
  EXPECT_NE(conflict.exitCode, 0);
  EXPECT_NE(conflict.output.find("conflict with \"helm\": .spec.replicas"), std::string::npos) << conflict.output;
  ok(helm + " upgrade demo " + kChart + " --set replicaCount=3 --wait --timeout 60s");
  EXPECT_EQ(ok(kubectl + " get deployment demo-podinfo -o jsonpath={.spec.replicas}"), "3");
  ok(helm + " rollback demo 1 --wait --timeout 60s");
  EXPECT_EQ(ok(kubectl + " get deployment demo-podinfo -o jsonpath={.spec.replicas}"), "1");
}

}  // namespace
}  // namespace ho::kube
