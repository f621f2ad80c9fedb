// Dependency processing (aliases, conditions, tags, import-values) against
// what `helm template` printed for the same chart.
#include "chart/dependencies.h"

#include <gtest/gtest.h>

#include "chart/loader.h"
#include "chart/strvals.h"
#include "chart/values.h"
#include "chart_test_support.h"
#include "encoding/go_json.h"

namespace ho::chart {
namespace {

using testing::chartYaml;
using testing::TempDir;

class DependenciesTest : public ::testing::Test {
 protected:
  void SetUp() override {
    dir_.write("Chart.yaml", chartYaml("dp", "0.1.0",
                                       "dependencies:\n"
                                       "- name: sub\n  version: ~0.2.0\n  alias: first\n"
                                       "  condition: first.enabled,global.firstOn\n"
                                       "  import-values:\n  - data\n  - child: inner\n    parent: imported.inner\n"
                                       "- name: sub\n  version: 0.2.x\n  alias: second\n  tags: [backend]\n"
                                       "- name: other\n  version: 1.0.0\n  condition: other.enabled\n"
                                       "- name: lib\n  version: 0.1.0\n"));
    dir_.write("values.yaml",
               "first:\n  enabled: true\nother:\n  enabled: true\nimported:\n  inner:\n    own: parent\n"
               "data: {fromparent: p}\n");
    dir_.write("charts/sub/Chart.yaml", chartYaml("sub", "0.2.5"));
    dir_.write("charts/sub/values.yaml",
               "exports:\n  data:\n    exported: yes\n    fromparent: child\ninner:\n  i1: child\n  own: child\n");
    dir_.write("charts/other/Chart.yaml", chartYaml("other", "1.0.0"));
    dir_.write("charts/lib/Chart.yaml", chartYaml("lib", "0.1.0", "type: library\n"));
    setWarningSink([this](const std::string& m) { warnings_.push_back(m); });
  }
  void TearDown() override {
    setWarningSink([](const std::string&) {});
  }

  // Processes dependencies for `set` and returns the root's coalesced values.
  Value process(const std::string& set) {
    auto loaded = loadChart(dir_.path());
    EXPECT_TRUE(loaded.ok()) << loaded.error().message;
    chart_ = *loaded;
    Value user = Value::map();
    if (!set.empty()) {
      EXPECT_TRUE(parseSetInto(set, user).ok());
    }
    auto processed = processDependencies(*chart_, user);
    EXPECT_TRUE(processed.ok()) << processed.error().message;
    auto values = coalesceValues(*chart_, user);
    EXPECT_TRUE(values.ok());
    return *values;
  }

  std::vector<std::string> subchartPaths() const {
    std::vector<std::string> paths;
    for (const auto& sub : chart_->dependencies()) paths.push_back(sub->chartFullPath());
    return paths;
  }

  TempDir dir_;
  std::shared_ptr<Chart> chart_;
  std::vector<std::string> warnings_;
};

TEST_F(DependenciesTest, AliasesCopyTheSubchartAndImportValuesMerge) {
  Value values = process("");
  EXPECT_EQ(subchartPaths(),
            (std::vector<std::string>{"dp/charts/first", "dp/charts/second", "dp/charts/other", "dp/charts/lib"}));
  EXPECT_EQ(
      *encoding::toJson(values),
      R"({"data":{"fromparent":"p"},"exported":true,"first":{"enabled":true,"exports":{"data":{"exported":true,"fromparent":"child"}},"global":{},"inner":{"i1":"child","own":"child"}},"fromparent":"child","imported":{"inner":{"i1":"child","own":"parent"}},"lib":{"global":{}},"other":{"enabled":true,"global":{}},"second":{"exports":{"data":{"exported":true,"fromparent":"child"}},"global":{},"inner":{"i1":"child","own":"child"}}})");
  const auto& deps = chart_->metadata.dependencies;
  ASSERT_EQ(deps.size(), 4u);
  EXPECT_EQ(deps[0]->name, "first");
  EXPECT_TRUE(deps[0]->enabled);
  EXPECT_EQ(*encoding::toJson(deps[0]->importValues),
            R"([{"child":"exports.data","parent":"."},{"child":"inner","parent":"imported.inner"}])");
}

TEST_F(DependenciesTest, ConditionsAndTagsDropSubcharts) {
  Value values = process("tags.backend=false,first.enabled=false,global.firstOn=true,other.enabled=true");
  EXPECT_EQ(subchartPaths(), (std::vector<std::string>{"dp/charts/other", "dp/charts/lib"}));
  EXPECT_EQ(
      *encoding::toJson(values),
      R"({"data":{"fromparent":"p"},"first":{"enabled":false},"global":{"firstOn":true},"imported":{"inner":{"own":"parent"}},"lib":{"global":{"firstOn":true}},"other":{"enabled":true,"global":{"firstOn":true}},"tags":{"backend":false}})");
}

TEST_F(DependenciesTest, FirstResolvableConditionWinsAndNonBoolsWarn) {
  process("tags.backend=false,first.enabled=null,other.enabled=false");
  EXPECT_EQ(subchartPaths(), (std::vector<std::string>{"dp/charts/first", "dp/charts/lib"}));
  EXPECT_EQ(
      warnings_,
      (std::vector<std::string>{
          "dependencies.go:63: Warning: Condition path 'first.enabled' for chart first returned non-bool value"}));
}

TEST(Dependencies, MissingSubchartsAreReported) {
  TempDir dir;
  dir.write("Chart.yaml", chartYaml("t", "0.1.0", "dependencies:\n- name: x\n- name: z\n"));
  auto chart = loadChart(dir.path());
  ASSERT_TRUE(chart.ok());
  EXPECT_EQ(checkDependencies(**chart).error().message,
            "An error occurred while checking for chart dependencies. You may need to run `helm dependency build` to "
            "fetch missing dependencies: found in Chart.yaml, but missing in charts/ directory: x, z");
}

TEST(Dependencies, LibraryChartsAreNotInstallable) {
  Chart chart;
  chart.metadata.type = "library";
  EXPECT_EQ(checkInstallable(chart).error().message, "library charts are not installable");
  chart.metadata.type = "application";
  EXPECT_TRUE(checkInstallable(chart).ok());
}

}  // namespace
}  // namespace ho::chart
