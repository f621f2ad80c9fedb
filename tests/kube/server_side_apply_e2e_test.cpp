// Server-side apply with field ownership: kubectl apply --server-side with
// several field managers, conflicts and --force-conflicts, managedFields.
#include <gtest/gtest.h>

#include "e2e_support.h"

namespace ho::kube {
namespace {

using ServerSideApplyE2E = testing::KubectlTest;

std::string configMap(const std::string& value) {
  return "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: shared\ndata:\n  key: " + value + "\n";
}

TEST_F(ServerSideApplyE2E, SecondManagerConflictsUnlessForced) {
  const std::string first = cluster_->writeFile("first.yaml", configMap("one"));
  EXPECT_NE(ok("apply --server-side --field-manager=alice -f " + first).find("configmap/shared serverside-applied"),
            std::string::npos);
  const std::string second = cluster_->writeFile("second.yaml", configMap("two"));
  const testing::CommandResult conflict = kubectl("apply --server-side --field-manager=bob -f " + second);
  EXPECT_NE(conflict.exitCode, 0);
  EXPECT_NE(conflict.output.find("Apply failed with 1 conflict: conflict with \"alice\": .data.key"),
            std::string::npos)
      << conflict.output;
  EXPECT_EQ(ok("get configmap shared -o jsonpath={.data.key}"), "one");

  ok("apply --server-side --field-manager=bob --force-conflicts -f " + second);
  EXPECT_EQ(ok("get configmap shared -o jsonpath={.data.key}"), "two");
  EXPECT_EQ(ok("get configmap shared --show-managed-fields -o jsonpath={.metadata.managedFields[*].manager}"), "bob");
}

TEST_F(ServerSideApplyE2E, SameValueIsSharedAndDroppedFieldsAreRemoved) {
  const std::string both = cluster_->writeFile(
      "both.yaml", "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: cfg\ndata:\n  a: '1'\n  b: '2'\n");
  ok("apply --server-side --field-manager=alice -f " + both);
  ok("apply --server-side --field-manager=bob -f " + both);  // same values: shared, no conflict
  const std::string onlyA = cluster_->writeFile(
      "only-a.yaml", "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: cfg\ndata:\n  a: '1'\n");
  ok("apply --server-side --field-manager=alice -f " + onlyA);
  EXPECT_EQ(ok("get configmap cfg -o jsonpath={.data.b}"), "2");  // bob still owns b
  ok("apply --server-side --field-manager=bob -f " + onlyA);
  EXPECT_EQ(ok("get configmap cfg -o jsonpath={.data.b}"), "");  // nobody owns b any more
}

TEST_F(ServerSideApplyE2E, UpdatesByOtherClientsConflictWithApplyUsingTheirVersion) {
  ok("create deployment web --image=nginx:1.25");
  const std::string applied = cluster_->writeFile(
      "web.yaml",
      "apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: web\nspec:\n  selector:\n    matchLabels: {app: web}\n"
      "  template:\n    metadata:\n      labels: {app: web}\n    spec:\n      containers:\n      - name: nginx\n"
      "        image: nginx:1.26\n");
  const testing::CommandResult conflict = kubectl("apply --server-side -f " + applied);
  EXPECT_NE(conflict.exitCode, 0);
  EXPECT_NE(conflict.output.find("conflict with \"kubectl-create\" using apps/v1: "
                                 ".spec.template.spec.containers[name=\"nginx\"].image"),
            std::string::npos)
      << conflict.output;
  ok("apply --server-side --force-conflicts -f " + applied);
  EXPECT_EQ(ok("get deployment web -o jsonpath={.spec.template.spec.containers[0].image}"), "nginx:1.26");
  const std::string managers = ok("get deployment web --show-managed-fields -o jsonpath={.metadata.managedFields[*].operation}");
  EXPECT_NE(managers.find("Apply"), std::string::npos) << managers;
  EXPECT_NE(managers.find("Update"), std::string::npos) << managers;
}

}  // namespace
}  // namespace ho::kube
