// URL routing: request targets and resource paths.
#include <gtest/gtest.h>

#include "kube/server/router.h"

namespace ho::kube {
namespace {

TEST(Router_SplitTarget, DecodesQueryParameters) {
  const RequestTarget target = splitTarget("/api/v1/secrets?labelSelector=name%3Drel%2Cowner%3Dhelm&watch=true");
  EXPECT_EQ(target.path, "/api/v1/secrets");
  EXPECT_EQ(target.query.at("labelSelector"), "name=rel,owner=helm");
  EXPECT_EQ(target.query.at("watch"), "true");
}

TEST(Router_ParseApiPath, CoreNamespacedObject) {
  const auto path = parseApiPath("/api/v1/namespaces/default/configmaps/cfg");
  ASSERT_TRUE(path);
  EXPECT_EQ(path->group, "");
  EXPECT_EQ(path->version, "v1");
  EXPECT_EQ(path->namespaceName, "default");
  EXPECT_EQ(path->resource, "configmaps");
  EXPECT_EQ(path->name, "cfg");
  EXPECT_EQ(path->subresource, "");
}

TEST(Router_ParseApiPath, GroupSubresource) {
  const auto path = parseApiPath("/apis/apps/v1/namespaces/ns1/deployments/web/status");
  ASSERT_TRUE(path);
  EXPECT_EQ(path->group, "apps");
  EXPECT_EQ(path->namespaceName, "ns1");
  EXPECT_EQ(path->resource, "deployments");
  EXPECT_EQ(path->name, "web");
  EXPECT_EQ(path->subresource, "status");
}

TEST(Router_ParseApiPath, NamespaceItselfAndItsStatus) {
  const auto object = parseApiPath("/api/v1/namespaces/team-a");
  ASSERT_TRUE(object);
  EXPECT_EQ(object->resource, "namespaces");
  EXPECT_EQ(object->name, "team-a");
  EXPECT_EQ(object->namespaceName, "");
  const auto status = parseApiPath("/api/v1/namespaces/team-a/status");
  ASSERT_TRUE(status);
  EXPECT_EQ(status->resource, "namespaces");
  EXPECT_EQ(status->subresource, "status");
}

TEST(Router_ParseApiPath, ClusterWideListAndLegacyWatch) {
  const auto list = parseApiPath("/apis/helm.fluxcd.io/v1/helmreleases");
  ASSERT_TRUE(list);
  EXPECT_EQ(list->group, "helm.fluxcd.io");
  EXPECT_EQ(list->resource, "helmreleases");
  EXPECT_EQ(list->name, "");
  const auto watch = parseApiPath("/api/v1/watch/namespaces/default/pods");
  ASSERT_TRUE(watch);
  EXPECT_TRUE(watch->legacyWatch);
  EXPECT_EQ(watch->resource, "pods");
}

TEST(Router_ParseApiPath, RejectsRootsAndForeignPaths) {
  EXPECT_FALSE(parseApiPath("/api/v1"));
  EXPECT_FALSE(parseApiPath("/apis/apps/v1"));
  EXPECT_FALSE(parseApiPath("/version"));
}

}  // namespace
}  // namespace ho::kube
