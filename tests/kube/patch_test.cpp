// PATCH semantics: JSON patch, merge patch, strategic merge, apply.
#include <gtest/gtest.h>

#include "kube/server/patch.h"

namespace ho::kube {
namespace {

using nlohmann::json;

json patched(const json& current, PatchType type, const std::string& body) {
  ApiResult<json> result = applyPatch(current, type, body);
  EXPECT_TRUE(result.ok()) << (result.ok() ? "" : result.error().message);
  return result.ok() ? result.value() : json();
}

const json kDeployment = json::parse(R"({"apiVersion": "apps/v1", "kind": "Deployment",
  "spec": {"replicas": 1, "template": {"spec": {"containers": [
    {"name": "app", "image": "nginx:1", "env": [{"name": "A", "value": "1"}, {"name": "B", "value": "2"}]},
    {"name": "sidecar", "image": "busybox"}]}}}})");

TEST(StrategicMerge_Containers, MergeByNameKeepsOtherContainers) {
  const json result = patched(kDeployment, PatchType::StrategicMerge,
                              R"({"spec":{"template":{"spec":{"containers":[{"name":"app","image":"nginx:2"}]}}}})");
  const json& containers = result["spec"]["template"]["spec"]["containers"];
  ASSERT_EQ(containers.size(), 2U);
  EXPECT_EQ(containers[0]["image"], "nginx:2");
  EXPECT_EQ(containers[0]["env"].size(), 2U);
  EXPECT_EQ(containers[1]["name"], "sidecar");
}

TEST(StrategicMerge_Directives, DeleteElementAndSetOrder) {
  const json result = patched(kDeployment, PatchType::StrategicMerge, R"({"spec":{"template":{"spec":{
      "$setElementOrder/containers":[{"name":"sidecar"},{"name":"app"}],
      "containers":[{"name":"app","env":[{"name":"A","$patch":"delete"}]}]}}}})");
  const json& containers = result["spec"]["template"]["spec"]["containers"];
  ASSERT_EQ(containers.size(), 2U);
  EXPECT_EQ(containers[0]["name"], "sidecar");
  EXPECT_EQ(containers[1]["env"], json::parse(R"([{"name":"B","value":"2"}])"));
}

TEST(StrategicMerge_Scalars, NullDeletesAndUnkeyedListsAreReplaced) {
  const json current = json::parse(R"({"apiVersion":"apps/v1","kind":"Deployment",
    "spec":{"args":["a","b"],"replicas":3},"metadata":{"finalizers":["x"]}})");
  const json result = patched(current, PatchType::StrategicMerge,
                              R"({"spec":{"args":["c"],"replicas":null},"metadata":{"finalizers":["y"]}})");
  EXPECT_EQ(result["spec"]["args"], json::parse(R"(["c"])"));
  EXPECT_FALSE(result["spec"].contains("replicas"));
  EXPECT_EQ(result["metadata"]["finalizers"], json::parse(R"(["y","x"])"));  // new elements go first
}

TEST(StrategicMerge_Ports, ServicePortsMergeByPort) {
  const json service = json::parse(R"({"apiVersion":"v1","kind":"Service","spec":{"ports":[{"port":80,"name":"http"},{"port":443,"name":"https"}]}})");
  const json result = patched(service, PatchType::StrategicMerge, R"({"spec":{"ports":[{"port":80,"targetPort":8080}]}})");
  ASSERT_EQ(result["spec"]["ports"].size(), 2U);
  EXPECT_EQ(result["spec"]["ports"][0]["targetPort"], 8080);
}

TEST(StrategicMerge_CustomResources, AreRefusedLikeKubernetesDoes) {
  const json widget = json::parse(R"({"apiVersion":"example.com/v1","kind":"Widget","spec":{"size":1}})");
  ApiResult<json> result = applyPatch(widget, PatchType::StrategicMerge, R"({"spec":{"size":2}})");
  ASSERT_FALSE(result.ok());
  EXPECT_EQ(result.error().code, 415);
  EXPECT_EQ(result.error().message,
            "the body of the request was in an unknown format - accepted media types include: "
            "application/json-patch+json, application/merge-patch+json, application/apply-patch+yaml");
}

TEST(MergePatch, ReplacesListsAndDeletesNulls) {
  const json result = patched(kDeployment, PatchType::MergePatch,
                              R"({"spec":{"replicas":null,"template":{"spec":{"containers":[{"name":"only"}]}}}})");
  EXPECT_FALSE(result["spec"].contains("replicas"));
  EXPECT_EQ(result["spec"]["template"]["spec"]["containers"].size(), 1U);
}

TEST(JsonPatch, AppliesOperations) {
  const json result = patched(kDeployment, PatchType::JsonPatch, R"([{"op":"replace","path":"/spec/replicas","value":5}])");
  EXPECT_EQ(result["spec"]["replicas"], 5);
}

TEST(JsonPatch, FailedTestIsInvalid) {
  ApiResult<json> result =
      applyPatch(kDeployment, PatchType::JsonPatch, R"([{"op":"test","path":"/spec/replicas","value":9}])");
  ASSERT_FALSE(result.ok());
  EXPECT_EQ(result.error().code, 422);
}

TEST(ApplyPatch, CreatesFromNothing) {
  const json result = patched(nullptr, PatchType::Apply, R"({"apiVersion":"v1","kind":"ConfigMap","data":{"a":"b"}})");
  EXPECT_EQ(result["data"]["a"], "b");
}

TEST(PatchType, ByContentType) {
  EXPECT_EQ(patchTypeFor("application/strategic-merge-patch+json"), PatchType::StrategicMerge);
  EXPECT_EQ(patchTypeFor("application/apply-patch+yaml; charset=utf-8"), PatchType::Apply);
  EXPECT_FALSE(patchTypeFor("application/json"));
}

}  // namespace
}  // namespace ho::kube
