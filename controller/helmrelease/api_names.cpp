// Flux v1's spellings of phases, condition types and condition statuses.
#include "controller/helmrelease/api_names.h"

#include <array>
#include <utility>

namespace ho::controller {
namespace {

constexpr std::array kPhaseNames = {
    std::pair{Phase::ChartFetched, std::string_view("ChartFetched")},
    std::pair{Phase::ChartFetchFailed, std::string_view("ChartFetchFailed")},
    std::pair{Phase::Installing, std::string_view("Installing")},
    std::pair{Phase::Upgrading, std::string_view("Upgrading")},
    std::pair{Phase::Deployed, std::string_view("Deployed")},
    std::pair{Phase::DeployFailed, std::string_view("DeployFailed")},
    std::pair{Phase::Testing, std::string_view("Testing")},
    std::pair{Phase::TestFailed, std::string_view("TestFailed")},
    std::pair{Phase::Tested, std::string_view("Tested")},
    std::pair{Phase::Succeeded, std::string_view("Succeeded")},
    std::pair{Phase::Failed, std::string_view("Failed")},
    std::pair{Phase::RollingBack, std::string_view("RollingBack")},
    std::pair{Phase::RolledBack, std::string_view("RolledBack")},
    std::pair{Phase::RollbackFailed, std::string_view("RollbackFailed")},
};

constexpr std::array kConditionTypeNames = {
    std::pair{ConditionType::ChartFetched, std::string_view("ChartFetched")},
    std::pair{ConditionType::Deployed, std::string_view("Deployed")},
    std::pair{ConditionType::Released, std::string_view("Released")},
    std::pair{ConditionType::RolledBack, std::string_view("RolledBack")},
    std::pair{ConditionType::Tested, std::string_view("Tested")},
    std::pair{ConditionType::Stalled, std::string_view("Stalled")},
    std::pair{ConditionType::Suspended, std::string_view("Suspended")},
    std::pair{ConditionType::DependenciesReady, std::string_view("DependenciesReady")},
    std::pair{ConditionType::Drifted, std::string_view("Drifted")},
};

constexpr std::array kConditionStatusNames = {
    std::pair{ConditionStatus::True, std::string_view("True")},
    std::pair{ConditionStatus::False, std::string_view("False")},
    std::pair{ConditionStatus::Unknown, std::string_view("Unknown")},
};

template <class Enum, std::size_t N>
std::string_view nameOf(const std::array<std::pair<Enum, std::string_view>, N>& table, Enum value) {
  for (const auto& [candidate, name] : table) {
    if (candidate == value) return name;
  }
  return {};
}

template <class Enum, std::size_t N>
std::optional<Enum> valueNamed(const std::array<std::pair<Enum, std::string_view>, N>& table,
                               std::string_view name) {
  for (const auto& [value, candidate] : table) {
    if (candidate == name) return value;
  }
  return std::nullopt;
}

}  // namespace

std::string_view phaseName(Phase phase) { return nameOf(kPhaseNames, phase); }
std::string_view conditionTypeName(ConditionType type) { return nameOf(kConditionTypeNames, type); }
std::string_view conditionStatusName(ConditionStatus status) { return nameOf(kConditionStatusNames, status); }

std::optional<Phase> phaseFromName(std::string_view name) { return valueNamed(kPhaseNames, name); }
std::optional<ConditionType> conditionTypeFromName(std::string_view name) {
  return valueNamed(kConditionTypeNames, name);
}
std::optional<ConditionStatus> conditionStatusFromName(std::string_view name) {
  return valueNamed(kConditionStatusNames, name);
}

std::vector<ConditionType> allConditionTypes() {
  std::vector<ConditionType> types;
  for (const auto& entry : kConditionTypeNames) types.push_back(entry.first);
  return types;
}

}  // namespace ho::controller
