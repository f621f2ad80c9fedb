// Three-way strategic merge patches (what helm sends on upgrade), with the
// expectations apimachinery's CreateThreeWayMergePatch gives: deletions come
// from original -> modified, changes from current -> modified, and list
// elements are addressed by their merge key.
#include <gtest/gtest.h>

#include "kube/patch/strategic_merge_patch.h"
#include "kube/patch/three_way_merge_patch.h"

namespace ho::kube::patch {
namespace {

using nlohmann::json;

const SchemaNode* deployments() { return builtInSchema("apps/v1", "Deployment"); }

json threeWay(const json& original, const json& modified, const json& current, const SchemaNode* schema) {
  auto patch = createThreeWayMergePatch(original, modified, current, schema);
  EXPECT_TRUE(patch) << (patch ? "" : patch.error().message);
  return patch ? *patch : json();
}

// A Deployment whose pod template has `containers`.
json withContainers(const json& containers) {
  return json{{"apiVersion", "apps/v1"},
              {"kind", "Deployment"},
              {"spec", {{"template", {{"spec", {{"containers", containers}}}}}}}};
}

TEST(ThreeWayMergePatch, RemovedContainerIsDeletedByName) {
  const json original = withContainers(json::parse(R"([{"name":"app","image":"a:1"},{"name":"sidecar","image":"s:1"}])"));
  const json modified = withContainers(json::parse(R"([{"name":"app","image":"a:1"}])"));
  const json current = withContainers(json::parse(
      R"([{"name":"app","image":"a:1","imagePullPolicy":"IfNotPresent"},{"name":"sidecar","image":"s:1"}])"));
  EXPECT_EQ(threeWay(original, modified, current, deployments()), json::parse(R"({"spec":{"template":{"spec":{
      "$setElementOrder/containers":[{"name":"app"}],
      "containers":[{"$patch":"delete","name":"sidecar"}]}}}})"));
}

TEST(ThreeWayMergePatch, ReorderedEnvSendsOnlyTheNewOrder) {
  const json original = withContainers(json::parse(R"([{"name":"app","env":[{"name":"A","value":"1"},{"name":"B","value":"2"}]}])"));
  const json modified = withContainers(json::parse(R"([{"name":"app","env":[{"name":"B","value":"2"},{"name":"A","value":"1"}]}])"));
  EXPECT_EQ(threeWay(original, modified, original, deployments()), json::parse(R"({"spec":{"template":{"spec":{
      "$setElementOrder/containers":[{"name":"app"}],
      "containers":[{"$setElementOrder/env":[{"name":"B"},{"name":"A"}],"name":"app"}]}}}})"));
}

TEST(ThreeWayMergePatch, ChangedEnvValueIsPatchedInPlace) {
  const json original = withContainers(json::parse(R"([{"name":"app","env":[{"name":"A","value":"1"},{"name":"B","value":"2"}]}])"));
  const json modified = withContainers(json::parse(R"([{"name":"app","env":[{"name":"A","value":"9"},{"name":"B","value":"2"}]}])"));
  EXPECT_EQ(threeWay(original, modified, original, deployments()), json::parse(R"({"spec":{"template":{"spec":{
      "$setElementOrder/containers":[{"name":"app"}],
      "containers":[{"$setElementOrder/env":[{"name":"A"},{"name":"B"}],"env":[{"name":"A","value":"9"}],"name":"app"}]}}}})"));
}

TEST(ThreeWayMergePatch, RemovedServicePortIsDeletedByPort) {
  const SchemaNode* services = builtInSchema("v1", "Service");
  const json original = json::parse(R"({"spec":{"ports":[{"port":80,"name":"http"},{"port":443,"name":"https"}]}})");
  const json modified = json::parse(R"({"spec":{"ports":[{"port":80,"name":"http"}]}})");
  const json current = json::parse(R"({"spec":{"clusterIP":"10.0.0.1","ports":[
      {"port":80,"name":"http","protocol":"TCP","targetPort":80},{"port":443,"name":"https","protocol":"TCP","targetPort":443}]}})");
  EXPECT_EQ(threeWay(original, modified, current, services), json::parse(R"({"spec":{
      "$setElementOrder/ports":[{"port":80}],"ports":[{"$patch":"delete","port":443}]}})"));
}

TEST(ThreeWayMergePatch, DroppedLabelIsNulledAndOthersUntouched) {
  const json original = json::parse(R"({"metadata":{"labels":{"app":"web","tier":"front"}}})");
  const json modified = json::parse(R"({"metadata":{"labels":{"app":"web"}}})");
  const json current = json::parse(R"({"metadata":{"labels":{"app":"web","tier":"front","team":"ops"}}})");
  EXPECT_EQ(threeWay(original, modified, current, deployments()), json::parse(R"({"metadata":{"labels":{"tier":null}}})"));
}

