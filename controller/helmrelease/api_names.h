// The names Flux v1 writes into a HelmRelease's status: phases, condition
// types and condition statuses, spelled exactly as helm.fluxcd.io/v1 does
// (a condition's reason is the name of the phase that wrote it).
#pragma once

#include <cstdint>
#include <optional>
#include <string_view>
#include <vector>

namespace ho::controller {

inline constexpr std::string_view kHelmReleaseApiVersion = "helm.fluxcd.io/v1";
inline constexpr std::string_view kHelmReleaseKind = "HelmRelease";

enum class Phase : std::uint8_t {
  ChartFetched,
  ChartFetchFailed,
  Installing,
  Upgrading,
  Deployed,
  DeployFailed,
  Testing,
  TestFailed,
  Tested,
  Succeeded,
  Failed,
  RollingBack,
  RolledBack,
  RollbackFailed,
};

// The first five are Flux v1's; Stalled, Suspended, DependenciesReady and
// Drifted are additions (issue 13), written only for HelmReleases using those features.
enum class ConditionType : std::uint8_t {
  ChartFetched,
  Deployed,
  Released,
  RolledBack,
  Tested,
  Stalled,
  Suspended,
  DependenciesReady,
  Drifted,
};

enum class ConditionStatus : std::uint8_t { True, False, Unknown };

std::string_view phaseName(Phase phase);
std::string_view conditionTypeName(ConditionType type);
std::string_view conditionStatusName(ConditionStatus status);

// nullopt for a name Flux v1 never writes.
std::optional<Phase> phaseFromName(std::string_view name);
std::optional<ConditionType> conditionTypeFromName(std::string_view name);
std::optional<ConditionStatus> conditionStatusFromName(std::string_view name);

// Every condition type this file names (for whoever must cover them all, e.g. metrics).
std::vector<ConditionType> allConditionTypes();

}  // namespace ho::controller
