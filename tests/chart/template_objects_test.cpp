// .Files, .Capabilities and .Chart objects as templates see them; expected
// text from `helm template` printing them.
#include <gtest/gtest.h>

#include "chart/capabilities.h"
#include "chart/chart.h"
#include "chart/files.h"

namespace ho::chart {
namespace {

Value call(const Value& object, std::string_view method, std::vector<Value> args = {}) {
  return object.asObject().callMethod(method, args);
}

std::string joined(const Value& list) {
  std::string out;
  for (const Value& item : list.asList()) out += item.asString() + "|";
  return out;
}

class FilesTest : public ::testing::Test {
 protected:
  Value files_ =
      filesObject({{"files/a.txt", "line1\nline2\n"}, {"files/b.yaml", "b: 1\n"}, {"files/sub/c.txt", "deep"}});
};

TEST_F(FilesTest, GetAndLines) {
  EXPECT_EQ(call(files_, "Get", {Value::string("files/a.txt")}).asString(), "line1\nline2\n");
  EXPECT_EQ(call(files_, "Get", {Value::string("missing")}).asString(), "");
  EXPECT_EQ(joined(call(files_, "Lines", {Value::string("files/a.txt")})), "line1|line2|");
  EXPECT_TRUE(call(files_, "Lines", {Value::string("missing")}).asList().empty());
  Value bytes = call(files_, "GetBytes", {Value::string("files/sub/c.txt")});
  EXPECT_EQ(bytes.typeName(), "[]uint8");
  EXPECT_EQ(bytes.asList().size(), 4u);
}

TEST_F(FilesTest, GlobAndConfigRendering) {
  Value top = call(files_, "Glob", {Value::string("files/*")});
  EXPECT_EQ(call(top, "AsConfig").asString(), "a.txt: |\n  line1\n  line2\nb.yaml: |\n  b: 1");
  EXPECT_EQ(call(top, "AsSecrets").asString(), "a.txt: bGluZTEKbGluZTIK\nb.yaml: YjogMQo=");
  Value all = call(files_, "Glob", {Value::string("files/**")});
  EXPECT_EQ(all.asObject().format(), call(files_, "Glob", {Value::string("files/[")}).asObject().format());
  EXPECT_NE(all.asObject().format(), top.asObject().format());
}

TEST_F(FilesTest, RangeSeesPathsAndBytes) {
  auto entries = call(files_, "Glob", {Value::string("files/*")}).asObject().contents();
  ASSERT_TRUE(entries.has_value());
  ASSERT_EQ(entries->asMap().size(), 2u);
  EXPECT_EQ(entries->find("files/b.yaml")->typeName(), "[]uint8");
}

TEST(Capabilities, DefaultsMatchHelm3173) {
  Value caps = capabilitiesObject(std::make_shared<const Capabilities>(defaultCapabilities()));
  Value kube = *caps.asObject().field("KubeVersion");
  EXPECT_EQ(kube.asObject().format(), "v1.32.0");
  EXPECT_EQ(kube.asObject().field("Major")->asString(), "1");
  EXPECT_EQ(kube.asObject().field("Minor")->asString(), "32");
  EXPECT_EQ(kube.asObject().field("GitVersion")->asString(), "v1.32.0");
  Value apis = *caps.asObject().field("APIVersions");
  EXPECT_TRUE(call(apis, "Has", {Value::string("apps/v1")}).asBool());
  EXPECT_FALSE(call(apis, "Has", {Value::string("apps/v2")}).asBool());
  EXPECT_EQ(caps.asObject().field("HelmVersion")->asObject().format(),
            "{v3.17.3 e4da49785aa6e6ee2b86efd5dd9e43400318262b clean go1.23.7}");
  EXPECT_EQ(defaultCapabilities().apiVersions.size(), 56u);
}

TEST(Capabilities, KubeVersionFlag) {
  EXPECT_EQ(parseKubeVersion("1.31")->version, "v1.31.0");
  EXPECT_EQ(parseKubeVersion("v1.31.02")->version, "v1.31.2");
  EXPECT_EQ(parseKubeVersion("1.31.0-rc.1+abc")->version, "v1.31.0-rc.1+abc");
  EXPECT_EQ(parseKubeVersion("x").error().message, "invalid kube version 'x': Invalid Semantic Version");
  auto caps = templateCapabilities("1.29", {"example.com/v1"});
  ASSERT_TRUE(caps.ok());
  EXPECT_EQ(caps->kubeVersion.minor, "29");
  EXPECT_EQ(caps->apiVersions.back(), "example.com/v1");
}

TEST(Capabilities, ChartKubeVersionConstraint) {
  EXPECT_EQ(checkKubeVersion(">=1.33", defaultCapabilities()).error().message,
            "chart requires kubeVersion: >=1.33 which is incompatible with Kubernetes v1.32.0");
  EXPECT_TRUE(checkKubeVersion(">=1.20.0-0", defaultCapabilities()).ok());
}

TEST(ChartObject, PrintsLikeHelmsAnonymousStruct) {
  Chart chart;
  chart.metadata.name = "t";
  chart.metadata.version = "0.1.0";
  chart.metadata.apiVersion = "v2";
  chart.metadata.appVersion = "1.0";
  chart.metadata.annotations = {{"a", "b"}};
  Value object = chartObject(chart);
  EXPECT_EQ(object.asObject().format(), "{{t  [] 0.1.0  [] []  v2   1.0 false map[a:b]  [] } true}");
  EXPECT_EQ(object.asObject().field("AppVersion")->asString(), "1.0");
  EXPECT_TRUE(object.asObject().field("IsRoot")->asBool());
  EXPECT_EQ(object.asObject().field("Annotations")->find("a")->asString(), "b");
  EXPECT_FALSE(object.asObject().field("Nope").has_value());
}

}  // namespace
}  // namespace ho::chart
