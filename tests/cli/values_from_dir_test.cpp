// The values `render` composes for a HelmRelease from --values-from-dir files:
// the controller's composeValues with ConfigMap and Secret keys read from the
// documented folder layout.
#include <gtest/gtest.h>

#include "cli/helmrelease_input.h"
#include "cli_test_support.h"
#include "encoding/go_yaml.h"

namespace ho::cli::testing {
namespace {

controller::HelmRelease releaseReading(std::vector<controller::ValuesFromSource> sources) {
  controller::HelmRelease release;
  release.name = "web";
  release.namespace_ = "team";
  release.spec.valuesFrom = std::move(sources);
  return release;
}

controller::ConfigMapKeyReference configMap(const std::string& name, bool optional = false) {
  controller::ConfigMapKeyReference reference;
  reference.name = name;
  reference.optional = optional;
  return reference;
}

std::string composedYaml(const controller::HelmRelease& release, const ScratchDir& dir) {
  auto values = controller::composeValues(release, chart::Chart{}, directoryKeyReader(dir.path().string()));
  if (!values) return "error: " + values.error().message;
  auto yaml = encoding::toYaml(*values);
  return yaml ? *yaml : yaml.error().message;
}

TEST(ValuesFromDir, NamespaceFolderWinsOverSharedFolder) {
  ScratchDir dir;
  dir.write("configmaps/web/values.yaml", "from: shared\n");
  dir.write("team/configmaps/web/values.yaml", "from: team\n");
  dir.write("configmaps/other/values.yaml", "other: shared\n");
  EXPECT_EQ(composedYaml(releaseReading({configMap("web"), configMap("other")}), dir), "from: team\nother: shared\n");
}

TEST(ValuesFromDir, SecretFilesHoldDecodedText) {
  ScratchDir dir;
  dir.write("secrets/creds/token.yaml", "token: abc\n");
  controller::SecretKeyReference secret;
  secret.name = "creds";
  secret.key = "token.yaml";
  EXPECT_EQ(composedYaml(releaseReading({secret}), dir), "token: abc\n");
}

TEST(ValuesFromDir, SpecValuesMergeLastAndMapsMergeDeeply) {
  ScratchDir dir;
  dir.write("configmaps/web/values.yaml", "ui:\n  color: red\n  message: cm\nlist: [1, 2]\n");
  controller::HelmRelease release = releaseReading({configMap("web")});
  auto specValues = encoding::parseYaml("ui:\n  message: spec\nlist: [3]\n");
  ASSERT_TRUE(specValues);
  release.spec.values = *specValues;
  EXPECT_EQ(composedYaml(release, dir), "list:\n- 3\nui:\n  color: red\n  message: spec\n");
}

TEST(ValuesFromDir, UnparsableSourceFailsUnlessOptional) {
  ScratchDir dir;
  dir.write("configmaps/web/values.yaml", "a: [unclosed\n");
  EXPECT_EQ(composedYaml(releaseReading({configMap("web", true)}), dir), "{}\n");
  EXPECT_EQ(composedYaml(releaseReading({configMap("web")}), dir).rfind(
                "error: configmap team/web: key \"values.yaml\": unable to parse values: ", 0),
            0u);
}

TEST(ValuesFromDir, ChartFileReferenceReadsTheChart) {
  ScratchDir dir;
  chart::Chart chart;
  chart.files.push_back({"envs/prod.yaml", "replicas: 4\n"});
  auto values = controller::composeValues(releaseReading({controller::ChartFileReference{"envs/prod.yaml", false}}),
                                          chart, directoryKeyReader(""));
  ASSERT_TRUE(values) << values.error().message;
  EXPECT_EQ(*encoding::toYaml(*values), "replicas: 4\n");
  auto missing = controller::composeValues(releaseReading({controller::ChartFileReference{"nope.yaml", false}}),
                                           chart, directoryKeyReader(""));
  ASSERT_FALSE(missing);
  EXPECT_EQ(missing.error().message, "chart file \"nope.yaml\" not found");
}

}  // namespace
}  // namespace ho::cli::testing
