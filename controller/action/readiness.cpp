// Readiness rules per kind, and the polling loop.
#include "controller/action/readiness.h"

#include <cmath>
#include <thread>

namespace ho::controller {

namespace {

using nlohmann::json;

long long number(const json& object, std::initializer_list<const char*> path, long long fallback = 0) {
  const json* at = &object;
  for (const char* key : path) {
    if (!at->is_object() || !at->contains(key)) return fallback;
    at = &(*at)[key];
  }
  return at->is_number() ? at->get<long long>() : fallback;
}

std::string text(const json& object, std::initializer_list<const char*> path) {
  const json* at = &object;
  for (const char* key : path) {
    if (!at->is_object() || !at->contains(key)) return "";
    at = &(*at)[key];
  }
  return at->is_string() ? at->get<std::string>() : "";
}

// intstr maxUnavailable: a count, or a percentage of `replicas` rounded down.
long long maxUnavailable(const json& strategy, long long replicas, long long fallback) {
  if (!strategy.is_object() || !strategy.contains("maxUnavailable")) return fallback;
  const json& value = strategy["maxUnavailable"];
  if (value.is_number()) return value.get<long long>();
  if (value.is_string()) {
    const std::string percent = value.get<std::string>();
    if (!percent.empty() && percent.back() == '%') {
      return static_cast<long long>(std::floor(replicas * std::stod(percent.substr(0, percent.size() - 1)) / 100.0));
    }
  }
  return fallback;
}

bool rolledOut(const json& live) {
  return number(live, {"status", "observedGeneration"}) >= number(live, {"metadata", "generation"}, 1);
}

bool deploymentReady(const json& live) {
  if (live["spec"].value("paused", false)) return true;
  const long long replicas = number(live, {"spec", "replicas"}, 1);
  const json strategy = live["spec"].value("strategy", json::object()).value("rollingUpdate", json::object());
  const long long expected = replicas - maxUnavailable(strategy, replicas, static_cast<long long>(replicas / 4));
  return rolledOut(live) && number(live, {"status", "updatedReplicas"}) >= replicas &&
         number(live, {"status", "availableReplicas"}) >= expected;
}

bool statefulSetReady(const json& live) {
  const long long replicas = number(live, {"spec", "replicas"}, 1);
  const long long partition = number(live, {"spec", "updateStrategy", "rollingUpdate", "partition"});
  return rolledOut(live) && number(live, {"status", "updatedReplicas"}) >= replicas - partition &&
         number(live, {"status", "readyReplicas"}) >= replicas;
}

bool daemonSetReady(const json& live) {
  const long long desired = number(live, {"status", "desiredNumberScheduled"});
  const json strategy = live["spec"].value("updateStrategy", json::object()).value("rollingUpdate", json::object());
  return rolledOut(live) && number(live, {"status", "updatedNumberScheduled"}) >= desired &&
         number(live, {"status", "numberReady"}) >= desired - maxUnavailable(strategy, desired, 1);
}

bool podReady(const json& live) {
  for (const auto& condition : live["status"].value("conditions", json::array())) {
    if (condition.value("type", "") == "Ready") return condition.value("status", "") == "True";
  }
  return false;
}

bool serviceReady(const json& live) {
  const std::string type = text(live, {"spec", "type"});
  if (type == "ExternalName") return true;
  if (text(live, {"spec", "clusterIP"}).empty()) return false;
  if (type != "LoadBalancer") return true;
  if (!live["spec"].value("externalIPs", json::array()).empty()) return true;
  return !live["status"].value("loadBalancer", json::object()).value("ingress", json::array()).empty();
}

bool jobComplete(const json& live) {
  return number(live, {"status", "succeeded"}) >= number(live, {"spec", "completions"}, 1);
}

}  // namespace

bool isReady(const nlohmann::json& live, bool waitForJobs) {
  if (!live.is_object()) return false;
  json object = live;
  if (!object["spec"].is_object()) object["spec"] = json::object();
  if (!object["status"].is_object()) object["status"] = json::object();
  const std::string kind = object.value("kind", "");
  if (kind == "Deployment") return deploymentReady(object);
  if (kind == "StatefulSet") return statefulSetReady(object);
  if (kind == "DaemonSet") return daemonSetReady(object);
  if (kind == "Pod") return podReady(object);
  if (kind == "PersistentVolumeClaim") return text(object, {"status", "phase"}) == "Bound";
  if (kind == "Service") return serviceReady(object);
  if (kind == "Job") return !waitForJobs || jobComplete(object);
  return true;
}

Result<void> waitForReady(kube::client::RestClient& client, const std::vector<ManifestObject>& objects,
                          const WaitOptions& options) {
  const auto deadline = std::chrono::steady_clock::now() + options.timeout;
  size_t next = 0;  // objects before `next` were ready once; helm does not re-check them either
  for (;;) {
    while (next < objects.size()) {
      auto live = client.get(objects[next].path());
      if (!live || !isReady(*live, options.waitForJobs)) break;
      ++next;
    }
    if (next == objects.size()) return {};
    if (std::chrono::steady_clock::now() + options.pollInterval > deadline) return Error{"context deadline exceeded"};
    std::this_thread::sleep_for(options.pollInterval);
  }
}

}  // namespace ho::controller
