// Object store metadata rules and watch history.
#include <gtest/gtest.h>

#include <algorithm>

#include "kube/server/object_store.h"

namespace ho::kube {
namespace {

using nlohmann::json;

struct StoreFixture : ::testing::Test {
  StoreFixture() {
    store.addCommitListener([this](const WatchEvent& event) { hub.publish(event); });
  }
  WatchHub hub{3};
  ObjectStore store;
  const ObjectKey key{"deployments.apps", "default", "web"};
  const json deployment = json::parse(R"({"metadata":{"name":"web"},"spec":{"replicas":1}})");
};

uint64_t versionOf(const json& object) { return std::stoull(object["metadata"]["resourceVersion"].get<std::string>()); }

TEST_F(StoreFixture, CreateFillsServerOwnedMetadata) {
  auto created = store.create(key, deployment);
  ASSERT_TRUE(created.ok());
  const json& metadata = created.value().object["metadata"];
  EXPECT_EQ(metadata["namespace"], "default");
  EXPECT_EQ(metadata["generation"], 1);
  EXPECT_EQ(metadata["uid"].get<std::string>().size(), 36U);
  EXPECT_TRUE(metadata.contains("creationTimestamp"));
  EXPECT_EQ(store.create(key, deployment).error().reason, "AlreadyExists");
}

TEST_F(StoreFixture, SpecChangesBumpGenerationAndStaleVersionsConflict) {
  const json created = store.create(key, deployment).value().object;
  auto updated = store.update(key, [](const json* current) -> ApiResult<json> {
    json next = *current;
    next["spec"]["replicas"] = 2;
    return next;
  });
  ASSERT_TRUE(updated.ok());
  EXPECT_EQ(updated.value().object["metadata"]["generation"], 2);
  EXPECT_GT(versionOf(updated.value().object), versionOf(created));
  auto stale = store.update(key, [&](const json*) -> ApiResult<json> { return created; });
  ASSERT_FALSE(stale.ok());
  EXPECT_EQ(stale.error().code, 409);
  auto labelOnly = store.update(key, [](const json* current) -> ApiResult<json> {
    json next = *current;
    next["metadata"]["labels"]["a"] = "b";
    return next;
  });
  EXPECT_EQ(labelOnly.value().object["metadata"]["generation"], 2);
}

TEST_F(StoreFixture, FinalizersHoldDeletionUntilRemoved) {
  json held = deployment;
  held["metadata"]["finalizers"] = {"example.com/cleanup"};
  ASSERT_TRUE(store.create(key, held).ok());
  auto marked = store.remove(key);
  ASSERT_TRUE(marked.ok());
  EXPECT_FALSE(marked.value().deleted);
  EXPECT_TRUE(marked.value().object["metadata"].contains("deletionTimestamp"));
  auto released = store.update(key, [](const json* current) -> ApiResult<json> {
    json next = *current;
    next["metadata"].erase("finalizers");
    return next;
  });
  ASSERT_TRUE(released.ok());
  EXPECT_TRUE(released.value().deleted);
  EXPECT_FALSE(store.get(key));
}

TEST_F(StoreFixture, WatchHistoryExpiresOldVersions) {
  const uint64_t start = store.resourceVersion();
  for (int i = 0; i < 5; ++i) {
    ASSERT_TRUE(store.create({"configmaps", "default", "c" + std::to_string(i)}, json::object()).ok());
  }
  const auto now = std::chrono::steady_clock::now();
  auto tooOld = hub.eventsAfter(start, now);
  ASSERT_FALSE(tooOld.ok());
  EXPECT_EQ(tooOld.error().code, 410);
  auto recent = hub.eventsAfter(store.resourceVersion() - 2, now);
  ASSERT_TRUE(recent.ok());
  EXPECT_EQ(recent.value().size(), 2U);
  EXPECT_EQ(recent.value().back()->type, "ADDED");
}

TEST_F(StoreFixture, SnapshotsKeepTheVersionsTheyWereTakenAt) {
  ASSERT_TRUE(store.create(key, deployment).ok());
  const StoreSnapshot before = store.snapshot(key.groupResource);
  ASSERT_TRUE(store.update(key, [](const json* current) -> ApiResult<json> {
                     json next = *current;
                     next["spec"]["replicas"] = 5;
                     return next;
                   }).ok());
  ASSERT_TRUE(store.create({"deployments.apps", "default", "api"}, deployment).ok());
  EXPECT_EQ(before.objects.size(), 1U);
  EXPECT_EQ(before.objects.find({"default", "web"})->object()["spec"]["replicas"], 1);
  EXPECT_EQ(store.find(key)->object()["spec"]["replicas"], 5);
  EXPECT_EQ(store.snapshot(key.groupResource).objects.size(), 2U);
  EXPECT_LT(before.resourceVersion, store.resourceVersion());
}

TEST_F(StoreFixture, VersionsCacheTheirSerializedBodyAndEventsShareIt) {
  json withKind = deployment;
  withKind["apiVersion"] = "apps/v1";
  withKind["kind"] = "Deployment";
  ASSERT_TRUE(store.create(key, withKind).ok());
  const ObjectPtr stored = store.find(key);
  EXPECT_EQ(stored->json(), stored->object().dump());
  EXPECT_TRUE(stored->presentedAs("apps/v1", "Deployment"));
  EXPECT_TRUE(stored->protobufMessage().has_value());
  auto events = hub.eventsAfter(store.resourceVersion() - 1, std::chrono::steady_clock::now());
  ASSERT_TRUE(events.ok());
  EXPECT_EQ(events.value().back()->object, stored);  // the same shared version, not a copy
}

TEST_F(StoreFixture, RetainedSnapshotsAgeOutOfTheWindow) {
  ObjectStore small(SnapshotRetention{1, std::chrono::seconds(300)});
  ASSERT_TRUE(small.create({"configmaps", "a", "one"}, json::object()).ok());
  const StoreSnapshot first = small.snapshot("configmaps");
  small.retain("configmaps", first);
  EXPECT_TRUE(small.snapshotAt("configmaps", first.resourceVersion));
  EXPECT_TRUE(small.snapshotAt("secrets", first.resourceVersion)->objects.empty());  // unchanged: none then either
  ASSERT_TRUE(small.create({"configmaps", "a", "two"}, json::object()).ok());
  EXPECT_EQ(small.snapshotAt("configmaps", first.resourceVersion)->objects.size(), 1u);  // retained
  small.retain("configmaps", small.snapshot("configmaps"));
  EXPECT_FALSE(small.snapshotAt("configmaps", first.resourceVersion));
}

TEST(ObjectTree, WritesShareStructureAndKeepOrder) {
  ObjectTree tree;
  for (int i = 99; i >= 0; --i) {
    tree = tree.with({"ns" + std::to_string(i % 3), "o" + std::to_string(i)}, makeObjectVersion({{"i", i}}));
  }
  const ObjectTree before = tree;
  tree = tree.without({"ns1", "o1"}).with({"ns0", "o0"}, makeObjectVersion({{"i", -1}}));
  EXPECT_EQ(before.size(), 100U);
  EXPECT_EQ(tree.size(), 99U);
  EXPECT_EQ(before.find({"ns0", "o0"})->object()["i"], 0);
  EXPECT_EQ(tree.find({"ns0", "o0"})->object()["i"], -1);
  EXPECT_FALSE(tree.find({"ns1", "o1"}));
  EXPECT_EQ(before.countBefore({"ns1", ""}), 34U);
  std::vector<ObjectId> ns1;
  before.visitNamespace("ns1", [&](const ObjectId& id, const ObjectPtr&) {
    ns1.push_back(id);
    return true;
  });
  ASSERT_EQ(ns1.size(), 33U);
  EXPECT_TRUE(std::is_sorted(ns1.begin(), ns1.end()));
  std::vector<std::string> afterO7;
  before.visitFrom({"ns1", "o7"}, false, [&](const ObjectId& id, const ObjectPtr&) {
    afterO7.push_back(id.second);
    return afterO7.size() < 2;
  });
  EXPECT_EQ(afterO7, (std::vector<std::string>{"o70", "o73"}));
}

}  // namespace
}  // namespace ho::kube
