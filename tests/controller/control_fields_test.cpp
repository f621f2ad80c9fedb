// The issue-13 control fields as the model reads and writes them:
// spec.install/spec.upgrade, the reconcile.fluxcd.io annotations, the new
// status fields and condition types, Released=True clearing Stalled and the
// failure counts, and the dependsOn keys and readiness rule.
#include <gtest/gtest.h>

#include <nlohmann/json.hpp>

#include "controller/helmrelease/helm_release.h"
#include "controller/helmrelease/phase_conditions.h"
#include "controller/reconciler/dependency_check.h"

namespace ho::controller {
namespace {

using nlohmann::json;

json object(const json& spec, const json& metadataExtra = json::object()) {
  json metadata = {{"name", "web"}, {"namespace", "apps"}, {"generation", 2}};
  metadata.update(metadataExtra);
  json chart = {{"chart", {{"repository", "http://127.0.0.1:8879"}, {"name", "web"}, {"version", "1.0.0"}}}};
  chart.update(spec);
  return {{"apiVersion", "helm.fluxcd.io/v1"}, {"kind", "HelmRelease"}, {"metadata", metadata}, {"spec", chart}};
}

TEST(ControlFields, InstallAndUpgradeFieldsAreReadWithHelmDefaults) {
  Result<HelmRelease> plain = parseHelmRelease(object(json::object()));
  ASSERT_TRUE(plain) << plain.error().message;
  EXPECT_FALSE(plain->spec.install.createNamespace);
  EXPECT_FALSE(plain->spec.install.retries.has_value());
  EXPECT_EQ(plain->spec.upgrade.crds, CrdUpgradePolicy::Skip);
  EXPECT_FALSE(plain->spec.upgrade.retries.has_value());
  EXPECT_EQ(plain->requests, ReconcileRequests{});

  Result<HelmRelease> set = parseHelmRelease(
      object({{"install", {{"createNamespace", true}, {"remediation", {{"retries", 3}}}}},
              {"upgrade", {{"crds", "CreateReplace"}, {"remediation", {{"retries", 0}}}}}},
             {{"annotations",
               {{"reconcile.fluxcd.io/requestedAt", "a"}, {"reconcile.fluxcd.io/forceAt", "b"},
                {"reconcile.fluxcd.io/resetAt", "c"}}}}));
  ASSERT_TRUE(set) << set.error().message;
  EXPECT_TRUE(set->spec.install.createNamespace);
  EXPECT_EQ(set->spec.install.retries, 3);
  EXPECT_EQ(set->spec.upgrade.crds, CrdUpgradePolicy::CreateReplace);
  EXPECT_EQ(set->spec.upgrade.retries, 0);
  EXPECT_EQ(set->requests, (ReconcileRequests{"a", "b", "c"}));
}

TEST(ControlFields, BadValuesNameTheField) {
  Result<HelmRelease> crds = parseHelmRelease(object({{"upgrade", {{"crds", "Replace"}}}}));
  ASSERT_FALSE(crds);
  EXPECT_EQ(crds.error().message, R"(spec.upgrade.crds: expected one of Skip, Create or CreateReplace, got "Replace")");
  Result<HelmRelease> retries = parseHelmRelease(object({{"install", {{"remediation", {{"retries", "x"}}}}}}));
  ASSERT_FALSE(retries);
  EXPECT_NE(retries.error().message.find("spec.install.remediation.retries"), std::string::npos)
      << retries.error().message;
}

TEST(ControlFields, NewStatusFieldsRoundTripAndStayAbsentWhenZero) {
  EXPECT_EQ(statusToJson(HelmReleaseStatus{}), json::object());
  HelmReleaseStatus status;
  status.lastHandledReconcileAt = "r";
  status.lastHandledForceAt = "f";
  status.lastHandledResetAt = "x";
  status.installFailures = 1;
  status.upgradeFailures = 2;
  status.conditions.push_back({ConditionType::Stalled, ConditionStatus::True, "t", "t", "UpgradeRetriesExhausted", "m"});
  status.conditions.push_back({ConditionType::DependenciesReady, ConditionStatus::False, "t", "t", "DependencyCycle", "c"});
  status.conditions.push_back({ConditionType::Suspended, ConditionStatus::True, "t", "t", "Suspended", "s"});
  const json written = statusToJson(status);
  EXPECT_EQ(written["lastHandledForceAt"], "f");
  EXPECT_EQ(written["upgradeFailures"], 2);
  EXPECT_EQ(written["conditions"][0]["type"], "Stalled");
  Result<HelmReleaseStatus> read = parseHelmReleaseStatus(written);
  ASSERT_TRUE(read) << read.error().message;
  EXPECT_EQ(*read, status);
}

TEST(ControlFields, ReleasedTrueClearsStalledAndFailureCounts) {
  HelmRelease release;
  release.name = "web";
  release.status.installFailures = 2;
  release.status.upgradeFailures = 1;
  setCondition(release.status, {ConditionType::Stalled, ConditionStatus::True, "t", "t", "InstallRetriesExhausted", ""});
  setPhase(release, Phase::Succeeded, "now");
  EXPECT_EQ(findCondition(release.status, ConditionType::Stalled), nullptr);
  EXPECT_EQ(release.status.installFailures, 0);
  EXPECT_EQ(release.status.upgradeFailures, 0);
}

TEST(ControlFields, DependencyKeysDefaultToTheObjectsNamespace) {
  EXPECT_EQ(dependencyKeys(object({{"dependsOn", json::array({{{"name", "db"}}, {{"name", "mq"}, {"namespace", "infra"}}})}})),
            (std::vector<std::string>{"apps/db", "infra/mq"}));
  EXPECT_TRUE(dependencyKeys(object(json::object())).empty());
  EXPECT_TRUE(dependencyKeys(json::array()).empty());
}

TEST(ControlFields, ADependencyIsReadyWhenReleasedAtItsGeneration) {
  json dependency = object(json::object());
  EXPECT_FALSE(isReleasedAtGeneration(dependency));
  dependency["status"] = {{"phase", "Succeeded"},
                          {"observedGeneration", 2},
                          {"conditions", json::array({{{"type", "Released"}, {"status", "True"}}})}};
  EXPECT_TRUE(isReleasedAtGeneration(dependency));
  dependency["metadata"]["generation"] = 3;  // a spec change not released yet
  EXPECT_FALSE(isReleasedAtGeneration(dependency));
  dependency["status"]["observedGeneration"] = 3;
  dependency["status"]["phase"] = "Upgrading";  // mid-way through it
  EXPECT_FALSE(isReleasedAtGeneration(dependency));
  Result<HelmRelease> parsed = parseHelmRelease(dependency);
  ASSERT_TRUE(parsed);
  EXPECT_EQ(whyNotReleased(*parsed), "its phase is Upgrading");
}

}  // namespace
}  // namespace ho::controller
