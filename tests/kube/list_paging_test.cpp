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

TEST_F(PagingFixture, ExactListsServeTheStateAtThatVersion) {
  const std::string setUp = std::to_string(store.resourceVersion());
  ApiResult<ListPage> exact = page({{"resourceVersion", setUp}, {"resourceVersionMatch", "Exact"}});
  ASSERT_TRUE(exact.ok());
  EXPECT_EQ(names(exact.value()), (std::vector<std::string>{"o0", "o1", "o2", "o3", "o4"}));
  // Writes to other resources leave this one's state at that version as it is.
  ASSERT_TRUE(store.create({"secrets", "ns", "s"}, json::object()).ok());
  exact = page({{"resourceVersion", setUp}, {"resourceVersionMatch", "Exact"}});
  ASSERT_TRUE(exact.ok());
  EXPECT_EQ(exact.value().resourceVersion, std::stoull(setUp));

  // A paged list retains its snapshot: exact lists (and legacy ones with a limit) read it later.
  ApiResult<ListPage> paged = page({{"limit", "2"}});
  ASSERT_TRUE(paged.ok());
  const std::string pagedAt = std::to_string(paged.value().resourceVersion);
  add("ns", "o5");
  EXPECT_EQ(names(page({{"resourceVersion", pagedAt}, {"resourceVersionMatch", "Exact"}}).value()),
            (std::vector<std::string>{"o0", "o1", "o2", "o3", "o4"}));
  ApiResult<ListPage> legacy = page({{"resourceVersion", pagedAt}, {"limit", "4"}});
  ASSERT_TRUE(legacy.ok());
  EXPECT_EQ(names(legacy.value()), (std::vector<std::string>{"o0", "o1", "o2", "o3"}));
  EXPECT_EQ(legacy.value().resourceVersion, std::stoull(pagedAt));
  EXPECT_EQ(names(page({{"continue", legacy.value().continueToken}}).value()), (std::vector<std::string>{"o4"}));

  // The state before the set-up's last write is gone (no kept snapshot holds it).
  const std::string beforeLastCreate = std::to_string(std::stoull(setUp) - 1);
  ApiResult<ListPage> compacted = page({{"resourceVersion", beforeLastCreate}, {"resourceVersionMatch", "Exact"}});
  ASSERT_FALSE(compacted.ok());
  EXPECT_EQ(compacted.error().code, 410);
  EXPECT_EQ(compacted.error().reason, "Expired");
  EXPECT_EQ(compacted.error().message, "The resourceVersion for the provided list is too old.");

  const uint64_t newest = store.resourceVersion();
  ApiResult<ListPage> future =
      page({{"resourceVersion", std::to_string(newest + 10)}, {"resourceVersionMatch", "Exact"}});
  ASSERT_FALSE(future.ok());
  EXPECT_EQ(future.error().code, 504);
  EXPECT_EQ(future.error().reason, "Timeout");
  EXPECT_EQ(future.error().message, "Timeout: Too large resource version: " + std::to_string(newest + 10) +
                                        ", current: " + std::to_string(newest));
  EXPECT_EQ(future.error().details,
            json::parse(R"({"causes":[{"reason":"ResourceVersionTooLarge","message":"Too large resource version"}]})"));
}

TEST_F(PagingFixture, NotOlderThanListsServeTheCurrentObjects) {
  const std::string old = std::to_string(store.resourceVersion() - 3);
  add("ns", "o5");
  for (const QueryParams& query : {QueryParams{{"resourceVersion", old}, {"resourceVersionMatch", "NotOlderThan"}},
                                   QueryParams{{"resourceVersion", old}}, QueryParams{{"resourceVersion", "0"}}}) {
    ApiResult<ListPage> listed = page(query);
    ASSERT_TRUE(listed.ok());
    EXPECT_EQ(listed.value().items.size(), 6u);
    EXPECT_EQ(listed.value().resourceVersion, store.resourceVersion());
  }
  const uint64_t newest = store.resourceVersion();
  ApiResult<ListPage> future =
      page({{"resourceVersion", std::to_string(newest + 1)}, {"resourceVersionMatch", "NotOlderThan"}});
  ASSERT_FALSE(future.ok());
  EXPECT_EQ(future.error().code, 504);
  EXPECT_EQ(future.error().message, "Timeout: Too large resource version: " + std::to_string(newest + 1) +
                                        ", current: " + std::to_string(newest));
  EXPECT_EQ(future.error().details["retryAfterSeconds"], 1);
  EXPECT_EQ(page({{"resourceVersion", std::to_string(newest + 1)}}).error().code, 504);
}

TEST_F(PagingFixture, ListOptionsAreValidatedLikeKubeApiserver) {
  const auto message = [&](const QueryParams& query) { return page(query).error().message; };
  EXPECT_EQ(message({{"resourceVersionMatch", "Exact"}}),
            "ListOptions.meta.k8s.io \"\" is invalid: resourceVersionMatch: Forbidden: resourceVersionMatch is "
            "forbidden unless resourceVersion is provided");
  EXPECT_EQ(page({{"resourceVersionMatch", "Exact"}}).error().code, 422);
  EXPECT_EQ(message({{"resourceVersion", "0"}, {"resourceVersionMatch", "Exact"}}),
            "ListOptions.meta.k8s.io \"\" is invalid: resourceVersionMatch: Forbidden: resourceVersionMatch "
            "\"exact\" is forbidden for resourceVersion \"0\"");
  EXPECT_EQ(message({{"resourceVersion", "5"}, {"resourceVersionMatch", "Newest"}}),
            "ListOptions.meta.k8s.io \"\" is invalid: resourceVersionMatch: Unsupported value: \"Newest\": supported "
            "values: \"Exact\", \"NotOlderThan\", \"\"");
  EXPECT_EQ(message({{"resourceVersion", "abc"}}),
            "invalid resource version: resourceVersion: Invalid value: \"abc\": strconv.ParseUint: parsing \"abc\": "
            "invalid syntax");
  const std::string token = page({{"limit", "1"}}).value().continueToken;
  EXPECT_EQ(message({{"resourceVersion", "5"}, {"continue", token}}),
            "specifying resource version is not allowed when using continue");
  EXPECT_EQ(page({{"resourceVersion", "5"}, {"continue", token}}).error().code, 400);
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
