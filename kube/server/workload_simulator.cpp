// Simulated workload controllers.
#include "kube/server/workload_simulator.h"

#include <algorithm>
#include <cstdint>
#include <vector>

#include "kube/server/timestamps.h"

namespace ho::kube {
namespace {

using nlohmann::json;

const std::string kReplicaSets = "replicasets.apps";
const std::string kDeployments = "deployments.apps";
const std::string kRevisionAnnotation = "deployment.kubernetes.io/revision";

int64_t replicasOf(const json& object) {
  const json replicas = object.value("spec", json::object()).value("replicas", json(1));
  return replicas.is_number() ? replicas.get<int64_t>() : 1;
}

std::string metadataString(const json& object, const char* field) { return object["metadata"].value(field, ""); }

json ownerReference(const json& owner, const std::string& kind) {
  return {{"apiVersion", "apps/v1"},          {"kind", kind},
          {"name", metadataString(owner, "name")}, {"uid", metadataString(owner, "uid")},
          {"controller", true},               {"blockOwnerDeletion", true}};
}

// Five characters of the apiserver's generateName alphabet.
std::string podSuffix(const std::string& seed, int64_t index) {
  static const std::string alphabet = "bcdfghjklmnpqrstvwxz2456789";
  uint64_t hash = 1469598103934665603ULL;
  for (unsigned char c : seed + "/" + std::to_string(index)) {
    hash ^= c;
    hash *= 1099511628211ULL;
  }
  std::string suffix;
  for (int i = 0; i < 5; ++i, hash /= alphabet.size()) suffix += alphabet[hash % alphabet.size()];
  return suffix;
}

bool ownedByUid(const json& object, const std::string& uid) {
  for (const json& reference : object["metadata"].value("ownerReferences", json::array())) {
    if (reference.value("uid", "") == uid) return true;
  }
  return false;
}

json condition(const std::string& type, const std::string& reason, const std::string& message) {
  const std::string now = formatTimestamp(Clock::now());
  return {{"type", type},       {"status", "True"},      {"reason", reason},
          {"message", message}, {"lastUpdateTime", now}, {"lastTransitionTime", now}};
}

// The status of a fully rolled-out, ready workload of the given kind.
json readyStatus(const std::string& groupResource, const json& object) {
  const int64_t replicas = replicasOf(object);
  const json generation = object["metadata"].value("generation", json(1));
  const std::string name = metadataString(object, "name");
  if (groupResource == "statefulsets.apps") {
    const std::string revision = name + "-" + podTemplateHash(object.value("spec", json::object()).value("template", json::object()));
    return {{"observedGeneration", generation}, {"replicas", replicas},          {"readyReplicas", replicas},
            {"currentReplicas", replicas},      {"updatedReplicas", replicas},   {"availableReplicas", replicas},
            {"currentRevision", revision},      {"updateRevision", revision},    {"collisionCount", 0}};
  }
  if (groupResource == "daemonsets.apps") {
    return {{"observedGeneration", generation}, {"desiredNumberScheduled", 1}, {"currentNumberScheduled", 1},
            {"numberReady", 1},                 {"updatedNumberScheduled", 1}, {"numberAvailable", 1},
            {"numberMisscheduled", 0}};
  }
  if (groupResource == "jobs.batch") {
    const std::string now = formatTimestamp(Clock::now());
    const json completions = object.value("spec", json::object()).value("completions", json(1));
    json complete = condition("Complete", "CompletionsReached", "Reached expected number of succeeded pods");
    json criteria = condition("SuccessCriteriaMet", "CompletionsReached", "Reached expected number of succeeded pods");
    complete.erase("lastUpdateTime");
    criteria.erase("lastUpdateTime");
    complete["lastProbeTime"] = now;
    criteria["lastProbeTime"] = now;
    return {{"succeeded", completions}, {"startTime", now}, {"completionTime", now},
            {"ready", 0},               {"conditions", {criteria, complete}}};
  }
  if (groupResource == "pods") {
    json statuses = json::array();
    for (const json& container : object.value("spec", json::object()).value("containers", json::array())) {
      statuses.push_back({{"name", container.value("name", "")},
                          {"image", container.value("image", "")},
                          {"ready", true},
                          {"started", true},
                          {"restartCount", 0},
                          {"state", {{"running", {{"startedAt", formatTimestamp(Clock::now())}}}}}});
    }
    json ready = condition("Ready", "", "");
    ready.erase("reason");
    ready.erase("message");
    ready.erase("lastUpdateTime");
    return {{"phase", "Running"}, {"conditions", {ready}}, {"containerStatuses", statuses}, {"podIP", "10.244.0.10"}};
  }
  if (groupResource == "persistentvolumeclaims") return {{"phase", "Bound"}};
  return nullptr;
}

}  // namespace

std::string podTemplateHash(const json& podTemplate) {
  uint32_t hash = 2166136261U;
  for (unsigned char c : podTemplate.dump()) {
    hash ^= c;
    hash *= 16777619U;
  }
  static const std::string alphabet = "bcdfghjklmnpqrstvwxz2456789";
  std::string encoded;
  for (char digit : std::to_string(hash)) encoded += alphabet[static_cast<unsigned char>(digit) % alphabet.size()];
  return encoded;
}

void WorkloadSimulator::afterWrite(const ResourceType& type, const json& object) {
  if (type.custom || object["metadata"].contains("deletionTimestamp")) return;
  const std::string groupResource = type.groupResource();
  if (groupResource == kDeployments) {
    reconcileDeployment(object);
    return;
  }
  if (groupResource == kReplicaSets) reconcilePods(object);
  if (groupResource == kReplicaSets && !object["metadata"].value("ownerReferences", json::array()).empty()) return;
  json status = groupResource == kReplicaSets
                    ? json{{"replicas", replicasOf(object)},
                           {"fullyLabeledReplicas", replicasOf(object)},
                           {"readyReplicas", replicasOf(object)},
                           {"availableReplicas", replicasOf(object)},
                           {"observedGeneration", object["metadata"].value("generation", json(1))}}
                    : readyStatus(groupResource, object);
  if (!status.is_null()) setStatus(type, object, status);
}

void WorkloadSimulator::setStatus(const ResourceType& type, const json& object, const json& status) {
  const ObjectKey key{type.groupResource(), metadataString(object, "namespace"), metadataString(object, "name")};
  (void)store_.update(key, [&](const json* current) -> ApiResult<json> {
    json next = *current;
    next["status"] = status;
    next["metadata"].erase("resourceVersion");
    return next;
  });
}

void WorkloadSimulator::reconcilePods(const json& replicaSet) {
  const std::string namespaceName = metadataString(replicaSet, "namespace");
  const std::string name = metadataString(replicaSet, "name");
  const std::string uid = metadataString(replicaSet, "uid");
  const int64_t replicas = replicasOf(replicaSet);
  std::vector<std::string> existing;
  for (const json& pod : store_.list("pods", namespaceName).items) {
    if (ownedByUid(pod, uid)) existing.push_back(metadataString(pod, "name"));
  }
  for (size_t i = static_cast<size_t>(std::max<int64_t>(replicas, 0)); i < existing.size(); ++i) {
    (void)store_.remove({"pods", namespaceName, existing[i]});
  }
  const json podTemplate = replicaSet.value("spec", json::object()).value("template", json::object());
  // Names can be taken by foreign pods and creates can fail: try a bounded number.
  for (int64_t index = 0; static_cast<int64_t>(existing.size()) < replicas && index < 2 * replicas + 8; ++index) {
    const std::string podName = name + "-" + podSuffix(uid, index);
    if (store_.get({"pods", namespaceName, podName})) continue;
    json pod = {{"apiVersion", "v1"},
                {"kind", "Pod"},
                {"metadata",
                 {{"name", podName},
                  {"namespace", namespaceName},
                  {"labels", podTemplate.value("metadata", json::object()).value("labels", json::object())},
                  {"ownerReferences", {ownerReference(replicaSet, "ReplicaSet")}}}},
                {"spec", podTemplate.value("spec", json::object())}};
    pod["spec"]["nodeName"] = "helm-operator-node";
    pod["status"] = readyStatus("pods", pod);
    if (store_.create({"pods", namespaceName, podName}, std::move(pod)).ok()) existing.push_back(podName);
  }
}

void WorkloadSimulator::reconcileDeployment(const json& deployment) {
  const std::string namespaceName = metadataString(deployment, "namespace");
  const std::string name = metadataString(deployment, "name");
  const std::string uid = metadataString(deployment, "uid");
  const int64_t replicas = replicasOf(deployment);
  const json spec = deployment.value("spec", json::object());
  json podTemplate = spec.value("template", json::object());
  const std::string hash = podTemplateHash(podTemplate);
  const std::string replicaSetName = name + "-" + hash;

  // Scale down the ReplicaSets of earlier templates; find the newest revision.
  int64_t newestRevision = 0;
  std::string currentRevision;
  for (json replicaSet : store_.list(kReplicaSets, namespaceName).items) {
    if (!ownedByUid(replicaSet, uid)) continue;
    const std::string revision = replicaSet["metadata"].value("annotations", json::object()).value(kRevisionAnnotation, "0");
    newestRevision = std::max<int64_t>(newestRevision, std::stoll(revision.empty() ? "0" : revision));
    if (metadataString(replicaSet, "name") == replicaSetName) {
      currentRevision = revision;
      continue;
    }
    (void)store_.update({kReplicaSets, namespaceName, metadataString(replicaSet, "name")},
                        [](const json* current) -> ApiResult<json> {
                          json next = *current;
                          next["spec"]["replicas"] = 0;
                          next["status"] = {{"replicas", 0},
                                            {"observedGeneration", next["metadata"].value("generation", json(1))}};
                          next["metadata"].erase("resourceVersion");
                          return next;
                        });
  }
  if (currentRevision.empty()) currentRevision = std::to_string(newestRevision + 1);

  podTemplate["metadata"]["labels"]["pod-template-hash"] = hash;
  json selector = spec.value("selector", json::object());
  selector["matchLabels"]["pod-template-hash"] = hash;
  const json annotations = {{kRevisionAnnotation, currentRevision},
                            {"deployment.kubernetes.io/desired-replicas", std::to_string(replicas)},
                            {"deployment.kubernetes.io/max-replicas", std::to_string(replicas + 1)}};
  const json desired = {{"apiVersion", "apps/v1"},
                        {"kind", "ReplicaSet"},
                        {"metadata",
                         {{"name", replicaSetName},
                          {"namespace", namespaceName},
                          {"labels", podTemplate["metadata"]["labels"]},
                          {"annotations", annotations},
                          {"ownerReferences", {ownerReference(deployment, "Deployment")}}}},
                        {"spec", {{"replicas", replicas}, {"selector", selector}, {"template", podTemplate}}}};
  const auto replicaSetWrite = [&](const json* current) -> ApiResult<json> {
    json next = current ? *current : desired;
    next["metadata"]["labels"] = desired["metadata"]["labels"];
    next["metadata"]["annotations"] = annotations;
    next["spec"] = desired["spec"];
    next["metadata"].erase("resourceVersion");
    // The store bumps generation when the spec changes; status observes the result.
    int64_t generation = current ? (*current)["metadata"].value("generation", int64_t{1}) : 1;
    if (current && (*current)["spec"] != next["spec"]) ++generation;
    next["status"] = {{"replicas", replicas},      {"fullyLabeledReplicas", replicas}, {"readyReplicas", replicas},
                      {"availableReplicas", replicas}, {"observedGeneration", generation}};
    return next;
  };
  (void)store_.update({kReplicaSets, namespaceName, replicaSetName}, replicaSetWrite, true);
  for (const json& replicaSet : store_.list(kReplicaSets, namespaceName).items) {
    if (ownedByUid(replicaSet, uid)) reconcilePods(replicaSet);
  }

  (void)store_.update({kDeployments, namespaceName, name}, [&](const json* current) -> ApiResult<json> {
    json next = *current;
    next["metadata"]["annotations"][kRevisionAnnotation] = currentRevision;
    next["metadata"].erase("resourceVersion");
    const json previous = next.value("status", json::object());
    json conditions = previous.value("conditions", json::array());
    if (conditions.empty()) {
      conditions = {condition("Available", "MinimumReplicasAvailable", "Deployment has minimum availability."),
                    condition("Progressing", "NewReplicaSetAvailable",
                              "ReplicaSet \"" + replicaSetName + "\" has successfully progressed.")};
    }
    next["status"] = {{"observedGeneration", next["metadata"].value("generation", json(1))},
                      {"replicas", replicas},
                      {"updatedReplicas", replicas},
                      {"readyReplicas", replicas},
                      {"availableReplicas", replicas},
                      {"conditions", conditions}};
    return next;
  });
}

}  // namespace ho::kube
