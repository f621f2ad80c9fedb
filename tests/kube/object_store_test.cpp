// Object store metadata rules and watch history.
#include <gtest/gtest.h>

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
  EXPECT_EQ(recent.value().back().type, "ADDED");
}

}  // namespace
}  // namespace ho::kube
