// The HelmRelease CRD with real kubectl (1.32) against the bundled API
// server: the CRD and a full Flux v1 HelmRelease apply, `kubectl get hr`
// prints the printer columns, and a status written by our serializer is
// shown and satisfies `kubectl wait --for=condition=Released`.
#include <gtest/gtest.h>

#include <nlohmann/json.hpp>

#include "../kube/e2e_support.h"
#include "controller/helmrelease/helm_release.h"
#include "controller/helmrelease/phase_conditions.h"

namespace ho::controller {
namespace {

using kube::testing::CommandResult;
using kube::testing::LiveCluster;

const std::string kCrdPath = std::string(HO_SOURCE_DIR) + "/crds/helm.fluxcd.io_helmreleases.yaml";
const std::string kExamplePath = std::string(HO_SOURCE_DIR) + "/examples/helmrelease-podinfo.yaml";

class HelmReleaseCrdE2E : public ::testing::Test {
 protected:
  void SetUp() override {
    kubectl_ = kube::testing::findKubectl("1.32");
    if (kubectl_.empty()) GTEST_SKIP() << "kubectl 1.32 binary not found";
    cluster_ = std::make_unique<LiveCluster>();
  }

  CommandResult kubectl(const std::string& arguments) const { return cluster_->run(kubectl_ + " " + arguments); }

  std::string ok(const std::string& arguments) const {
    const CommandResult result = kubectl(arguments);
    EXPECT_EQ(result.exitCode, 0) << "kubectl " << arguments << "\n" << result.output;
    return result.output;
  }

  void installCrd() const {
    const std::string applied = ok("apply -f " + kCrdPath);
    EXPECT_NE(applied.find("customresourcedefinition.apiextensions.k8s.io/helmreleases.helm.fluxcd.io created"),
              std::string::npos)
        << applied;
    ok("wait --for=condition=Established crd/helmreleases.helm.fluxcd.io --timeout=30s");
  }

  std::string kubectl_;
  std::unique_ptr<LiveCluster> cluster_;
};

TEST_F(HelmReleaseCrdE2E, CrdPassesClientSideValidation) {
  const std::string output = ok("apply --dry-run=client -f " + kCrdPath);
  EXPECT_NE(output.find("helmreleases.helm.fluxcd.io created (dry run)"), std::string::npos) << output;
}

TEST_F(HelmReleaseCrdE2E, ExampleAppliesAndParses) {
  installCrd();
  EXPECT_NE(ok("apply --dry-run=client -f " + kExamplePath).find("created (dry run)"), std::string::npos);
  EXPECT_NE(ok("apply -f " + kExamplePath).find("helmrelease.helm.fluxcd.io/podinfo created"), std::string::npos);
  EXPECT_NE(ok("apply -f " + kExamplePath).find("helmrelease.helm.fluxcd.io/podinfo unchanged"), std::string::npos);

  const Result<HelmRelease> parsed = parseHelmRelease(nlohmann::json::parse(ok("get hr podinfo -o json")));
  ASSERT_TRUE(parsed.ok()) << parsed.error().message;
  EXPECT_EQ(parsed->releaseName(), "podinfo");
  EXPECT_EQ(parsed->spec.chart.repository, "http://127.0.0.1:8879");
  EXPECT_EQ(parsed->spec.chart.version, "6.5.0");
  EXPECT_TRUE(parsed->spec.rollback.enable);
  EXPECT_TRUE(parsed->spec.test.enable);
  EXPECT_EQ(parsed->spec.valuesFrom.size(), 2U);
  EXPECT_EQ(parsed->spec.values.find("replicaCount")->asFloat(), 2.0);
}

TEST_F(HelmReleaseCrdE2E, StatusFromOurSerializerShowsInColumnsAndSatisfiesWait) {
  installCrd();
  ok("apply -f " + kExamplePath);
  const std::string before = ok("get hr");
  EXPECT_NE(before.find("NAME      RELEASE   PHASE   RELEASESTATUS   MESSAGE   AGE"), std::string::npos) << before;

  Result<HelmRelease> parsed = parseHelmRelease(nlohmann::json::parse(ok("get hr podinfo -o json")));
  ASSERT_TRUE(parsed.ok()) << parsed.error().message;
  HelmRelease release = std::move(parsed).value();
  setPhaseWithRevision(release, Phase::Installing, "2024-05-01T10:00:00Z", "6.5.0");
  setPhase(release, Phase::Deployed, "2024-05-01T10:00:05Z");
  setPhaseWithRevision(release, Phase::Succeeded, "2024-05-01T10:00:06Z", "6.5.0");
  release.status.releaseName = release.releaseName();
  release.status.releaseStatus = "deployed";
  release.status.observedGeneration = release.generation;

  const nlohmann::json statusPatch = {{"status", statusToJson(release.status)}};
  const std::string patch = cluster_->writeFile("status.json", statusPatch.dump());
  EXPECT_NE(ok("patch hr podinfo --subresource=status --type=merge --patch-file=" + patch).find("patched"),
            std::string::npos);

  const std::string table = ok("get hr");
  EXPECT_NE(table.find("podinfo   podinfo   Succeeded   deployed        "
                       "Release was successful for Helm release 'podinfo' in 'default'."),
            std::string::npos)
      << table;
  const std::string waited = ok("wait --for=condition=Released hr/podinfo --timeout=20s");
  EXPECT_NE(waited.find("helmrelease.helm.fluxcd.io/podinfo condition met"), std::string::npos) << waited;

  const Result<HelmRelease> readBack = parseHelmRelease(nlohmann::json::parse(ok("get hr podinfo -o json")));
  ASSERT_TRUE(readBack.ok()) << readBack.error().message;
  EXPECT_EQ(readBack->status, release.status);
}

}  // namespace
}  // namespace ho::controller
