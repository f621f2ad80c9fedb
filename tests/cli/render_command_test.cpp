// End-to-end: `helm-operator render -f HELMRELEASE` prints what the reference
// `helm template` prints for the same chart (fetched from a chart repository),
// release name, namespace and values (valuesFrom sources then spec.values, as
// `-f` files in that order), and names the file and field of bad HelmReleases.
#include <gtest/gtest.h>

#include <memory>

#include "chart/repo/index_writer.h"
#include "chart/repo/static_server.h"
#include "cli_test_support.h"

namespace ho::cli::testing {
namespace {

const std::string kBinary = HO_BINARY;
const std::string kHelm = std::string(HO_SOURCE_DIR) + "/.reference/helm";
const std::string kPodinfo = std::string(HO_SOURCE_DIR) + "/examples/charts/podinfo";

const std::string kSpecValues = R"(replicaCount: 3
ui:
  message: "from spec.values"
podAnnotations:
  example.com/team: platform
)";
const std::string kConfigMapValues = "ui:\n  message: from the configmap\n  color: \"#ff0000\"\nreplicaCount: 2\n";
const std::string kSecretValues = "extraEnv:\n- name: TOKEN\n  value: s3cr3t\n";

std::string indent(const std::string& text, const std::string& by) {
  std::string out;
  std::size_t start = 0;
  while (start < text.size()) {
    const std::size_t end = text.find('\n', start);
    out += by + text.substr(start, end - start) + "\n";
    start = end == std::string::npos ? text.size() : end + 1;
  }
  return out;
}

class RenderCommand : public ::testing::Test {
 protected:
  void SetUp() override {
    const std::string repo = (dir_.path() / "repo").string();
    std::filesystem::create_directories(repo);
    chart::repo::StaticServerOptions serving;
    serving.root = repo;
    server_ = std::make_unique<chart::repo::StaticRepoServer>(serving);
    ASSERT_TRUE(server_->listen("127.0.0.1", 0).ok());
    repoUrl_ = "http://127.0.0.1:" + std::to_string(server_->port());
    ASSERT_EQ(dir_.run("tar -czf repo/podinfo-6.5.0.tgz -C '" + kPodinfo + "/..' podinfo").exitCode, 0);
    auto index = chart::repo::indexDirectory(repo, repoUrl_);
    ASSERT_TRUE(index) << index.error().message;
    auto indexYaml = chart::repo::renderIndex(*index);
    ASSERT_TRUE(indexYaml) << indexYaml.error().message;
    dir_.write("repo/index.yaml", *indexYaml);
  }
  void TearDown() override { server_->stop(); }

  // A HelmRelease `web` in namespace `team`, installing into `apps`.
  std::string helmRelease(const std::string& extraSpec = "") const {
    return "apiVersion: helm.fluxcd.io/v1\nkind: HelmRelease\nmetadata:\n  name: web\n  namespace: team\nspec:\n"
           "  targetNamespace: apps\n  chart:\n    repository: " + repoUrl_ +
           "\n    name: podinfo\n    version: 6.5.0\n" + extraSpec;
  }

  CommandOutput render(const std::string& helmReleaseYaml, const std::string& flags = "") const {
    dir_.write("hr.yaml", helmReleaseYaml);
    return dir_.run(kBinary + " render -f hr.yaml --repository-cache cache " + flags);
  }

