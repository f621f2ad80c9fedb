// Upgrade patches: only what the chart changed, never what the cluster added.
#include <gtest/gtest.h>

#include "controller/action/three_way_patch.h"

namespace ho::controller {
namespace {

using nlohmann::json;

TEST(ThreeWayPatch, ChangedFieldIsSetAndDroppedFieldIsDeleted) {
  const json original = json::parse(R"({"spec":{"replicas":1,"paused":false},"metadata":{"labels":{"a":"1"}}})");
  const json modified = json::parse(R"({"spec":{"replicas":2},"metadata":{"labels":{"a":"1"}}})");
  const json current = json::parse(R"({"spec":{"replicas":1,"paused":false,"progressDeadlineSeconds":600},
    "metadata":{"labels":{"a":"1","added-by-cluster":"x"}},"status":{"ready":1}})");
  EXPECT_EQ(threeWayMergePatch(original, modified, current), json::parse(R"({"spec":{"replicas":2,"paused":null}})"));
}

TEST(ThreeWayPatch, DefaultedListElementsCountAsUnchanged) {
  const json manifest = json::parse(R"({"spec":{"ports":[{"port":80}]}})");
  const json live = json::parse(R"({"spec":{"ports":[{"port":80,"protocol":"TCP","targetPort":80}]}})");
  EXPECT_TRUE(threeWayMergePatch(manifest, manifest, live).empty());
}

TEST(ThreeWayPatch, ChangedListIsSentWhole) {
  const json original = json::parse(R"({"args":["a"]})");
  const json modified = json::parse(R"({"args":["a","b"]})");
  EXPECT_EQ(threeWayMergePatch(original, modified, original), modified);
}

TEST(ThreeWayPatch, LiveDriftIsRevertedToTheChart) {
  const json manifest = json::parse(R"({"data":{"k":"v"}})");
  const json live = json::parse(R"({"data":{"k":"edited"}})");
  EXPECT_EQ(threeWayMergePatch(manifest, manifest, live), manifest);
}

TEST(TwoWayPatch, ComparesOnlyTheManifests) {
  const json original = json::parse(R"({"spec":{"a":1,"b":2}})");
  const json modified = json::parse(R"({"spec":{"a":3}})");
  EXPECT_EQ(twoWayMergePatch(original, modified), json::parse(R"({"spec":{"a":3,"b":null}})"));
}

}  // namespace
}  // namespace ho::controller
