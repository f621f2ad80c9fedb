// HelmRelease status: JSON form, phases and the conditions they write, and
// Flux v1's rules for transition times and rollback counting.
#include <gtest/gtest.h>

#include "controller/helmrelease/phase_conditions.h"

namespace ho::controller {
namespace {

constexpr const char* kT1 = "2024-05-01T10:00:00Z";
constexpr const char* kT2 = "2024-05-01T10:05:00Z";
constexpr const char* kT3 = "2024-05-01T10:09:00Z";

HelmRelease podinfo() {
  HelmRelease release;
  release.name = "podinfo";
  release.namespace_ = "apps";
  return release;
}

TEST(HelmReleaseStatus, EmptyStatusSerialisesToAnEmptyObject) {
  EXPECT_EQ(statusToJson(HelmReleaseStatus{}).dump(), "{}");
}

TEST(HelmReleaseStatus, JsonRoundTrip) {
  HelmReleaseStatus status;
  status.observedGeneration = 4;
  status.phase = Phase::RolledBack;
  status.releaseName = "apps-podinfo";
  status.releaseStatus = "deployed";
  status.revision = "6.5.0";
  status.lastAttemptedRevision = "6.5.1";
  status.rollbackCount = 1;
  status.conditions.push_back({ConditionType::RolledBack, ConditionStatus::True, kT2, kT1, "RolledBack",
                               "Rolled back Helm release 'apps-podinfo' in 'apps'."});
  const nlohmann::json json = statusToJson(status);
  EXPECT_EQ(json.dump(),
            R"({"conditions":[{"lastTransitionTime":"2024-05-01T10:00:00Z","lastUpdateTime":"2024-05-01T10:05:00Z",)"
            R"("message":"Rolled back Helm release 'apps-podinfo' in 'apps'.","reason":"RolledBack",)"
            R"("status":"True","type":"RolledBack"}],"lastAttemptedRevision":"6.5.1","observedGeneration":4,)"
            R"("phase":"RolledBack","releaseName":"apps-podinfo","releaseStatus":"deployed","revision":"6.5.0",)"
            R"("rollbackCount":1})");
  Result<HelmReleaseStatus> parsed = parseHelmReleaseStatus(json);
  ASSERT_TRUE(parsed.ok()) << parsed.error().message;
  EXPECT_EQ(parsed.value(), status);
}

TEST(HelmReleaseStatus, ConditionErrorsNameTheField) {
  auto errorOf = [](const char* text) {
    Result<HelmReleaseStatus> parsed = parseHelmReleaseStatus(nlohmann::json::parse(text));
    return parsed.ok() ? std::string() : parsed.error().message;
  };
  EXPECT_EQ(errorOf(R"({"conditions":[{"type":"Released","status":"True"},{"type":"Ready","status":"True"}]})"),
            R"(status.conditions[1].type: unknown condition type "Ready")");
  EXPECT_EQ(errorOf(R"({"conditions":[{"type":"Released","status":"yes"}]})"),
            R"(status.conditions[0].status: expected one of True, False or Unknown, got "yes")");
  EXPECT_EQ(errorOf(R"({"conditions":[{"status":"True"}]})"), "status.conditions[0].type: required");
  EXPECT_EQ(errorOf(R"("Succeeded")"), R"(status: expected an object, got "Succeeded")");
}

TEST(HelmReleaseStatus, NamesAreSpelledAsFluxV1WritesThem) {
  EXPECT_EQ(phaseName(Phase::ChartFetchFailed), "ChartFetchFailed");
  EXPECT_EQ(phaseName(Phase::RollbackFailed), "RollbackFailed");
  EXPECT_EQ(conditionTypeName(ConditionType::RolledBack), "RolledBack");
  EXPECT_EQ(conditionStatusName(ConditionStatus::Unknown), "Unknown");
  EXPECT_EQ(phaseFromName("DeployFailed"), Phase::DeployFailed);
  EXPECT_EQ(phaseFromName("Migrating"), std::nullopt);
  EXPECT_EQ(conditionTypeFromName("Tested"), ConditionType::Tested);
  EXPECT_EQ(conditionStatusFromName("true"), std::nullopt);
}

struct PhaseCase {
  Phase phase;
  std::vector<std::pair<ConditionType, ConditionStatus>> written;
  std::string message;
};

TEST(PhaseConditions, EachPhaseWritesFluxV1sConditionsAndMessages) {
  using enum ConditionType;
  using enum ConditionStatus;
  const std::vector<PhaseCase> cases = {
      {Phase::ChartFetched, {{ChartFetched, True}}, "Chart fetch was successful for Helm release 'apps-podinfo' in 'apps'."},
      {Phase::ChartFetchFailed, {{ChartFetched, False}, {Released, False}}, "Chart fetch failed for Helm release 'apps-podinfo' in 'apps'."},
      {Phase::Installing, {{Deployed, Unknown}}, "Running installation for Helm release 'apps-podinfo' in 'apps'."},
      {Phase::Upgrading, {{Deployed, Unknown}}, "Running upgrade for Helm release 'apps-podinfo' in 'apps'."},
      {Phase::Deployed, {{Deployed, True}}, "Installation or upgrade succeeded for Helm release 'apps-podinfo' in 'apps'."},
      {Phase::DeployFailed, {{Deployed, False}, {Released, False}}, "Installation or upgrade failed for Helm release 'apps-podinfo' in 'apps'."},
      {Phase::Testing, {{Tested, Unknown}}, "Testing Helm release 'apps-podinfo' in 'apps'."},
      {Phase::Tested, {{Tested, True}}, "Tested Helm release 'apps-podinfo' in 'apps'."},
      {Phase::TestFailed, {{Tested, False}, {Released, False}}, "Test failed for Helm release 'apps-podinfo' in 'apps'."},
      {Phase::Succeeded, {{Released, True}}, "Release was successful for Helm release 'apps-podinfo' in 'apps'."},
      {Phase::Failed, {{Released, False}}, "Release failed for Helm release 'apps-podinfo' in 'apps'."},
      {Phase::RollingBack, {{RolledBack, Unknown}}, "Rolling back Helm release 'apps-podinfo' in 'apps'."},
      {Phase::RolledBack, {{RolledBack, True}}, "Rolled back Helm release 'apps-podinfo' in 'apps'."},
      {Phase::RollbackFailed, {{RolledBack, False}}, "Rollback failed for Helm release 'apps-podinfo' in 'apps'."},
  };
  for (const PhaseCase& test : cases) {
    SCOPED_TRACE(phaseName(test.phase));
    const std::vector<HelmReleaseCondition> conditions = conditionsForPhase(podinfo(), test.phase, kT1);
    ASSERT_EQ(conditions.size(), test.written.size());
    for (std::size_t i = 0; i < conditions.size(); ++i) {
      EXPECT_EQ(conditions[i].type, test.written[i].first);
      EXPECT_EQ(conditions[i].status, test.written[i].second);
      EXPECT_EQ(conditions[i].reason, phaseName(test.phase));
      EXPECT_EQ(conditions[i].message, test.message);
      EXPECT_EQ(conditions[i].lastUpdateTime, kT1);
      EXPECT_EQ(conditions[i].lastTransitionTime, kT1);
    }
  }
}

TEST(PhaseConditions, IgnoredTestFailuresLeaveReleasedAlone) {
  HelmRelease release = podinfo();
  release.spec.test.ignoreFailures = true;
  const std::vector<HelmReleaseCondition> conditions = conditionsForPhase(release, Phase::TestFailed, kT1);
  ASSERT_EQ(conditions.size(), 1U);
  EXPECT_EQ(conditions[0].type, ConditionType::Tested);
}

TEST(PhaseConditions, MessagesUseTheReleaseNameAndTargetNamespace) {
  HelmRelease release = podinfo();
  release.spec.targetNamespace = "prod";
  EXPECT_EQ(conditionsForPhase(release, Phase::Succeeded, kT1)[0].message,
            "Release was successful for Helm release 'apps-prod-podinfo' in 'prod'.");
}

TEST(PhaseConditions, TransitionTimeIsKeptWhileTheStatusDoesNotChange) {
  HelmRelease release = podinfo();
  setPhase(release, Phase::Succeeded, kT1);
  setPhase(release, Phase::Succeeded, kT2);
  const HelmReleaseCondition* released = findCondition(release.status, ConditionType::Released);
  ASSERT_NE(released, nullptr);
  EXPECT_EQ(released->lastTransitionTime, kT1);
  EXPECT_EQ(released->lastUpdateTime, kT2);

  setPhase(release, Phase::Failed, kT3);
  released = findCondition(release.status, ConditionType::Released);
  EXPECT_EQ(released->status, ConditionStatus::False);
  EXPECT_EQ(released->lastTransitionTime, kT3);
  EXPECT_EQ(release.status.phase, Phase::Failed);
  EXPECT_EQ(release.status.conditions.size(), 1U);
}

TEST(PhaseConditions, UpdatedConditionsMoveToTheEndOfTheList) {
  HelmRelease release = podinfo();
  setPhase(release, Phase::Installing, kT1);
  setPhase(release, Phase::Succeeded, kT1);
  setPhase(release, Phase::Deployed, kT2);
  ASSERT_EQ(release.status.conditions.size(), 2U);
  EXPECT_EQ(release.status.conditions[0].type, ConditionType::Released);
  EXPECT_EQ(release.status.conditions[1].type, ConditionType::Deployed);
  EXPECT_EQ(release.status.conditions[1].status, ConditionStatus::True);
}

TEST(PhaseConditions, RollbacksAreCountedAndClearedBySuccess) {
  HelmRelease release = podinfo();
  setPhase(release, Phase::RolledBack, kT1);
  setPhase(release, Phase::RollingBack, kT2);
  setPhase(release, Phase::RolledBack, kT2);
  EXPECT_EQ(release.status.rollbackCount, 2);
  ASSERT_NE(findCondition(release.status, ConditionType::RolledBack), nullptr);

  setPhase(release, Phase::Succeeded, kT3);
  EXPECT_EQ(release.status.rollbackCount, 0);
  EXPECT_EQ(findCondition(release.status, ConditionType::RolledBack), nullptr);
}

TEST(PhaseConditions, RevisionsAreRecordedForAttemptsAndSuccesses) {
  HelmRelease release = podinfo();
  setPhaseWithRevision(release, Phase::Upgrading, kT1, "6.5.1");
  EXPECT_EQ(release.status.lastAttemptedRevision, "6.5.1");
  EXPECT_EQ(release.status.revision, "");
  setPhaseWithRevision(release, Phase::Deployed, kT1, "6.5.1");
  EXPECT_EQ(release.status.revision, "");
  setPhaseWithRevision(release, Phase::Succeeded, kT2, "6.5.1");
  EXPECT_EQ(release.status.revision, "6.5.1");
  EXPECT_EQ(release.status.phase, Phase::Succeeded);
}

}  // namespace
}  // namespace ho::controller
