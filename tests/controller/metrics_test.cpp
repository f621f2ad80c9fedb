// The Prometheus registry's text exposition (as client_golang writes it) and
// the controller's metric families: Flux v1 names and labels, condition
// gauges that follow a release's conditions.
#include <gtest/gtest.h>

#include "controller/runtime/metrics_registry.h"
#include "controller/runtime/operator_metrics.h"

namespace ho::controller::runtime {
namespace {

TEST(MetricsRegistry_Exposition, CounterAndGaugeWithoutLabelsStartAtZero) {
  MetricsRegistry registry;
  registry.counter("a_total", "Things done.");
  Gauge depth = registry.gauge("b_depth", "Keys waiting.");
  depth.set(3);
  EXPECT_EQ(registry.exposition(),
            "# HELP a_total Things done.\n# TYPE a_total counter\na_total 0\n"
            "# HELP b_depth Keys waiting.\n# TYPE b_depth gauge\nb_depth 3\n");
}

TEST(MetricsRegistry_Exposition, LabelledFamiliesShowOnlySeriesThatExistSortedByLabels) {
  MetricsRegistry registry;
  Counter reconciles = registry.counter("r_total", "Reconciles.", {"result"});
  EXPECT_EQ(registry.exposition(), "");
  reconciles.inc({"success"});
  reconciles.inc({"error"}, 2);
  reconciles.inc({"success"}, 0.5);
  EXPECT_EQ(registry.exposition(),
            "# HELP r_total Reconciles.\n# TYPE r_total counter\nr_total{result=\"error\"} 2\n"
            "r_total{result=\"success\"} 1.5\n");
}

TEST(MetricsRegistry_Exposition, LabelValuesAndHelpAreEscaped) {
  MetricsRegistry registry;
  registry.gauge("g", "line\\one\nline two", {"v"}).set({"a\"b\\c\nd"}, 1);
  EXPECT_EQ(registry.exposition(), "# HELP g line\\\\one\\nline two\n# TYPE g gauge\ng{v=\"a\\\"b\\\\c\\nd\"} 1\n");
}

TEST(MetricsRegistry_Exposition, HistogramBucketsAreCumulativeWithInfSumAndCount) {
  MetricsRegistry registry;
  Histogram durations = registry.histogram("d_seconds", "Durations.", {"a"}, {1, 5, 1e6});
  durations.observe({"x"}, 0.5);
  durations.observe({"x"}, 5);  // le is inclusive
  durations.observe({"x"}, 2e6);
  EXPECT_EQ(registry.exposition(),
            "# HELP d_seconds Durations.\n# TYPE d_seconds histogram\n"
            "d_seconds_bucket{a=\"x\",le=\"1\"} 1\n"
            "d_seconds_bucket{a=\"x\",le=\"5\"} 2\n"
            "d_seconds_bucket{a=\"x\",le=\"1e+06\"} 2\n"
            "d_seconds_bucket{a=\"x\",le=\"+Inf\"} 3\n"
            "d_seconds_sum{a=\"x\"} 2.0000055e+06\n"
            "d_seconds_count{a=\"x\"} 3\n");
  EXPECT_EQ(durations.count({"x"}), 3);
}

TEST(MetricsRegistry_Exposition, LabelsAreWrittenInNameOrder) {
  MetricsRegistry registry;
  registry.counter("c", "C.", {"zone", "action"}).inc({"z1", "install"});
  EXPECT_EQ(registry.exposition(), "# HELP c C.\n# TYPE c counter\nc{action=\"install\",zone=\"z1\"} 1\n");
}

TEST(MetricsRegistry_Exposition, RemovedSeriesDisappear) {
  MetricsRegistry registry;
  Gauge gauge = registry.gauge("g", "G.", {"k"});
  gauge.set({"one"}, 1);
  gauge.set({"two"}, -1);
  gauge.remove({"one"});
  EXPECT_EQ(registry.exposition(), "# HELP g G.\n# TYPE g gauge\ng{k=\"two\"} -1\n");
}

TEST(OperatorMetrics_Names, FluxV1FamiliesCarryTheirLabels) {
  OperatorMetrics metrics;
  metrics.releaseAdded();
  metrics.setQueueLength(4);
  metrics.observeAction("upgrade", true, "apps", "default-podinfo", 2.5);
  metrics.observeSync("error", "apps", "default-podinfo", 0.25);
  metrics.observeChartFetch(true, 0.01);
  const std::string text = metrics.registry().exposition();
  for (const char* expected :
       {"flux_helm_operator_release_count 1\n", "flux_helm_operator_release_queue_length_count 4\n",
        "helm_operator_workqueue_depth 4\n",
        "flux_helm_operator_release_action_duration_seconds_bucket{action=\"upgrade\",release_name=\"default-podinfo\","
        "success=\"true\",target_namespace=\"apps\",le=\"5\"} 1\n",
        "flux_helm_operator_release_action_duration_seconds_count{action=\"sync\",release_name=\"default-podinfo\","
        "success=\"false\",target_namespace=\"apps\"} 1\n",
        "flux_helm_operator_release_phase_duration_seconds_count{action=\"upgrade\",namespace=\"apps\","
        "release_name=\"default-podinfo\",success=\"true\"} 1\n",
        "flux_helm_operator_release_duration_seconds_count{namespace=\"apps\",release_name=\"default-podinfo\","
        "success=\"false\"} 1\n",
        "helm_operator_reconcile_total{result=\"error\"} 1\n",
        "helm_operator_chart_fetch_duration_seconds_count{success=\"true\"} 1\n"}) {
    EXPECT_NE(text.find(expected), std::string::npos) << expected << "\nin:\n" << text;
  }
}

TEST(OperatorMetrics_Conditions, GaugesFollowTheConditionsAndAreDroppedWithTheRelease) {
  OperatorMetrics metrics;
  const auto series = [&](const std::string& condition) {
    return "flux_helm_operator_release_condition_info{condition=\"" + condition +
           "\",release_name=\"rel\",target_namespace=\"ns\"} ";
  };
  metrics.setConditions("ns", "rel",
                        {{ConditionType::Released, ConditionStatus::False, "", "", "DeployFailed", ""},
                         {ConditionType::RolledBack, ConditionStatus::True, "", "", "RolledBack", ""},
                         {ConditionType::Deployed, ConditionStatus::Unknown, "", "", "Upgrading", ""}});
  std::string text = metrics.registry().exposition();
  EXPECT_NE(text.find(series("Released") + "-1\n"), std::string::npos) << text;
  EXPECT_NE(text.find(series("RolledBack") + "1\n"), std::string::npos) << text;
  EXPECT_NE(text.find(series("Deployed") + "0\n"), std::string::npos) << text;

  metrics.setConditions("ns", "rel", {{ConditionType::Released, ConditionStatus::True, "", "", "Succeeded", ""}});
  text = metrics.registry().exposition();
  EXPECT_NE(text.find(series("Released") + "1\n"), std::string::npos) << text;
  EXPECT_EQ(text.find(series("RolledBack")), std::string::npos) << text;

  metrics.forgetRelease("ns", "rel");
  EXPECT_EQ(metrics.registry().exposition().find("condition_info{"), std::string::npos);
}

HelmReleaseCondition conditionOf(ConditionType type, ConditionStatus status) {
  HelmReleaseCondition condition;
  condition.type = type;
  condition.status = status;
  return condition;
}

TEST(OperatorMetrics_Conditions, EveryConditionTypeGetsASeriesAndIsDroppedWithTheRelease) {
  OperatorMetrics metrics;
  std::vector<HelmReleaseCondition> conditions;
  for (ConditionType type : allConditionTypes()) conditions.push_back(conditionOf(type, ConditionStatus::True));
  ASSERT_GE(conditions.size(), 8u);  // Flux v1's five, Stalled, Suspended, DependenciesReady, ...
  metrics.setConditions("ns", "rel", conditions);
  std::string text = metrics.registry().exposition();
  for (ConditionType type : allConditionTypes()) {
    const std::string series = "flux_helm_operator_release_condition_info{condition=\"" +
                               std::string(conditionTypeName(type)) +
                               "\",release_name=\"rel\",target_namespace=\"ns\"} 1\n";
    EXPECT_NE(text.find(series), std::string::npos) << series << "in:\n" << text;
  }
  metrics.setConditions("ns", "rel", {conditionOf(ConditionType::Suspended, ConditionStatus::False)});
  text = metrics.registry().exposition();
  EXPECT_NE(text.find("condition=\"Suspended\",release_name=\"rel\",target_namespace=\"ns\"} -1\n"),
            std::string::npos)
      << text;
  EXPECT_EQ(text.find("condition=\"DependenciesReady\""), std::string::npos) << text;

  metrics.forgetRelease("ns", "rel");
  EXPECT_EQ(metrics.registry().exposition().find("condition_info{"), std::string::npos);
}

}  // namespace
}  // namespace ho::controller::runtime
