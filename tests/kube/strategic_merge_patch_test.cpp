// Applying strategic merge patches as the API server does: merge keys per
// kind, the $patch directives, $retainKeys, $setElementOrder and
// $deleteFromPrimitiveList, and where new elements land in merged lists.
#include <gtest/gtest.h>

#include "kube/patch/patch_schema.h"
#include "kube/patch/strategic_merge_patch.h"

namespace ho::kube::patch {
namespace {

using nlohmann::json;

json applied(const json& original, const std::string& patch, const SchemaNode* schema) {
  auto result = applyStrategicMergePatch(original, json::parse(patch), schema);
  EXPECT_TRUE(result) << (result ? "" : result.error().message);
  return result ? *result : json();
}

const SchemaNode* deployments() { return builtInSchema("apps/v1", "Deployment"); }

const json kPodSpec = json::parse(R"({"spec":{"template":{"spec":{
  "containers":[{"name":"app","image":"a:1"},{"name":"sidecar","image":"s:1"}],
  "tolerations":[{"key":"x","operator":"Exists"}]}}}})");

TEST(StrategicMergePatch, ListElementReplaceDirectiveReplacesTheWholeList) {
  const json result = applied(kPodSpec, R"({"spec":{"template":{"spec":{
      "containers":[{"$patch":"replace"},{"name":"only","image":"o:1"}]}}}})", deployments());
  EXPECT_EQ(result["spec"]["template"]["spec"]["containers"], json::parse(R"([{"name":"only","image":"o:1"}])"));
}

TEST(StrategicMergePatch, ListsWithoutAStrategyAreReplaced) {
  const json result = applied(kPodSpec, R"({"spec":{"template":{"spec":{"tolerations":[{"key":"y"}]}}}})", deployments());
  EXPECT_EQ(result["spec"]["template"]["spec"]["tolerations"], json::parse(R"([{"key":"y"}])"));
}

TEST(StrategicMergePatch, MapDeleteDirectiveEmptiesAnExistingMap) {
  const json original = json::parse(R"({"spec":{"strategy":{"type":"Recreate"}}})");
  EXPECT_EQ(applied(original, R"({"spec":{"strategy":{"$patch":"delete"}}})", deployments()),
            json::parse(R"({"spec":{"strategy":{}}})"));
  EXPECT_EQ(applied(original, R"({"spec":{"selector":{"$patch":"delete"}}})", deployments()), original);
}

TEST(StrategicMergePatch, MapReplaceDirectiveDropsUnlistedKeys) {
  const json original = json::parse(R"({"metadata":{"labels":{"a":"1","b":"2"}}})");
  EXPECT_EQ(applied(original, R"({"metadata":{"labels":{"$patch":"replace","c":"3"}}})", deployments()),
            json::parse(R"({"metadata":{"labels":{"c":"3"}}})"));
}

TEST(StrategicMergePatch, RetainKeysClearsTheOtherKeys) {
  const json original = json::parse(R"({"spec":{"strategy":{"type":"RollingUpdate","rollingUpdate":{"maxSurge":1}}}})");
  EXPECT_EQ(applied(original, R"({"spec":{"strategy":{"$retainKeys":["type"],"type":"Recreate"}}})", deployments()),
            json::parse(R"({"spec":{"strategy":{"type":"Recreate"}}})"));
}

TEST(StrategicMergePatch, RetainKeysMustNameEveryPatchedKey) {
  const json original = json::parse(R"({"spec":{"strategy":{"type":"RollingUpdate"}}})");
  auto result = applyStrategicMergePatch(
      original, json::parse(R"({"spec":{"strategy":{"$retainKeys":["type"],"rollingUpdate":{}}}})"), deployments());
  ASSERT_FALSE(result);
  EXPECT_EQ(result.error().message, "invalid patch format of retainKeys");
}

TEST(StrategicMergePatch, ElementOrderKeepsServerOnlyElementsWhereTheyWere) {
  const json original = json::parse(R"({"spec":{"template":{"spec":{"containers":[
      {"name":"a"},{"name":"live-only"},{"name":"b"}]}}}})");
  const json result = applied(original, R"({"spec":{"template":{"spec":{
      "$setElementOrder/containers":[{"name":"a"},{"name":"b"},{"name":"c"}],
      "containers":[{"name":"c","image":"c:1"}]}}}})", deployments());
  EXPECT_EQ(result["spec"]["template"]["spec"]["containers"],
            json::parse(R"([{"name":"a"},{"name":"live-only"},{"name":"b"},{"name":"c","image":"c:1"}])"));
}

