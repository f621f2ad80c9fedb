// End-to-end: `helm-operator diff -f HELMRELEASE --kubeconfig` against a
// release the reference helm installed on the bundled API server prints each
// added, changed and removed object like helm-diff, and --detailed-exitcode
// says whether anything would change.
#include <gtest/gtest.h>

#include "../kube/e2e_support.h"
#include "cli/manifest_diff.h"
#include "cli_test_support.h"

namespace ho::cli::testing {
namespace {

const std::string kBinary = HO_BINARY;

// message -> a changed ConfigMap; extra -> an added Service; legacy -> a removed ConfigMap.
void writeChart(const ScratchDir& dir) {
  dir.write("chart/Chart.yaml", "apiVersion: v2\nname: app\nversion: 0.1.0\n");
  dir.write("chart/values.yaml", "message: old\nextra: false\nlegacy: false\n");
  dir.write("chart/templates/settings.yaml",
            "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: settings\ndata:\n  message: {{ .Values.message }}\n"
            "  color: blue\n");
  dir.write("chart/templates/extra.yaml",
            "{{- if .Values.extra }}\napiVersion: v1\nkind: Service\nmetadata:\n  name: extra\nspec:\n  ports:\n"
            "  - port: 80\n{{- end }}\n");
  dir.write("chart/templates/legacy.yaml",
            "{{- if .Values.legacy }}\napiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: legacy\ndata:\n  a: b\n"
            "{{- end }}\n");
}

std::string helmRelease(const std::string& values) {
  return "apiVersion: helm.fluxcd.io/v1\nkind: HelmRelease\nmetadata:\n  name: app\n  namespace: default\nspec:\n"
         "  releaseName: app\n  chart:\n    repository: http://127.0.0.1:1\n    name: app\n    version: 0.1.0\n"
         "  values:\n" + values;
}

// A cluster, the chart above in a scratch folder, and the reference helm.
class DiffCommand : public ::testing::Test {
 protected:
  void SetUp() override {
    helm_ = kube::testing::findReferenceBinary("helm");
    writeChart(dir_);
    chart_ = (dir_.path() / "chart").string();
  }

  // Installs the chart as release `app` with helm's --set `values`.
  void helmInstall(const std::string& values) const {
    if (helm_.empty()) GTEST_SKIP() << "no reference helm";
    auto installed = cluster_.run(helm_ + " install app " + chart_ + " --set " + values);
    ASSERT_EQ(installed.exitCode, 0) << installed.output;
  }

  kube::testing::CommandResult diff(const std::string& values, const std::string& flags) const {
    const std::string file = dir_.write("hr.yaml", helmRelease(values));
    return cluster_.run(kBinary + " diff -f " + file + " --chart-path " + chart_ + " " + flags);
  }

  kube::testing::LiveCluster cluster_;
  ScratchDir dir_;
  std::string helm_;
  std::string chart_;
};

TEST_F(DiffCommand, ShowsAddedChangedAndRemovedObjects) {
  helmInstall("legacy=true");
  if (IsSkipped()) return;
  const std::string newValues = "    message: new\n    extra: true\n";
  auto changed = diff(newValues, "--detailed-exitcode");
  EXPECT_EQ(changed.exitCode, 2) << changed.output;
  EXPECT_EQ(changed.output,
            "default, extra, Service (v1) has been added:\n"
            "+ # Source: app/templates/extra.yaml\n+ apiVersion: v1\n+ kind: Service\n+ metadata:\n+   name: extra\n"
            "+ spec:\n+   ports:\n+   - port: 80\n"
            "default, legacy, ConfigMap (v1) has been removed:\n"
            "- # Source: app/templates/legacy.yaml\n- apiVersion: v1\n- kind: ConfigMap\n- metadata:\n-   name: legacy\n"
            "- data:\n-   a: b\n"
            "default, settings, ConfigMap (v1) has changed:\n"
            "  # Source: app/templates/settings.yaml\n  apiVersion: v1\n  kind: ConfigMap\n  metadata:\n"
            "    name: settings\n  data:\n-   message: old\n+   message: new\n    color: blue\n");

  auto context = diff(newValues, "--context 1");
  EXPECT_EQ(context.exitCode, 0) << context.output;
  EXPECT_NE(context.output.find("has changed:\n...\n  data:\n-   message: old\n+   message: new\n    color: blue\n"),
            std::string::npos)
      << context.output;
}

TEST_F(DiffCommand, NothingToChangePrintsNothing) {
  helmInstall("message=same");
  if (IsSkipped()) return;
  auto same = diff("    message: same\n", "--detailed-exitcode");
  EXPECT_EQ(same.exitCode, 0);
  EXPECT_EQ(same.output, "");
}

TEST_F(DiffCommand, NoReleaseYetShowsEverythingAdded) {
  auto fresh = diff("    message: first\n", "");
  EXPECT_EQ(fresh.exitCode, 0) << fresh.output;
  EXPECT_EQ(fresh.output.rfind("default, settings, ConfigMap (v1) has been added:\n", 0), 0u) << fresh.output;
}

TEST(ManifestDiff, LinesKeepOrderAndGroupChanges) {
  const std::vector<DiffLine> lines = diffLines({"a", "b", "c", "d"}, {"a", "x", "c", "d", "e"});
  std::string printed;
  for (const DiffLine& line : lines) printed += static_cast<char>(line.change) + line.text + "\n";
  EXPECT_EQ(printed, " a\n-b\n+x\n c\n d\n+e\n");
}

}  // namespace
}  // namespace ho::cli::testing