  ScratchDir dir_;
  std::unique_ptr<chart::repo::StaticRepoServer> server_;
  std::string repoUrl_;
};

TEST_F(RenderCommand, ValuesAndValuesFromMatchHelmTemplate) {
  if (access(kHelm.c_str(), X_OK) != 0) GTEST_SKIP() << "no reference helm";
  dir_.write("values/team/configmaps/web-values/values.yaml", kConfigMapValues);
  dir_.write("values/secrets/web-secret/extra.yaml", kSecretValues);
  const std::string spec = "  valuesFrom:\n  - configMapKeyRef:\n      name: web-values\n"
                           "  - secretKeyRef:\n      name: web-secret\n      key: extra.yaml\n"
                           "  - configMapKeyRef:\n      name: absent\n      optional: true\n"
                           "  values:\n" + indent(kSpecValues, "    ");
  const CommandOutput rendered = render(helmRelease(spec), "--values-from-dir values");
  ASSERT_EQ(rendered.exitCode, 0) << rendered.err;

  dir_.write("spec-values.yaml", kSpecValues);
  const CommandOutput expected = dir_.run(kHelm + " template team-apps-web '" + kPodinfo +
                                          "' -n apps -f values/team/configmaps/web-values/values.yaml"
                                          " -f values/secrets/web-secret/extra.yaml -f spec-values.yaml");
  ASSERT_EQ(expected.exitCode, 0) << expected.err;
  EXPECT_EQ(rendered.out, expected.out);
  EXPECT_NE(rendered.out.find("replicas: 3"), std::string::npos);
  EXPECT_NE(rendered.out.find("s3cr3t"), std::string::npos);
}

TEST_F(RenderCommand, ReleaseNameAndChartPathOverride) {
  if (access(kHelm.c_str(), X_OK) != 0) GTEST_SKIP() << "no reference helm";
  const CommandOutput rendered =
      render(helmRelease("  releaseName: custom\n"), "--chart-path '" + kPodinfo + "' --include-crds");
  ASSERT_EQ(rendered.exitCode, 0) << rendered.err;
  const CommandOutput expected = dir_.run(kHelm + " template custom '" + kPodinfo + "' -n apps --include-crds");
  EXPECT_EQ(rendered.out, expected.out);
}

// spec.postRenderers and spec.commonMetadata shape the manifests as the
// controller would install them; the release's digest comment is not printed.
TEST_F(RenderCommand, PostRenderersAndCommonMetadataShapeTheOutput) {
  const std::string spec =
      "  postRenderers:\n  - kustomize:\n      images:\n      - name: ghcr.io/stefanprodan/podinfo\n"
      "        newTag: 6.7.0\n      patches:\n      - target:\n          kind: Service\n"
      "        patch: |\n          - op: replace\n            path: /spec/type\n            value: NodePort\n"
      "  commonMetadata:\n    labels:\n      team: platform\n";
  const CommandOutput rendered = render(helmRelease(spec), "--chart-path '" + kPodinfo + "'");
  ASSERT_EQ(rendered.exitCode, 0) << rendered.err;
  EXPECT_NE(rendered.out.find("image: ghcr.io/stefanprodan/podinfo:6.7.0\n"), std::string::npos) << rendered.out;
  EXPECT_NE(rendered.out.find("\n  type: NodePort\n"), std::string::npos) << rendered.out;
  std::size_t labelled = 0;
  for (std::size_t at = rendered.out.find("\n    team: platform\n"); at != std::string::npos;
       at = rendered.out.find("\n    team: platform\n", at + 1)) {
    ++labelled;
  }
  EXPECT_EQ(labelled, 3u) << rendered.out;  // the ConfigMap, the Service and the Deployment
  EXPECT_EQ(rendered.out.rfind("---\n# Source: podinfo/templates/configmap.yaml\napiVersion: v1\n", 0), 0u);
  EXPECT_EQ(rendered.out.find("Post-rendered"), std::string::npos);

  const CommandOutput broken = render(helmRelease(
      "  postRenderers:\n  - kustomize:\n      patches:\n      - patch: |\n          kind: Secret\n"
      "          apiVersion: v1\n          metadata:\n            name: absent\n"), "--chart-path '" + kPodinfo + "'");
  EXPECT_EQ(broken.exitCode, 1);
  EXPECT_EQ(broken.err,
            "Error: error while running post render on files: spec.postRenderers[0].kustomize.patches[0]: no resource "
            "matches strategic merge patch \"Secret.v1/absent.apps\"\n");
}

TEST_F(RenderCommand, MissingValuesSourceNamesFileAndSource) {
  const CommandOutput rendered =
      render(helmRelease("  valuesFrom:\n  - configMapKeyRef:\n      name: web-values\n"), "--values-from-dir values");
  EXPECT_EQ(rendered.exitCode, 1);
  EXPECT_EQ(rendered.err,
            "Error: hr.yaml: spec.valuesFrom: configmap team/web-values: key \"values.yaml\" not found\n");
  EXPECT_EQ(rendered.out, "");
}

TEST_F(RenderCommand, InvalidSpecNamesFileAndField) {
  const CommandOutput rendered = render(helmRelease("  timeout: soon\n"));
  EXPECT_EQ(rendered.exitCode, 1);
  EXPECT_EQ(rendered.err.rfind("Error: hr.yaml: spec.timeout: ", 0), 0u) << rendered.err;

  const CommandOutput noChart = render(
      "apiVersion: helm.fluxcd.io/v1\nkind: HelmRelease\nmetadata:\n  name: web\nspec:\n  releaseName: x\n");
  EXPECT_EQ(noChart.err, "Error: hr.yaml: spec.chart: required\n");
}

TEST_F(RenderCommand, FileWithoutHelmReleaseIsRefused) {
  const CommandOutput rendered = render("apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: x\n");
  EXPECT_EQ(rendered.exitCode, 1);
  EXPECT_EQ(rendered.err, "Error: hr.yaml: no document of kind HelmRelease\n");
}

TEST_F(RenderCommand, GitChartFromAnUnreachableRemoteNamesTheRemote) {
  const CommandOutput rendered = render(
      "apiVersion: helm.fluxcd.io/v1\nkind: HelmRelease\nmetadata:\n  name: web\nspec:\n  chart:\n"
      "    git: http://127.0.0.1:1/charts.git\n    path: charts/web\n");
  EXPECT_EQ(rendered.exitCode, 1);
  EXPECT_NE(rendered.err.find("Error: hr.yaml: spec.chart: git fetch of http://127.0.0.1:1/charts.git failed: "),
            std::string::npos)
      << rendered.err;
}

TEST_F(RenderCommand, UnknownChartVersionNamesSpecChart) {
  const CommandOutput rendered = render(
      "apiVersion: helm.fluxcd.io/v1\nkind: HelmRelease\nmetadata:\n  name: web\nspec:\n  chart:\n"
      "    repository: " + repoUrl_ + "\n    name: podinfo\n    version: 9.9.9\n");
  EXPECT_EQ(rendered.exitCode, 1);
  EXPECT_EQ(rendered.err.rfind("Error: hr.yaml: spec.chart: VersionNotFound: ", 0), 0u) << rendered.err;
}

}  // namespace
}  // namespace ho::cli::testing
