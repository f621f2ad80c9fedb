// planSync: what a sync does with a release, from its history, the
// HelmRelease's status and the desired chart and values (Flux v1's
// determineSyncAction, with its rollback retry rules), and the index that
// maps valuesFrom ConfigMaps and Secrets to the HelmReleases reading them.
#include <gtest/gtest.h>

#include "controller/reconciler/sync_plan.h"
#include "controller/reconciler/values_source_watch.h"

namespace ho::controller {
namespace {

Value values(int replicas) { return Value::map(Map{{"replicaCount", Value::integer(replicas)}}); }

Release revision(int version, std::string_view status, const std::string& chartVersion, const Value& config) {
  Release release;
  release.name = "default-app";
  release.version = version;
  release.info.status = std::string(status);
  release.chart = Value::map(Map{{"metadata", Value::map(Map{{"name", Value::string("app")},
                                                             {"version", Value::string(chartVersion)}})}});
  release.config = config;
  return release;
}

HelmRelease helmRelease(std::int64_t generation = 1) {
  HelmRelease release;
  release.name = "app";
  release.namespace_ = "default";
  release.generation = generation;
  release.status.observedGeneration = generation;
  return release;
}

// The status after a failed upgrade of 1.1.0 was rolled back `count` times.
HelmRelease rolledBack(int count) {
  HelmRelease release = helmRelease();
  release.status.lastAttemptedRevision = "1.1.0";
  release.status.rollbackCount = count;
  release.status.conditions.push_back({ConditionType::RolledBack, ConditionStatus::True, "", "", "RolledBack", ""});
  return release;
}

// 1.0.0 deployed, 1.1.0 failed, then the rollback to 1.0.0.
std::vector<Release> afterRollback() {
  return {revision(1, status::kSuperseded, "1.0.0", values(1)), revision(2, status::kFailed, "1.1.0", values(1)),
          revision(3, status::kDeployed, "1.0.0", values(1))};
}

TEST(SyncPlan, NoReleaseMeansInstall) {
  EXPECT_EQ(planSync(helmRelease(), {}, {"app", "1.0.0", values(1)}), SyncPlan::Install);
}

TEST(SyncPlan, SameChartAndValuesIsUpToDate) {
  const std::vector<Release> history{revision(1, status::kDeployed, "1.0.0", values(2))};
  EXPECT_EQ(planSync(helmRelease(), history, {"app", "1.0.0", values(2)}), SyncPlan::UpToDate);
  EXPECT_EQ(planSync(helmRelease(), history, {"app", "1.0.1", values(2)}), SyncPlan::Upgrade);
  EXPECT_EQ(planSync(helmRelease(), history, {"app", "1.0.0", values(3)}), SyncPlan::Upgrade);
}

TEST(SyncPlan, EmptyAndAbsentValuesAreTheSame) {
  const std::vector<Release> history{revision(1, status::kDeployed, "1.0.0", Value())};
  EXPECT_EQ(planSync(helmRelease(), history, {"app", "1.0.0", Value::map()}), SyncPlan::UpToDate);
}

TEST(SyncPlan, AFailedLatestRevisionIsUpgradedAgain) {
  const std::vector<Release> history{revision(1, status::kDeployed, "1.0.0", values(1)),
                                     revision(2, status::kFailed, "1.1.0", values(1))};
  EXPECT_EQ(planSync(helmRelease(), history, {"app", "1.0.0", values(1)}), SyncPlan::Upgrade);
}

TEST(SyncPlan, ReusedValuesAreComparedMergedOverTheDeployedOnes) {
  HelmRelease release = helmRelease();
  release.spec.resetValues = false;
  const Value stored = Value::map(Map{{"replicaCount", Value::integer(2)}, {"image", Value::string("x")}});
  const std::vector<Release> history{revision(1, status::kDeployed, "1.0.0", stored)};
  EXPECT_EQ(planSync(release, history, {"app", "1.0.0", values(2)}), SyncPlan::UpToDate);
  EXPECT_EQ(planSync(release, history, {"app", "1.0.0", values(4)}), SyncPlan::Upgrade);
}

TEST(SyncPlan, RolledBackReleaseAwaitsAChangeWithoutRetries) {
  EXPECT_EQ(planSync(rolledBack(1), afterRollback(), {"app", "1.1.0", values(1)}), SyncPlan::AwaitChange);
}

TEST(SyncPlan, RolledBackReleaseUpgradesForDifferentValuesOrChart) {
  EXPECT_EQ(planSync(rolledBack(1), afterRollback(), {"app", "1.1.0", values(5)}), SyncPlan::Upgrade);
  EXPECT_EQ(planSync(rolledBack(1), afterRollback(), {"app", "1.2.0", values(1)}), SyncPlan::Upgrade);
}

TEST(SyncPlan, RolledBackReleaseRetriesWhileRollbackCountIsAtMostMaxRetries) {
  HelmRelease release = rolledBack(2);
  release.spec.rollback.retry = true;
  release.spec.rollback.maxRetries = 2;
  EXPECT_EQ(planSync(release, afterRollback(), {"app", "1.1.0", values(1)}), SyncPlan::Upgrade);
  release.status.rollbackCount = 3;
  EXPECT_EQ(planSync(release, afterRollback(), {"app", "1.1.0", values(1)}), SyncPlan::AwaitChange);
  release.spec.rollback.maxRetries = 0;  // unlimited
  EXPECT_EQ(planSync(release, afterRollback(), {"app", "1.1.0", values(1)}), SyncPlan::Upgrade);
}

TEST(SyncPlan, DefaultMaxRetriesIsFive) {
  HelmRelease release = rolledBack(5);
  release.spec.rollback.retry = true;
  EXPECT_TRUE(shouldRetryUpgrade(release));
  release.status.rollbackCount = 6;
  EXPECT_FALSE(shouldRetryUpgrade(release));
}

TEST(SyncPlan, ANewGenerationIsNotRolledBack) {
  HelmRelease release = rolledBack(1);
  release.generation = 2;
  EXPECT_FALSE(hasRolledBack(release));
  // Back at the deployed chart and values: nothing to do; the failed ones again: upgrade.
  EXPECT_EQ(planSync(release, afterRollback(), {"app", "1.0.0", values(1)}), SyncPlan::UpToDate);
  EXPECT_EQ(planSync(release, afterRollback(), {"app", "1.1.0", values(1)}), SyncPlan::Upgrade);
}

nlohmann::json helmReleaseObject(const std::string& name, const nlohmann::json& spec) {
  return {{"apiVersion", "helm.fluxcd.io/v1"},
          {"kind", "HelmRelease"},
          {"metadata", {{"name", name}, {"namespace", "apps"}}},
          {"spec", spec}};
}

TEST(ValuesSourceIndex, MapsConfigMapsAndSecretsToTheHelmReleasesReadingThem) {
  const nlohmann::json chart = {{"repository", "http://charts"}, {"name", "app"}, {"version", "1.0.0"}};
  ValuesSourceIndex index;
  index.track(helmReleaseObject(
      "a", {{"chart", chart},
            {"valueFileSecrets", {{{"name", "legacy"}}}},
            {"valuesFrom",
             {{{"configMapKeyRef", {{"name", "shared"}}}},
              {{"secretKeyRef", {{"name", "creds"}, {"namespace", "vault"}}}},
              {{"externalSourceRef", {{"url", "http://values"}}}}}}}));
  index.track(
      helmReleaseObject("b", {{"chart", chart}, {"valuesFrom", {{{"configMapKeyRef", {{"name", "shared"}}}}}}}));

  using Keys = std::set<std::string>;
  EXPECT_EQ(index.referencing(ValuesSourceIndex::configMapSource("apps", "shared")), (Keys{"apps/a", "apps/b"}));
  EXPECT_EQ(index.referencing(ValuesSourceIndex::secretSource("vault", "creds")), Keys{"apps/a"});
  EXPECT_EQ(index.referencing(ValuesSourceIndex::secretSource("apps", "legacy")), Keys{"apps/a"});
  EXPECT_TRUE(index.referencing(ValuesSourceIndex::secretSource("apps", "creds")).empty());

  // An edit replaces what a HelmRelease references; a deletion forgets it.
  index.track(helmReleaseObject("a", {{"chart", chart}}));
  EXPECT_EQ(index.referencing(ValuesSourceIndex::configMapSource("apps", "shared")), Keys{"apps/b"});
  EXPECT_TRUE(index.referencing(ValuesSourceIndex::secretSource("vault", "creds")).empty());
  index.forget(helmReleaseObject("b", {{"chart", chart}}));
  EXPECT_TRUE(index.referencing(ValuesSourceIndex::configMapSource("apps", "shared")).empty());
}

}  // namespace
}  // namespace ho::controller