TEST(StrategicMergePatch, ElementOrderConflictsResolveByLivePosition) {
  // "live-only" sat before "b" in the live list, so it stays before it.
  const json original = json::parse(R"({"spec":{"template":{"spec":{"containers":[
      {"name":"a"},{"name":"live-only"},{"name":"b"}]}}}})");
  const json result = applied(original, R"({"spec":{"template":{"spec":{
      "$setElementOrder/containers":[{"name":"b"},{"name":"a"}]}}}})", deployments());
  EXPECT_EQ(result["spec"]["template"]["spec"]["containers"],
            json::parse(R"([{"name":"live-only"},{"name":"b"},{"name":"a"}])"));
}

TEST(StrategicMergePatch, NewElementsWithoutAnOrderGoFirst) {
  const json original = json::parse(R"({"metadata":{"finalizers":["x"]}})");
  EXPECT_EQ(applied(original, R"({"metadata":{"finalizers":["y","x"]}})", deployments())["metadata"]["finalizers"],
            json::parse(R"(["y","x"])"));
  EXPECT_EQ(applied(original, R"({"metadata":{"finalizers":["y"]}})", deployments())["metadata"]["finalizers"],
            json::parse(R"(["y","x"])"));
}

TEST(StrategicMergePatch, DeleteFromPrimitiveListRemovesEveryCopy) {
  const json original = json::parse(R"({"metadata":{"finalizers":["a","b","a","c"]}})");
  EXPECT_EQ(applied(original, R"({"metadata":{"$deleteFromPrimitiveList/finalizers":["a"]}})", deployments()),
            json::parse(R"({"metadata":{"finalizers":["b","c"]}})"));
}

TEST(StrategicMergePatch, DeletedAndAddedElementsKeepTheLiveNeighbours) {
  // The deletion shifts the live list the added element is then ordered
  // against (Go's slices share their array), as the API server does.
  const json original = json::parse(R"({"spec":{"template":{"spec":{"containers":[
      {"name":"1"},{"name":"2","image":"b"},{"name":"4","image":"c"}]}}}})");
  const json result = applied(original, R"({"spec":{"template":{"spec":{
      "$setElementOrder/containers":[{"name":"2"},{"name":"3"}],
      "containers":[{"name":"3"},{"$patch":"delete","name":"1"}]}}}})", deployments());
  EXPECT_EQ(result["spec"]["template"]["spec"]["containers"],
            json::parse(R"([{"name":"2","image":"b"},{"name":"4","image":"c"},{"name":"3"}])"));
}

TEST(StrategicMergePatch, NullsOnlyDeleteAndNeverLand) {
  const json original = json::parse(R"({"data":{"a":"1"}})");
  EXPECT_EQ(applied(original, R"({"data":{"a":null,"b":null},"extra":{"c":null,"d":"4"}})", builtInSchema("v1", "ConfigMap")),
            json::parse(R"({"data":{},"extra":{"d":"4"}})"));
}

TEST(StrategicMergePatch, MergeDirectiveOnListsIsRefused) {
  auto result = applyStrategicMergePatch(
      kPodSpec, json::parse(R"({"spec":{"template":{"spec":{"containers":[{"$patch":"merge"}]}}}})"), deployments());
  ASSERT_FALSE(result);
  EXPECT_EQ(result.error().message, "merging lists cannot yet be specified in the patch");
}

TEST(PatchSchema, BuiltInKindsOnly) {
  EXPECT_NE(builtInSchema("apps/v1", "Deployment"), nullptr);
  EXPECT_NE(builtInSchema("v1", "ConfigMap"), nullptr);
  EXPECT_NE(builtInSchema("apiextensions.k8s.io/v1", "CustomResourceDefinition"), nullptr);
  EXPECT_EQ(builtInSchema("example.com/v1", "Widget"), nullptr);
  EXPECT_EQ(builtInSchema("helm.fluxcd.io/v1", "HelmRelease"), nullptr);
  const FieldSchema ports = lookupField(lookupField(builtInSchema("v1", "Service"), "spec").type, "ports");
  EXPECT_EQ(ports.meta.strategy, Strategy::Merge);
  EXPECT_EQ(ports.meta.mergeKey, "port");
}

}  // namespace
}  // namespace ho::kube::patch
