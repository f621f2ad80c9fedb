// Server-side Tables, JSONPath and ages.
#include <gtest/gtest.h>

#include "kube/server/jsonpath.h"
#include "kube/server/table.h"

namespace ho::kube {
namespace {

using nlohmann::json;

TEST(HumanDuration, MatchesApimachinery) {
  using std::chrono::seconds;
  EXPECT_EQ(humanDuration(seconds(-5)), "<invalid>");
  EXPECT_EQ(humanDuration(seconds(-1)), "0s");
  EXPECT_EQ(humanDuration(seconds(45)), "45s");
  EXPECT_EQ(humanDuration(seconds(119)), "119s");
  EXPECT_EQ(humanDuration(seconds(150)), "2m30s");
  EXPECT_EQ(humanDuration(seconds(300)), "5m");
  EXPECT_EQ(humanDuration(seconds(3600)), "60m");
  EXPECT_EQ(humanDuration(seconds(4 * 3600 + 60)), "4h1m");
  EXPECT_EQ(humanDuration(seconds(30 * 3600)), "30h");
  EXPECT_EQ(humanDuration(seconds(3 * 86400 + 7200)), "3d2h");
  EXPECT_EQ(humanDuration(seconds(400 * 86400)), "400d");
  EXPECT_EQ(humanDuration(seconds(3 * 365 * 86400 + 86400)), "3y1d");
}

TEST(JsonPath, FieldsIndexesAndFilters) {
  const json object = json::parse(R"({"status":{"conditions":[
      {"type":"Ready","status":"False"},{"type":"Released","status":"True","message":"ok"}]},
      "metadata":{"labels":{"app.kubernetes.io/name":"x"}}})");
  EXPECT_EQ(evaluateJsonPath(object, R"(.status.conditions[?(@.type=="Released")].status)"),
            std::vector<json>{"True"});
  EXPECT_EQ(evaluateJsonPath(object, ".status.conditions[0].type"), std::vector<json>{"Ready"});
  EXPECT_EQ(evaluateJsonPath(object, ".status.conditions[*].type").size(), 2U);
  EXPECT_EQ(evaluateJsonPath(object, "{.metadata.labels['app.kubernetes.io/name']}"), std::vector<json>{"x"});
  EXPECT_TRUE(evaluateJsonPath(object, ".spec.missing").empty());
}

TEST(Table_CustomResource, PrinterColumnsWithFilterAndAge) {
  ResourceType type;
  type.group = "helm.fluxcd.io";
  type.version = "v1";
  type.resource = "helmreleases";
  type.kind = "HelmRelease";
  type.custom = true;
  type.printerColumns = {{"Release", "string", "", "", 0, ".status.releaseName"},
                         {"Released", "string", "", "", 0, R"(.status.conditions[?(@.type=="Released")].status)"},
                         {"Replicas", "integer", "", "", 0, ".spec.replicas"},
                         {"Age", "date", "", "", 0, ".metadata.creationTimestamp"}};
  const json object = json::parse(R"({"metadata":{"name":"podinfo","creationTimestamp":"2026-01-01T00:00:00Z"},
      "spec":{"replicas":2},
      "status":{"releaseName":"default-podinfo","conditions":[{"type":"Released","status":"True"}]}})");
  TableRequest request;
  request.now = *parseTimestamp("2026-01-01T00:05:00Z");
  const json table = buildTable(type, {object}, request);
  EXPECT_EQ(table["kind"], "Table");
  ASSERT_EQ(table["columnDefinitions"].size(), 5U);
  EXPECT_EQ(table["columnDefinitions"][0]["name"], "Name");
  EXPECT_EQ(table["rows"][0]["cells"], json::parse(R"(["podinfo","default-podinfo","True",2,"5m"])"));
  EXPECT_EQ(table["rows"][0]["object"]["kind"], "PartialObjectMetadata");
}

TEST(Table_Builtin, DeploymentReadyColumn) {
  ResourceType type;
  type.group = "apps";
  type.version = "v1";
  type.resource = "deployments";
  type.kind = "Deployment";
  const json deployment = json::parse(R"({"metadata":{"name":"web","creationTimestamp":"2026-01-01T00:00:00Z"},
      "spec":{"replicas":3},"status":{"readyReplicas":2,"updatedReplicas":3,"availableReplicas":2}})");
  TableRequest request;
  request.now = *parseTimestamp("2026-01-01T00:00:30Z");
  request.includeObject = "Object";
  const json table = buildTable(type, {deployment}, request);
  EXPECT_EQ(table["rows"][0]["cells"], json::parse(R"(["web","2/3",3,2,"30s"])"));
  EXPECT_EQ(table["rows"][0]["object"]["spec"]["replicas"], 3);
}

TEST(Table_Accept, DetectsTableRequests) {
  EXPECT_TRUE(wantsTable("application/json;as=Table;v=v1;g=meta.k8s.io,application/json"));
  EXPECT_FALSE(wantsTable("application/json, */*"));
}

}  // namespace
}  // namespace ho::kube
