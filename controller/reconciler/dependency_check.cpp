// checkDependencies: a walk of the dependsOn graph through the API server.
#include "controller/reconciler/dependency_check.h"

#include <algorithm>
#include <map>
#include <optional>

#include "controller/reconciler/helm_release_object.h"

namespace ho::controller {
namespace {

// HelmRelease API objects read during one check, by key (nullopt = absent).
class HelmReleaseReader {
 public:
  explicit HelmReleaseReader(kube::client::RestClient& client) : client_(client) {}

  Result<const std::optional<nlohmann::json>*> read(const std::string& key) {
    if (const auto known = objects_.find(key); known != objects_.end()) return &known->second;
    const size_t slash = key.find('/');
    auto fetched = client_.get(
        kube::client::resourcePath(helmReleaseResource(), key.substr(0, slash), key.substr(slash + 1)));
    if (!fetched && !fetched.error().isNotFound()) return Error{"reading HelmRelease " + key + ": " + fetched.error().message};
    std::optional<nlohmann::json> object;
    if (fetched) object = std::move(fetched).value();
    return &objects_.emplace(key, std::move(object)).first->second;
  }

 private:
  kube::client::RestClient& client_;
  std::map<std::string, std::optional<nlohmann::json>> objects_;
};

// A dependsOn path from `from` back to `target` (both included), or an empty list.
Result<std::vector<std::string>> pathBack(HelmReleaseReader& reader, const std::string& from, const std::string& target,
                                          std::vector<std::string>& visited) {
  if (std::find(visited.begin(), visited.end(), from) != visited.end()) return std::vector<std::string>{};
  visited.push_back(from);
  auto object = reader.read(from);
  if (!object) return object.error();
  if (!**object) return std::vector<std::string>{};
  for (const std::string& next : dependencyKeys(***object)) {
    if (next == target) return std::vector<std::string>{from, target};
    auto rest = pathBack(reader, next, target, visited);
    if (!rest) return rest.error();
    if (!rest->empty()) {
      rest->insert(rest->begin(), from);
      return rest;
    }
  }
  return std::vector<std::string>{};
}

std::string joined(const std::vector<std::string>& parts, const std::string& separator) {
  std::string text;
  for (const std::string& part : parts) text += (text.empty() ? "" : separator) + part;
  return text;
}

}  // namespace

std::vector<std::string> dependencyKeys(const nlohmann::json& helmRelease) {
  std::vector<std::string> keys;
  if (!helmRelease.is_object()) return keys;
  const auto metadata = helmRelease.find("metadata");
  const std::string own =
      metadata != helmRelease.end() && metadata->is_object() ? metadata->value("namespace", "default") : "default";
  const auto spec = helmRelease.find("spec");
  if (spec == helmRelease.end() || !spec->is_object()) return keys;
  const auto dependsOn = spec->find("dependsOn");
  if (dependsOn == spec->end() || !dependsOn->is_array()) return keys;
  for (const nlohmann::json& entry : *dependsOn) {
    if (!entry.is_object() || !entry.value("name", nlohmann::json()).is_string()) continue;
    const nlohmann::json ns = entry.value("namespace", nlohmann::json());
    const std::string dependencyNamespace = ns.is_string() && !ns.get<std::string>().empty() ? ns.get<std::string>() : own;
    keys.push_back(dependencyNamespace + "/" + entry["name"].get<std::string>());
  }
  return keys;
}

std::string whyNotReleased(const HelmRelease& dependency) {
  const HelmReleaseStatus& status = dependency.status;
  const HelmReleaseCondition* released = findCondition(status, ConditionType::Released);
  if (released == nullptr) return "it has not been released yet";
  if (released->status != ConditionStatus::True) return "Released is " + std::string(conditionStatusName(released->status));
  if (status.observedGeneration != dependency.generation) {
    return "generation " + std::to_string(dependency.generation) + " is not released yet";
  }
  if (status.phase != Phase::Succeeded) {
    return "its phase is " + std::string(status.phase ? phaseName(*status.phase) : "unset");
  }
  return {};
}

bool isReleasedAtGeneration(const nlohmann::json& helmRelease) {
  const Result<HelmRelease> parsed = parseHelmRelease(helmRelease);
  return parsed && whyNotReleased(*parsed).empty();
}

Result<DependencyState> checkDependencies(kube::client::RestClient& client, const HelmRelease& release) {
  HelmReleaseReader reader(client);
  std::vector<std::string> direct;
  for (const DependencyReference& dependency : release.spec.dependsOn) {
    direct.push_back((dependency.namespace_.empty() ? release.namespaceOrDefault() : dependency.namespace_) + "/" +
                     dependency.name);
  }
  const std::string self = release.key();
  std::vector<std::string> visited;
  for (const std::string& dependency : direct) {
    auto cycle = dependency == self ? Result<std::vector<std::string>>(std::vector<std::string>{self})
                                    : pathBack(reader, dependency, self, visited);
    if (!cycle) return cycle.error();
    if (!cycle->empty()) {
      cycle->insert(cycle->begin(), self);
      return DependencyState{false, std::string(kDependencyCycleReason),
                             "dependency cycle: " + joined(*cycle, " -> ") + "; not installed or upgraded until it is broken"};
    }
  }
  std::vector<std::string> waiting;
  for (const std::string& dependency : direct) {
    auto object = reader.read(dependency);
    if (!object) return object.error();
    std::string why;
    if (!**object) {
      why = "it does not exist";
    } else if (Result<HelmRelease> parsed = parseHelmRelease(***object); !parsed) {
      why = "its spec is invalid";
    } else {
      why = whyNotReleased(*parsed);
    }
    if (!why.empty()) waiting.push_back("dependency " + dependency + " is not ready: " + why);
  }
  if (!waiting.empty()) return DependencyState{false, std::string(kDependencyNotReadyReason), joined(waiting, "; ")};
  return DependencyState{true, std::string(kDependenciesReadyReason), "dependencies are released: " + joined(direct, ", ")};
}

}  // namespace ho::controller
