// limit/continue paging and the aggregated-discovery Accept check.
#include <gtest/gtest.h>

#include "kube/server/discovery.h"
#include "kube/server/list_paging.h"

namespace ho::kube {
namespace {

using nlohmann::json;

json objects(int count) {
  json items = json::array();
  for (int i = 0; i < count; ++i) items.push_back({{"metadata", {{"namespace", "ns"}, {"name", "o" + std::to_string(i)}}}});
  return items;
}

TEST(ListPaging, PagesFollowTheContinueToken) {
  ApiResult<ListPage> first = pageOf(objects(5), 42, {{"limit", "2"}});
  ASSERT_TRUE(first.ok());
  EXPECT_EQ(first.value().items.size(), 2u);
  EXPECT_EQ(first.value().remainingItemCount, 3);
  ApiResult<ListPage> second = pageOf(objects(6), 50, {{"limit", "10"}, {"continue", first.value().continueToken}});
  ASSERT_TRUE(second.ok());
  EXPECT_EQ(second.value().items.size(), 4u);  // o2..o5: the page resumes after o1
  EXPECT_EQ(second.value().items[0]["metadata"]["name"], "o2");
  EXPECT_EQ(second.value().resourceVersion, 42u);  // the token's list version
  EXPECT_TRUE(second.value().continueToken.empty());
  json metadata = json::object();
  describePage(first.value(), metadata);
  EXPECT_EQ(metadata["remainingItemCount"], 3);
}

TEST(ListPaging, NoLimitMeansEverythingAndBadTokensAreBadRequests) {
  EXPECT_EQ(pageOf(objects(3), 1, {}).value().items.size(), 3u);
  EXPECT_EQ(pageOf(objects(3), 1, {{"continue", "garbage"}}).error().code, 400);
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
