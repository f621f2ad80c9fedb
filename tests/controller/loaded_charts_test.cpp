// LoadedCharts: the shared map of loaded repository charts keeps at most its
// capacity and forgets the oldest entry first.
#include <gtest/gtest.h>

#include "controller/reconciler/loaded_charts.h"

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

}  // namespace
}  // namespace ho::controller
