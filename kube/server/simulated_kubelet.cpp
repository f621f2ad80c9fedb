// The simulated kubelet: Pod statuses per phase and the walk to a Pod's settled phase.
#include "kube/server/simulated_kubelet.h"

#include <algorithm>
#include <cstdint>
#include <vector>

#include "kube/server/timestamps.h"

namespace ho::kube {
namespace {

using nlohmann::json;

const char* phaseName(PodPhase phase) {
  switch (phase) {
    case PodPhase::Pending: return "Pending";
    case PodPhase::Running: return "Running";
    case PodPhase::Succeeded: return "Succeeded";
    case PodPhase::Failed: return "Failed";
  }
  return "Pending";
}

json podCondition(const char* type, bool status, const std::string& now, const char* reason = nullptr,
                  const std::string& message = "") {
  json condition = {{"type", type}, {"status", status ? "True" : "False"}, {"lastProbeTime", nullptr},
                    {"lastTransitionTime", now}};
  if (reason) condition["reason"] = reason;
  if (!message.empty()) condition["message"] = message;
  return condition;
}

json containerStatus(const json& container, const json& state, bool ready) {
  return {{"name", container.value("name", "")},
          {"image", container.value("image", "")},
          {"imageID", ""},
          {"lastState", json::object()},
          {"ready", ready},
          {"started", ready},
          {"restartCount", 0},
          {"state", state}};
}

json terminatedState(const json& container, const std::string& now) {
  const int exitCode = simulatedExitCode(container);
  return {{"terminated",
           {{"exitCode", exitCode}, {"reason", exitCode == 0 ? "Completed" : "Error"}, {"startedAt", now}, {"finishedAt", now}}}};
}

// The container's command line: command, then args.
std::vector<std::string> commandLine(const json& container) {
  std::vector<std::string> words;
  for (const char* part : {"command", "args"}) {
    const json list = container.value(part, json::array());
    if (!list.is_array()) continue;
    for (const json& word : list) {
      if (word.is_string()) words.push_back(word.get<std::string>());
    }
  }
  return words;
}

// N of a shell script "exit N" (surrounding blanks allowed), 0 otherwise.
int scriptExitCode(const std::string& script) {
  const size_t start = script.find_first_not_of(" \t\n");
  if (start == std::string::npos || script.compare(start, 5, "exit ") != 0) return 0;
  const size_t digits = script.find_first_not_of(' ', start + 5);
  if (digits == std::string::npos) return 0;
  const size_t end = std::min(script.find_first_not_of("0123456789", digits), script.size());
  if (end == digits || script.find_first_not_of(" \t\n", end) != std::string::npos || end - digits > 3) return 0;
  return std::stoi(script.substr(digits, end - digits)) % 256;
}

// "containers with unready status: [a b]", as the kubelet lists them.
std::string unreadyMessage(const json& containers) {
  std::string names;
  for (const json& container : containers) {
    if (container.is_object()) names += (names.empty() ? "" : " ") + container.value("name", "");
  }
  return "containers with unready status: [" + names + "]";
}

// A stable Pod IP in the simulated node's Pod CIDR (10.244.0.0/24).
std::string podIp(const std::string& podName) {
  uint32_t hash = 2166136261U;
  for (unsigned char c : podName) {
    hash ^= c;
    hash *= 16777619U;
  }
  return "10.244.0." + std::to_string(2 + hash % 250);
}

const json& absentStatus() {
  static const json kEmpty = json::object();
  return kEmpty;
}

bool hasResources(const json& container, const char* kind) {
  const json resources = container.value("resources", json::object());
  if (!resources.is_object()) return false;
  const auto found = resources.find(kind);
  return found != resources.end() && found->is_object() && !found->empty();
}

}  // namespace

int simulatedExitCode(const json& container) {
  if (!container.is_object()) return 0;
  const std::vector<std::string> words = commandLine(container);
  if (words.size() == 1 && (words[0] == "false" || words[0] == "/bin/false")) return 1;
  const bool shell = words.size() == 3 && words[1] == "-c" && words[0].size() >= 2 &&
                     words[0].compare(words[0].size() - 2, 2, "sh") == 0;
  return shell ? scriptExitCode(words[2]) : 0;
}

PodPhase settledPhase(const json& podSpec) {
  const std::string policy = podSpec.value("restartPolicy", "Always");
  if (policy != "Never" && policy != "OnFailure") return PodPhase::Running;
  if (policy == "Never") {
    for (const json& container : podSpec.value("containers", json::array())) {
      if (simulatedExitCode(container) != 0) return PodPhase::Failed;
    }
  }
  return PodPhase::Succeeded;
}

std::string qosClassOf(const json& podSpec) {
  bool anyResources = false;
  bool guaranteed = true;
  for (const char* list : {"initContainers", "containers"}) {
    for (const json& container : podSpec.value(list, json::array())) {
      if (!container.is_object()) continue;
      anyResources = anyResources || hasResources(container, "requests") || hasResources(container, "limits");
      const json resources = container.value("resources", json::object());
      const json limits = resources.is_object() ? resources.value("limits", json::object()) : json::object();
      const json requests = resources.is_object() ? resources.value("requests", json::object()) : json::object();
      for (const char* resource : {"cpu", "memory"}) {
        const bool limited = limits.is_object() && limits.contains(resource);
        const bool requested = requests.is_object() && requests.contains(resource);
        const bool matching = !requested || (limited && requests[resource] == limits[resource]);
        guaranteed = guaranteed && limited && matching;
      }
    }
  }
  if (!anyResources) return "BestEffort";
  return guaranteed ? "Guaranteed" : "Burstable";
}

json kubeletPodStatus(const json& podSpec, const std::string& podName, PodPhase phase) {
  const std::string now = formatTimestamp(Clock::now());
  const json containers = podSpec.value("containers", json::array());
  const bool running = phase == PodPhase::Running;
  const bool succeeded = phase == PodPhase::Succeeded;
  const bool ended = succeeded || phase == PodPhase::Failed;
  json statuses = json::array();
  for (const json& container : containers) {
    if (!container.is_object()) continue;
    const json state = running     ? json{{"running", {{"startedAt", now}}}}
                       : ended   ? terminatedState(container, now)
                                   : json{{"waiting", {{"reason", "ContainerCreating"}}}};
    statuses.push_back(containerStatus(container, state, running));
  }
  json initStatuses = json::array();
  for (const json& container : podSpec.value("initContainers", json::array())) {
    if (!container.is_object()) continue;
    initStatuses.push_back(containerStatus(container, terminatedState(json::object(), now), false));
  }
  const char* completed = ended ? "PodCompleted" : nullptr;
  const std::string unready = running || ended ? "" : unreadyMessage(containers);
  const char* notReady = succeeded ? "PodCompleted" : ended ? "PodFailed" : "ContainersNotReady";
  json status = {
      {"phase", phaseName(phase)},
      {"conditions",
       {podCondition("PodReadyToStartContainers", !ended, now),
        podCondition("Initialized", true, now, completed),
        running ? podCondition("Ready", true, now) : podCondition("Ready", false, now, notReady, unready),
        running ? podCondition("ContainersReady", true, now)
                : podCondition("ContainersReady", false, now, notReady, unready),
        podCondition("PodScheduled", true, now)}},
      {"containerStatuses", statuses},
      {"hostIP", "127.0.0.1"},
      {"hostIPs", {{{"ip", "127.0.0.1"}}}},
      {"startTime", now},
      {"qosClass", qosClassOf(podSpec)}};
  if (!initStatuses.empty()) status["initContainerStatuses"] = initStatuses;
  if (phase != PodPhase::Pending) {
    status["podIP"] = podIp(podName);
    status["podIPs"] = {{{"ip", podIp(podName)}}};
  }
  return status;
}

void runPod(ObjectStore& store, const json& pod, const std::string& nodeName) {
  const json& metadata = pod["metadata"];
  if (metadata.contains("deletionTimestamp") || !pod.contains("spec") || !pod["spec"].is_object()) return;
  const PodPhase settled = settledPhase(pod["spec"]);
  const json& status = pod.contains("status") && pod["status"].is_object() ? pod["status"] : absentStatus();
  const std::string current = status.value("phase", "");
  if (current == phaseName(settled) || current == "Succeeded" || current == "Failed") return;
  std::vector<PodPhase> steps;
  if (current != "Running") steps = {PodPhase::Pending, PodPhase::Running};
  if (settled != PodPhase::Running) steps.push_back(settled);
  const std::string name = metadata.value("name", "");
  const ObjectKey key{"pods", metadata.value("namespace", ""), name};
  for (const PodPhase step : steps) {
    const auto written = store.update(key, [&](const json* live) -> ApiResult<json> {
      json next = *live;
      if (!next["spec"].is_object()) return badRequest("the Pod has no spec");
      if (next["spec"].value("nodeName", "").empty()) next["spec"]["nodeName"] = nodeName;
      json status = kubeletPodStatus(next["spec"], name, step);
      if (next["status"].is_object() && next["status"].contains("startTime")) status["startTime"] = next["status"]["startTime"];
      next["status"] = std::move(status);
      next["metadata"].erase("resourceVersion");
      return next;
    });
    if (!written.ok()) return;
  }
}

}  // namespace ho::kube
