// limit/continue paging and the aggregated-discovery Accept check.
#include <gtest/gtest.h>

#include "kube/server/discovery.h"
#include "kube/server/list_paging.h"
#include "kube/server/object_store.h"

namespace ho::kube {
namespace {

using nlohmann::json;

struct PagingFixture : ::testing::Test {
  void SetUp() override {
    for (int i = 0; i < 5; ++i) add("ns", "o" + std::to_string(i));
    add("other", "x");
  }
  void add(const std::string& namespaceName, const std::string& name) {
    ASSERT_TRUE(store.create({"configmaps", namespaceName, name}, {{"metadata", {{"labels", {{"app", name}}}}}}).ok());
  }
  ApiResult<ListPage> page(const QueryParams& query, const std::string& namespaceName = "ns",
                           const ObjectFilter& filter = {}) {
    return listPage(store, "configmaps", namespaceName, query, filter);
  }
  static std::vector<std::string> names(const ListPage& page) {
    std::vector<std::string> result;
    for (const ObjectPtr& item : page.items) result.push_back(item->object()["metadata"]["name"]);
    return result;
  }
  ObjectStore store{SnapshotRetention{2, std::chrono::seconds(300)}};
};

TEST_F(PagingFixture, PagesWalkTheSnapshotOfTheFirstPage) {
  ApiResult<ListPage> first = page({{"limit", "2"}});
  ASSERT_TRUE(first.ok());
  EXPECT_EQ(names(first.value()), (std::vector<std::string>{"o0", "o1"}));
  EXPECT_EQ(first.value().remainingItemCount, 3);
  const uint64_t listVersion = first.value().resourceVersion;
  // Writes after the first page do not show in the later pages.
  ASSERT_TRUE(store.remove({"configmaps", "ns", "o3"}).ok());
  add("ns", "o25");
  ApiResult<ListPage> second = page({{"limit", "10"}, {"continue", first.value().continueToken}});
  ASSERT_TRUE(second.ok());
  EXPECT_EQ(names(second.value()), (std::vector<std::string>{"o2", "o3", "o4"}));
  EXPECT_EQ(second.value().resourceVersion, listVersion);
  EXPECT_TRUE(second.value().continueToken.empty());
  // A fresh list sees them.
  EXPECT_EQ(names(page({}).value()), (std::vector<std::string>{"o0", "o1", "o2", "o25", "o4"}));
  json metadata = json::object();
  describePage(first.value(), metadata);
  EXPECT_EQ(metadata["remainingItemCount"], 3);
  EXPECT_EQ(metadata["continue"], first.value().continueToken);
}

TEST_F(PagingFixture, ClusterWideAndFilteredPages) {
  ApiResult<ListPage> all = page({{"limit", "5"}}, "");
  ASSERT_TRUE(all.ok());
  EXPECT_EQ(all.value().remainingItemCount, 1);
  EXPECT_EQ(names(page({{"continue", all.value().continueToken}}, "").value()), (std::vector<std::string>{"x"}));
  // Filtered lists carry a continue token but no remainingItemCount, as on Kubernetes.
  const ObjectFilter evenOnly = [](const json& object) {
    const std::string name = object["metadata"]["name"];
    return (name.back() - '0') % 2 == 0;
  };
  ApiResult<ListPage> filtered = page({{"limit", "2"}}, "ns", evenOnly);
  ASSERT_TRUE(filtered.ok());
  EXPECT_EQ(names(filtered.value()), (std::vector<std::string>{"o0", "o2"}));
  EXPECT_FALSE(filtered.value().remainingItemCount);
  ApiResult<ListPage> rest = page({{"limit", "2"}, {"continue", filtered.value().continueToken}}, "ns", evenOnly);
  EXPECT_EQ(names(rest.value()), (std::vector<std::string>{"o4"}));
  EXPECT_TRUE(rest.value().continueToken.empty());
  // The last page of a namespace has no token even when other namespaces follow.
  EXPECT_TRUE(page({{"limit", "5"}}).value().continueToken.empty());
}

TEST_F(PagingFixture, ExpiredTokensAreGoneWithAnInconsistentContinue) {
  ApiResult<ListPage> first = page({{"limit", "2"}});
  ASSERT_TRUE(first.ok());
  for (const char* name : {"p1", "p2"}) {  // two newer retained snapshots push the first one out
    add("ns", name);
    ASSERT_TRUE(page({{"limit", "1"}}).ok());
  }
  const QueryParams stale = {{"limit", "2"}, {"continue", first.value().continueToken}};
  ApiResult<ListPage> expiredPage = page(stale);
  ASSERT_FALSE(expiredPage.ok());
  EXPECT_EQ(expiredPage.error().code, 410);
  EXPECT_EQ(expiredPage.error().reason, "Expired");
  EXPECT_EQ(expiredPage.error().message,
            "The provided continue parameter is too old to display a consistent list result. You can start a new "
            "list without the continue parameter, or use the continue token in this response to retrieve the "
            "remainder of the results. Continuing with the provided token results in an inconsistent list - objects "
            "that were created, modified, or deleted between the time the first chunk was returned and now may show "
            "up in the list.");
  const json status = listErrorStatus(expiredPage.error(), stale);
  EXPECT_EQ(status["code"], 410);
  const std::string inconsistent = status["metadata"]["continue"];
  EXPECT_EQ(inconsistent, encodeContinueToken(-1, {"ns", "o1"}));
  // The inconsistent token resumes after o1 on the current objects.
  ApiResult<ListPage> resumed = page({{"continue", inconsistent}});
  ASSERT_TRUE(resumed.ok());
  EXPECT_EQ(names(resumed.value()), (std::vector<std::string>{"o2", "o3", "o4", "p1", "p2"}));
  EXPECT_EQ(resumed.value().resourceVersion, store.resourceVersion());
}

TEST_F(PagingFixture, NoLimitMeansEverythingAndBadTokensAreBadRequests) {
  EXPECT_EQ(page({}).value().items.size(), 5u);
  EXPECT_EQ(page({{"continue", "garbage"}}).error().code, 400);
}

TEST(AggregatedDiscovery, OnlyTheV2FormIsServed) {
  EXPECT_TRUE(wantsAggregatedDiscovery(
      "application/json;g=apidiscovery.k8s.io;v=v2;as=APIGroupDiscoveryList,application/json;g=apidiscovery.k8s.io;"
      "v=v2beta1;as=APIGroupDiscoveryList,application/json"));
  EXPECT_FALSE(wantsAggregatedDiscovery("application/json;g=apidiscovery.k8s.io;v=v2beta1;as=APIGroupDiscoveryList"));
  EXPECT_FALSE(wantsAggregatedDiscovery("application/json, */*"));
  const ResourceRegistry registry;
  const json apis = aggregatedDiscovery(registry, false);
  EXPECT_EQ(apis["kind"], "APIGroupDiscoveryList");
  EXPECT_EQ(apis["items"][0]["metadata"]["name"], "apps");
  const json core = aggregatedDiscovery(registry, true);
  const json& pods = core["items"][0]["versions"][0]["resources"][0];
  EXPECT_EQ(pods["resource"], "pods");
  EXPECT_EQ(pods["scope"], "Namespaced");
  EXPECT_EQ(pods["subresources"][0]["subresource"], "status");
}

}  // namespace
}  // namespace ho::kube
