// The defaults Flux v1 gives unset HelmRelease fields.
#include <gtest/gtest.h>

#include "controller/helmrelease/helm_release.h"

namespace ho::controller {
namespace {

HelmRelease releaseNamed(std::string name, std::string ns) {
  HelmRelease release;
  release.name = std::move(name);
  release.namespace_ = std::move(ns);
  return release;
}

TEST(HelmReleaseDefaults, ReleaseNameIsNamespaceDashName) {
  HelmRelease release = releaseNamed("podinfo", "apps");
  EXPECT_EQ(release.releaseName(), "apps-podinfo");
  release.spec.targetNamespace = "apps";
  EXPECT_EQ(release.releaseName(), "apps-podinfo");
}

TEST(HelmReleaseDefaults, ReleaseNameIncludesADifferentTargetNamespace) {
  HelmRelease release = releaseNamed("podinfo", "flux");
  release.spec.targetNamespace = "prod";
  EXPECT_EQ(release.releaseName(), "flux-prod-podinfo");
  EXPECT_EQ(release.targetNamespace(), "prod");
}

TEST(HelmReleaseDefaults, ExplicitReleaseNameIsUsedVerbatim) {
  HelmRelease release = releaseNamed("podinfo", "flux");
  release.spec.targetNamespace = "prod";
  release.spec.releaseName = "web";
  EXPECT_EQ(release.releaseName(), "web");
}

TEST(HelmReleaseDefaults, EmptyNamespaceMeansDefault) {
  const HelmRelease release = releaseNamed("podinfo", "");
  EXPECT_EQ(release.namespaceOrDefault(), "default");
  EXPECT_EQ(release.targetNamespace(), "default");
  EXPECT_EQ(release.releaseName(), "default-podinfo");
  EXPECT_EQ(release.antecedent(), "default:helmrelease/podinfo");
}

TEST(HelmReleaseDefaults, TimeoutsHistoryAndRetries) {
  HelmReleaseSpec spec;
  EXPECT_EQ(spec.timeoutSeconds(), 300);
  EXPECT_EQ(spec.maxHistoryOrDefault(), 10);
  EXPECT_EQ(spec.rollback.maxRetriesOrDefault(), 5);
  EXPECT_EQ(spec.rollback.timeoutSeconds(), 300);
  EXPECT_EQ(spec.test.timeoutSeconds(), 300);
  EXPECT_FALSE(spec.test.ignoreFailuresOrDefault());
  EXPECT_TRUE(spec.test.cleanupOrDefault());
  spec.timeout = 0;
  spec.maxHistory = 0;
  spec.rollback.maxRetries = 0;
  EXPECT_EQ(spec.timeoutSeconds(), 0);
  EXPECT_EQ(spec.maxHistoryOrDefault(), 0);
  EXPECT_EQ(spec.rollback.maxRetriesOrDefault(), 0);
}

TEST(HelmReleaseDefaults, ValuesAreResetUnlessResetValuesIsExplicitlyFalse) {
  HelmReleaseSpec spec;
  EXPECT_FALSE(spec.reuseValues());
  spec.resetValues = true;
  EXPECT_FALSE(spec.reuseValues());
  spec.resetValues = false;
  EXPECT_TRUE(spec.reuseValues());
}

TEST(HelmReleaseDefaults, WaitFollowsRollbackOrTestUnlessSet) {
  HelmReleaseSpec spec;
  EXPECT_FALSE(spec.waitOrDefault());
  spec.rollback.enable = true;
  EXPECT_TRUE(spec.waitOrDefault());
  spec.rollback.enable = false;
  spec.test.enable = true;
  EXPECT_TRUE(spec.waitOrDefault());
  spec.wait = false;
  EXPECT_FALSE(spec.waitOrDefault());
}

TEST(HelmReleaseDefaults, ValueFileSecretsArePrependedAsSecretKeyRefs) {
  HelmReleaseSpec spec;
  spec.valuesFrom.emplace_back(ConfigMapKeyReference{{"cm", "", "", false}});
  spec.valueFileSecrets = {{"first"}, {"second"}};
  const std::vector<ValuesFromSource> sources = spec.valuesFromSources();
  ASSERT_EQ(sources.size(), 3U);
  EXPECT_EQ(std::get<SecretKeyReference>(sources[0]).name, "first");
  EXPECT_EQ(std::get<SecretKeyReference>(sources[1]).name, "second");
  EXPECT_EQ(std::get<ConfigMapKeyReference>(sources[2]).name, "cm");
}

TEST(HelmReleaseDefaults, KeyReferencesDefaultToValuesYamlInTheReleaseNamespace) {
  KeyReference reference{"cm", "", "", false};
  EXPECT_EQ(reference.keyOrDefault(), "values.yaml");
  EXPECT_EQ(reference.namespaceOr("apps"), "apps");
  reference = {"cm", "other", "custom.yaml", false};
  EXPECT_EQ(reference.keyOrDefault(), "custom.yaml");
  EXPECT_EQ(reference.namespaceOr("apps"), "other");
}

TEST(HelmReleaseDefaults, GitRefFallsBackToTheOperatorDefault) {
  ChartSource chart;
  EXPECT_EQ(chart.refOrDefault("master"), "master");
  chart.ref = "v1.2.0";
  EXPECT_EQ(chart.refOrDefault("master"), "v1.2.0");
}

}  // namespace
}  // namespace ho::controller
