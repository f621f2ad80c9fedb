// One bad HelmRelease never stalls the queue, end to end in-process (bundled
// API server, static chart repository, Controller with Events and two
// workers): HelmReleases with a refused field, a chart the repository does
// not have and values that are not YAML are queued first, then 20 good ones;
// all 20 reach Released while each bad one says what is wrong in its status
// and in a Warning Event.
#include <gtest/gtest.h>

#include "in_process_operator.h"
#include "kube/client/core_resources.h"

namespace ho::controller {
namespace {

using nlohmann::json;
using testing::eventually;

using kube::client::kConfigMaps;

class QueueIsolationE2E : public testing::InProcessOperatorTest {
 protected:
  void SetUp() override {
    InProcessOperatorTest::SetUp();
    ASSERT_EQ(repository_->publish("app", "1.0.0",
                                   {{"templates/cm.yaml",
                                     "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: {{ .Release.Name }}\n"}}),
              "");
    startController(optionsWithEvents());
  }
};

TEST_F(QueueIsolationE2E, BadHelmReleasesAreReportedWhileTwentyGoodOnesAllRelease) {
  const json badValues = {{"apiVersion", "v1"},
                          {"kind", "ConfigMap"},
                          {"metadata", {{"name", "bad-values"}}},
                          {"data", {{"values.yaml", "replicas: [1, 2\n  nested: {"}}}};
  ASSERT_TRUE(client_->create(kube::client::resourcePath(kConfigMaps, "default"), badValues));
  applyHelmRelease("refused", {{"chart", chartAt("1.0.0")}, {"helmVersion", "v2"}});
  applyHelmRelease("missing-chart", {{"chart", chartAt("1.0.0", "no-such-chart")}});
  applyHelmRelease("unparseable-values",
                   {{"chart", chartAt("1.0.0")},
                    {"valuesFrom", json::array({{{"configMapKeyRef", {{"name", "bad-values"}}}}})}});
  for (int i = 0; i < 20; ++i) applyHelmRelease("good-" + std::to_string(i), {{"chart", chartAt("1.0.0")}});

  for (int i = 0; i < 20; ++i) {
    const std::string name = "good-" + std::to_string(i);
    EXPECT_TRUE(eventually([&] { return condition(name, "Released") == "True"; }, std::chrono::seconds(180)))
        << helmRelease(name);
  }

  EXPECT_TRUE(eventually([&] { return condition("refused", "Released") == "False"; })) << helmRelease("refused");
  EXPECT_NE(conditionMessage("refused", "Released").find("helmVersion"), std::string::npos) << helmRelease("refused");
  EXPECT_TRUE(eventually([&] { return warningEvents("refused").find("InvalidSpec") != std::string::npos; }))
      << warningEvents("refused");

  EXPECT_TRUE(eventually([&] { return condition("missing-chart", "ChartFetched") == "False"; }))
      << helmRelease("missing-chart");
  EXPECT_NE(conditionMessage("missing-chart", "ChartFetched").find("no-such-chart"), std::string::npos)
      << helmRelease("missing-chart");
  EXPECT_TRUE(eventually([&] { return warningEvents("missing-chart").find("no-such-chart") != std::string::npos; }))
      << warningEvents("missing-chart");

  EXPECT_TRUE(eventually([&] { return phase("unparseable-values") == "Failed"; })) << helmRelease("unparseable-values");
  EXPECT_NE(conditionMessage("unparseable-values", "Released").find("unable to parse values"), std::string::npos)
      << helmRelease("unparseable-values");
  EXPECT_TRUE(eventually([&] {
    return warningEvents("unparseable-values").find("unable to parse values") != std::string::npos;
  })) << warningEvents("unparseable-values");
  EXPECT_EQ(revision("default-unparseable-values", 1), "");
}

}  // namespace
}  // namespace ho::controller
