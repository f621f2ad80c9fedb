// ReleaseCache and SecretStorage's cached history: unchanged Secrets are not
// decoded again, changed or new ones are, and the cache keeps to its budget.
#include "controller/release/release_cache.h"

#include <gtest/gtest.h>

#include "../kube/e2e_support.h"
#include "controller/release/secret_storage.h"

namespace ho::controller {
namespace {

Release revision(const std::string& name, int version, const std::string& state) {
  Release release;
  release.name = name;
  release.namespace_ = "default";
  release.version = version;
  release.info.status = state;
  release.manifest = "---\n# Source: t/templates/x.yaml\napiVersion: v1\nkind: ConfigMap\n";
  release.config = Value::map();
  return release;
}

TEST(ReleaseCache, FindsAnEntryOnlyAtItsResourceVersion) {
  ReleaseCache cache;
  cache.store("default/sh.helm.release.v1.web.v1", "10", revision("web", 1, "deployed"), 100);
  ASSERT_TRUE(cache.find("default/sh.helm.release.v1.web.v1", "10"));
  EXPECT_EQ(cache.find("default/sh.helm.release.v1.web.v1", "10")->info.status, "deployed");
  EXPECT_FALSE(cache.find("default/sh.helm.release.v1.web.v1", "11"));
  EXPECT_FALSE(cache.find("default/sh.helm.release.v1.web.v2", "10"));
  cache.store("default/sh.helm.release.v1.web.v1", "11", revision("web", 1, "superseded"), 100);
  EXPECT_EQ(cache.size(), 1U);
  EXPECT_EQ(cache.find("default/sh.helm.release.v1.web.v1", "11")->info.status, "superseded");
}

TEST(ReleaseCache, DropsTheLeastRecentlyUsedBeyondItsBudget) {
  ReleaseCache cache(250);
  cache.store("default/a", "1", revision("a", 1, "deployed"), 100);
  cache.store("default/b", "1", revision("b", 1, "deployed"), 100);
  ASSERT_TRUE(cache.find("default/a", "1"));  // a is now the most recently used
  cache.store("default/c", "1", revision("c", 1, "deployed"), 100);
  EXPECT_TRUE(cache.find("default/a", "1"));
  EXPECT_FALSE(cache.find("default/b", "1"));
  EXPECT_TRUE(cache.find("default/c", "1"));
  cache.store("default/huge", "1", revision("huge", 1, "deployed"), 1000);  // larger than the budget: not kept
  EXPECT_FALSE(cache.find("default/huge", "1"));
  EXPECT_EQ(cache.size(), 2U);
}

TEST(CachedReleaseHistory, ReadsTheSameHistoryAndSeesEveryChange) {
  kube::testing::LiveCluster cluster;
  auto client = cluster.connect();
  ASSERT_TRUE(client) << client.error().message;
  auto cache = std::make_shared<ReleaseCache>();
  SecretStorage cached(*client, "default", cache);
  SecretStorage plain(*client, "default");

  ASSERT_TRUE(plain.create(revision("web", 1, "deployed")));
  ASSERT_TRUE(plain.create(revision("other", 1, "deployed")));
  auto first = cached.history("web");
  ASSERT_TRUE(first) << first.error().message;
  ASSERT_EQ(first->size(), 1U);
  EXPECT_EQ(cache->size(), 1U);  // only the revisions of "web" were read

  auto again = cached.history("web");
  ASSERT_TRUE(again);
  ASSERT_EQ(again->size(), 1U);
  EXPECT_EQ((*again)[0].info.status, "deployed");

  // An update (a new resourceVersion) and a new revision are read from the server.
  ASSERT_TRUE(plain.update(revision("web", 1, "superseded")));
  ASSERT_TRUE(plain.create(revision("web", 2, "deployed")));
  auto changed = cached.history("web");
  ASSERT_TRUE(changed);
  ASSERT_EQ(changed->size(), 2U);
  EXPECT_EQ((*changed)[0].info.status, "superseded");
  EXPECT_EQ((*changed)[1].version, 2);
  EXPECT_EQ((*changed)[1].info.status, "deployed");

  // A removed revision is gone from the cached history too.
  ASSERT_TRUE(plain.remove("web", 1));
  auto pruned = cached.history("web");
  ASSERT_TRUE(pruned);
  ASSERT_EQ(pruned->size(), 1U);
  EXPECT_EQ((*pruned)[0].version, 2);
}

}  // namespace
}  // namespace ho::controller