TEST(ThreeWayMergePatch, OutOfBandFieldStaysButChartFieldsWin) {
  const json original = json::parse(R"({"data":{"mode":"a","level":"1"}})");
  const json modified = json::parse(R"({"data":{"mode":"b","level":"1"}})");
  // Edited by hand: "level" (which the chart sets) and "extra" (which it does not).
  const json current = json::parse(R"({"data":{"mode":"a","level":"7","extra":"kept"}})");
  const json patch = threeWay(original, modified, current, builtInSchema("v1", "ConfigMap"));
  EXPECT_EQ(patch, json::parse(R"({"data":{"mode":"b","level":"1"}})"));
  auto result = applyStrategicMergePatch(current, patch, builtInSchema("v1", "ConfigMap"));
  ASSERT_TRUE(result);
  EXPECT_EQ(*result, json::parse(R"({"data":{"mode":"b","level":"1","extra":"kept"}})"));
}

TEST(ThreeWayMergePatch, ScalarMergeListUsesDeletionListAndOrder) {
  const json original = json::parse(R"({"metadata":{"finalizers":["a","b"]}})");
  const json modified = json::parse(R"({"metadata":{"finalizers":["a"]}})");
  const json current = json::parse(R"({"metadata":{"finalizers":["a","b","c"]}})");
  const json patch = threeWay(original, modified, current, deployments());
  EXPECT_EQ(patch, json::parse(R"({"metadata":{
      "$deleteFromPrimitiveList/finalizers":["b"],"$setElementOrder/finalizers":["a"]}})"));
  auto result = applyStrategicMergePatch(current, patch, deployments());
  ASSERT_TRUE(result);
  EXPECT_EQ((*result)["metadata"]["finalizers"], json::parse(R"(["a","c"])"));
}

TEST(ThreeWayMergePatch, ChangedVolumeSourceRetainsOnlyItsKeys) {
  const auto volumes = [](const json& volume) {
    return json{{"spec", {{"template", {{"spec", {{"volumes", json::array({volume})}}}}}}}};
  };
  const json original = volumes(json::parse(R"({"name":"data","emptyDir":{}})"));
  const json modified = volumes(json::parse(R"({"name":"data","configMap":{"name":"cm"}})"));
  const json patch = threeWay(original, modified, original, deployments());
  EXPECT_EQ(patch, json::parse(R"({"spec":{"template":{"spec":{"$setElementOrder/volumes":[{"name":"data"}],
      "volumes":[{"$retainKeys":["configMap","name"],"configMap":{"name":"cm"},"emptyDir":null,"name":"data"}]}}}})"));
  auto result = applyStrategicMergePatch(original, patch, deployments());
  ASSERT_TRUE(result);
  EXPECT_EQ(*result, modified);
}

TEST(ThreeWayMergePatch, ReplaceStrategySendsTheWholeMap) {
  const SchemaNode* budgets = builtInSchema("policy/v1", "PodDisruptionBudget");
  const json original = json::parse(R"({"spec":{"selector":{"matchLabels":{"a":"1"}}}})");
  const json modified = json::parse(R"({"spec":{"selector":{"matchLabels":{"b":"2"}}}})");
  EXPECT_EQ(threeWay(original, modified, original, budgets), modified);
}

TEST(ThreeWayMergePatch, UnchangedObjectWithServerFieldsGivesEmptyPatch) {
  const json manifest = withContainers(json::parse(R"([{"name":"app","image":"a:1","ports":[{"containerPort":80}]}])"));
  json live = manifest;
  live["status"] = {{"replicas", 1}};
  live["metadata"] = {{"uid", "u"}, {"resourceVersion", "7"}};
  live["spec"]["template"]["spec"]["containers"][0]["ports"][0]["protocol"] = "TCP";
  EXPECT_EQ(threeWay(manifest, manifest, live, deployments()), json::object());
}

TEST(ThreeWayMergePatch, IntegerAndFloatAreDifferentValues) {
  const json original = json::parse(R"({"spec":{"replicas":1}})");
  const json modified = json::parse(R"({"spec":{"replicas":1.0}})");
  EXPECT_EQ(threeWay(original, modified, original, deployments()), modified);
}

TEST(ThreeWayMergePatch, ElementWithoutMergeKeyIsAnError) {
  const json original = withContainers(json::parse(R"([{"name":"app"}])"));
  const json modified = withContainers(json::parse(R"([{"image":"nameless"}])"));
  auto patch = createThreeWayMergePatch(original, modified, original, deployments());
  ASSERT_FALSE(patch);
  EXPECT_NE(patch.error().message.find("does not contain declared merge key: name"), std::string::npos)
      << patch.error().message;
}

}  // namespace
}  // namespace ho::kube::patch
