// LoadedCharts: the shared map of loaded repository charts loads an archive
// once per key, keeps at most its capacity and forgets the oldest entry first.
#include <gtest/gtest.h>

#include "controller/reconciler/loaded_charts.h"
#include "tests/chart/chart_test_support.h"

namespace ho::controller {
namespace {

std::shared_ptr<const chart::Chart> chartNamed(const std::string& name) {
  auto chart = std::make_shared<chart::Chart>();
  chart->metadata.name = name;
  return chart;
}

TEST(LoadedCharts, KeepsChartsByKeyAndForgetsTheOldestPastCapacity) {
  LoadedCharts charts(2);
  charts.keep("a", chartNamed("a"));
  charts.keep("b", chartNamed("b"));
  ASSERT_TRUE(charts.find("a"));
  EXPECT_EQ(charts.find("a")->name(), "a");
  charts.keep("a", chartNamed("a2"));  // replacing is not a new entry
  EXPECT_EQ(charts.find("a")->name(), "a2");
  charts.keep("c", chartNamed("c"));
  EXPECT_FALSE(charts.find("a"));
  EXPECT_TRUE(charts.find("b"));
  EXPECT_TRUE(charts.find("c"));
  EXPECT_FALSE(charts.find("d"));
}

TEST(LoadedCharts, LoadsAnArchiveOncePerKeyAndEveryTimeWithoutOne) {
  const std::string tgz = chart::testing::makeTgz({{"app/Chart.yaml", "apiVersion: v2\nname: app\nversion: 1.0.0\n"}});
  LoadedCharts charts;
  auto first = charts.load("entry", tgz);
  ASSERT_TRUE(first) << first.error().message;
  EXPECT_EQ((*first)->metadata.version, "1.0.0");
  auto again = charts.load("entry", tgz);
  ASSERT_TRUE(again);
  EXPECT_EQ(again->get(), first->get());
  auto unkeyed = charts.load("", tgz);
  ASSERT_TRUE(unkeyed);
  EXPECT_NE(unkeyed->get(), first->get());
  auto broken = charts.load("broken", "not a tarball");
  ASSERT_FALSE(broken);
  EXPECT_EQ(broken.error().message, "gzip: invalid header");
  EXPECT_FALSE(charts.find("broken"));
}

}  // namespace
}  // namespace ho::controller
