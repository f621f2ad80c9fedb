// Upgrade patches as helm's createPatch picks them: three-way strategic
// merge for built-in kinds, two-way JSON merge for custom resources.
#include <gtest/gtest.h>

#include "controller/action/three_way_patch.h"

namespace ho::controller {
namespace {

using kube::client::PatchType;
using nlohmann::json;

ObjectPatch patchFor(const json& original, const json& target, const json& live) {
  auto patch = createObjectPatch(original, target, live);
  EXPECT_TRUE(patch) << (patch ? "" : patch.error().message);
  return patch ? *patch : ObjectPatch{};
}

TEST(ObjectPatch, BuiltInKindsGetAThreeWayStrategicMergePatch) {
  const json original = json::parse(R"({"apiVersion":"apps/v1","kind":"Deployment","spec":{"replicas":1,"paused":false}})");
  const json target = json::parse(R"({"apiVersion":"apps/v1","kind":"Deployment","spec":{"replicas":2}})");
  const json live = json::parse(R"({"apiVersion":"apps/v1","kind":"Deployment","metadata":{"uid":"u"},
    "spec":{"replicas":1,"paused":false,"progressDeadlineSeconds":600},"status":{"replicas":1}})");
  const ObjectPatch patch = patchFor(original, target, live);
  EXPECT_EQ(patch.type, PatchType::Strategic);
  EXPECT_EQ(patch.body, json::parse(R"({"spec":{"replicas":2,"paused":null}})"));
}

TEST(ObjectPatch, UnchangedObjectsNeedNoPatch) {
  const json manifest = json::parse(R"({"apiVersion":"v1","kind":"ConfigMap","data":{"k":"v"}})");
  json live = manifest;
  live["metadata"] = {{"resourceVersion", "3"}};
  EXPECT_TRUE(patchFor(manifest, manifest, live).body.empty());
}

TEST(ObjectPatch, CustomResourcesGetATwoWayMergePatchThatIgnoresTheLiveObject) {
  const json original = json::parse(R"({"apiVersion":"example.com/v1","kind":"Widget","spec":{"size":1,"colour":"red","tags":["a"]}})");
  const json target = json::parse(R"({"apiVersion":"example.com/v1","kind":"Widget","spec":{"size":1,"tags":["a","b"]}})");
  const json live = json::parse(R"({"apiVersion":"example.com/v1","kind":"Widget","spec":{"size":5,"colour":"red","tags":["a"]}})");
  const ObjectPatch patch = patchFor(original, target, live);
  EXPECT_EQ(patch.type, PatchType::Merge);
  EXPECT_EQ(patch.body, json::parse(R"({"spec":{"colour":null,"tags":["a","b"]}})"));
}

TEST(ObjectPatch, CustomResourceDefinitionsFollowHelmsScheme) {
  const json v1 = json::parse(R"({"apiVersion":"apiextensions.k8s.io/v1","kind":"CustomResourceDefinition","spec":{"group":"a"}})");
  const json v1beta1 = json::parse(R"({"apiVersion":"apiextensions.k8s.io/v1beta1","kind":"CustomResourceDefinition","spec":{"group":"a"}})");
  EXPECT_EQ(patchFor(v1, v1, v1).type, PatchType::Strategic);
  EXPECT_EQ(patchFor(v1beta1, v1beta1, v1beta1).type, PatchType::Merge);
}

TEST(ObjectPatch, MalformedListsFailLikeHelm) {
  const json original = json::parse(R"({"apiVersion":"v1","kind":"Service","spec":{"ports":[{"port":80}]}})");
  const json target = json::parse(R"({"apiVersion":"v1","kind":"Service","spec":{"ports":[{"name":"http"}]}})");
  auto patch = createObjectPatch(original, target, original);
  ASSERT_FALSE(patch);
  EXPECT_EQ(patch.error().message.rfind("failed to create patch: ", 0), 0u) << patch.error().message;
}

}  // namespace
}  // namespace ho::controller
