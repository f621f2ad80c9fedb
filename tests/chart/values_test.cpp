// Values coalescing against `helm template` printing toJson .Values in a
// parent chart and its subchart.
#include "chart/values.h"

#include <gtest/gtest.h>

#include "chart/loader.h"
#include "chart/strvals.h"
#include "chart_test_support.h"
#include "encoding/go_json.h"

namespace ho::chart {
namespace {

using testing::chartYaml;
using testing::TempDir;

class CoalesceTest : public ::testing::Test {
 protected:
  void SetUp() override {
    dir_.write("Chart.yaml", chartYaml("cv"));
    dir_.write("values.yaml",
               "a: 1\nkeep: {k1: 1, k2: 2}\ndel: gone\ntbl: {p: 1}\nscalar: 5\nglobal:\n  g1: parent\n  gm: {k1: p}\n"
               "sub:\n  s1: fromparent\n  nested: {n1: p}\n");
    dir_.write("charts/sub/Chart.yaml", chartYaml("sub", "0.2.0"));
    dir_.write("charts/sub/values.yaml",
               "s1: default\ns2: default\nnested: {n1: d, n2: d}\nglobal:\n  g1: child\n  g2: child\n"
               "  gm: {k1: c, k2: c}\n");
    auto loaded = loadChart(dir_.path());
    ASSERT_TRUE(loaded.ok()) << loaded.error().message;
    chart_ = *loaded;
    setWarningSink([this](const std::string& m) { warnings_.push_back(m); });
  }
  void TearDown() override {
    setWarningSink([](const std::string&) {});
  }

  Value userValues(const std::string& set) {
    Value v = Value::map();
    EXPECT_TRUE(parseSetInto(set, v).ok());
    return v;
  }

  TempDir dir_;
  std::shared_ptr<Chart> chart_;
  std::vector<std::string> warnings_;
};

TEST_F(CoalesceTest, UserValuesWinNullsDeleteGlobalsFlowDown) {
  auto values = coalesceValues(
      *chart_,
      userValues("del=null,keep.k2=null,tbl=3,scalar.x=1,sub.nested.n2=null,global.g3=user,sub.global.g4=subuser"));
  ASSERT_TRUE(values.ok()) << values.error().message;
  EXPECT_EQ(*encoding::toJson(*values),
            R"({"a":1,"global":{"g1":"parent","g3":"user","gm":{"k1":"p"}},"keep":{"k1":1},"scalar":{"x":1},)"
            R"("sub":{"global":{"g1":"parent","g2":"child","g3":"user","g4":"subuser","gm":{"k1":"p","k2":"c"}},)"
            R"("nested":{"n1":"p"},"s1":"fromparent","s2":"default"},"tbl":3})");
  EXPECT_EQ(warnings_,
            (std::vector<std::string>{"coalesce.go:237: warning: skipped value for cv.scalar: Not a table."}));
}

TEST_F(CoalesceTest, SubchartValueMustBeATable) {
  EXPECT_EQ(coalesceValues(*chart_, userValues("sub=5")).error().message, "type mismatch on sub: %!t(int64=5)");
}

TEST_F(CoalesceTest, ChartDefaultsAreNotModified) {
  ASSERT_TRUE(coalesceValues(*chart_, userValues("keep.k1=9")).ok());
  EXPECT_EQ(*encoding::toJson(chart_->values.find("keep") ? *chart_->values.find("keep") : Value()),
            R"({"k1":1,"k2":2})");
}

TEST_F(CoalesceTest, RenderValuesCarryReleaseAndChart) {
  ReleaseOptions options;
  options.name = "r";
  auto top = toRenderValues(*chart_, Value::map(), options, nullptr);
  ASSERT_TRUE(top.ok()) << top.error().message;
  const Value* release = top->find("Release");
  ASSERT_NE(release, nullptr);
  EXPECT_EQ(*encoding::toJson(*release),
            R"({"IsInstall":true,"IsUpgrade":false,"Name":"r","Namespace":"default","Revision":1,"Service":"Helm"})");
  EXPECT_EQ(release->find("Revision")->typeName(), "int");
  EXPECT_EQ(top->find("Chart")->asObject().field("Name")->asString(), "cv");
  EXPECT_EQ(top->find("Values")->find("a")->asFloat(), 1.0);
}

TEST(ValuesPath, TableAndPathValue) {
  Value v = Value::map(Map{{"a", Value::map(Map{{"b", Value::boolean(true)}, {"t", Value::map()}})}});
  EXPECT_TRUE(valuesTable(v, "a.t").ok());
  EXPECT_EQ(valuesTable(v, "a.x").error().message, "\"x\" is not a table");
  EXPECT_TRUE(valuesPathValue(v, "a.b")->asBool());
  EXPECT_FALSE(valuesPathValue(v, "a.t").ok());  // tables are not path values
  EXPECT_FALSE(valuesPathValue(v, "z").ok());
}

}  // namespace
}  // namespace ho::chart
