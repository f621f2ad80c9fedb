// Simulated workload controllers.
#include "kube/server/workload_simulator.h"

#include <algorithm>
#include <cstdint>
#include <map>
#include <vector>

#include "kube/server/simulated_kubelet.h"
#include "kube/server/timestamps.h"

namespace ho::kube {
namespace {

using nlohmann::json;

const std::string kReplicaSets = "replicasets.apps";
const std::string kDeployments = "deployments.apps";
const std::string kStatefulSets = "statefulsets.apps";
const std::string kDaemonSets = "daemonsets.apps";
const std::string kJobs = "jobs.batch";
const std::string kSimulatedNode = "helm-operator-node";
const std::string kRevisionAnnotation = "deployment.kubernetes.io/revision";

int64_t replicasOf(const json& object) {
  const json replicas = object.value("spec", json::object()).value("replicas", json(1));
  return replicas.is_number() ? replicas.get<int64_t>() : 1;
}

std::string metadataString(const json& object, const char* field) { return object["metadata"].value(field, ""); }

json ownerReference(const json& owner, const std::string& kind) {
  return {{"apiVersion", kind == "Job" ? "batch/v1" : "apps/v1"},
          {"kind", kind},
          {"name", metadataString(owner, "name")},
          {"uid", metadataString(owner, "uid")},
          {"controller", true},
          {"blockOwnerDeletion", true}};
}

json podTemplateOf(const json& owner) { return owner.value("spec", json::object()).value("template", json::object()); }

// The ControllerRevision name a StatefulSet's Pods carry.
std::string statefulSetRevision(const json& statefulSet) {
  return metadataString(statefulSet, "name") + "-" + podTemplateHash(podTemplateOf(statefulSet));
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

json daemonSetStatus(const json& daemonSet, int64_t nodes) {
  return {{"observedGeneration", daemonSet["metadata"].value("generation", json(1))},
          {"desiredNumberScheduled", nodes},
          {"currentNumberScheduled", nodes},
          {"numberReady", nodes},
          {"updatedNumberScheduled", nodes},
          {"numberAvailable", nodes},
          {"numberMisscheduled", 0}};
}

using DesiredPod = WorkloadSimulator::DesiredPod;

std::vector<DesiredPod> replicaSetPods(const json& replicaSet, const std::string& node) {
  std::vector<DesiredPod> pods;
  const std::string name = metadataString(replicaSet, "name");
  for (int64_t index = 0; index < replicasOf(replicaSet); ++index) {
    pods.push_back({name + "-" + podSuffix(metadataString(replicaSet, "uid"), index), node, json::object()});
  }
  return pods;
}

std::vector<DesiredPod> statefulSetPods(const json& statefulSet, const std::string& node) {
  std::vector<DesiredPod> pods;
  const std::string name = metadataString(statefulSet, "name");
  const std::string revision = statefulSetRevision(statefulSet);
  for (int64_t ordinal = 0; ordinal < replicasOf(statefulSet); ++ordinal) {
    const std::string podName = name + "-" + std::to_string(ordinal);
    pods.push_back({podName,
                    node,
                    {{"controller-revision-hash", revision},
                     {"statefulset.kubernetes.io/pod-name", podName},
                     {"apps.kubernetes.io/pod-index", std::to_string(ordinal)}}});
  }
  return pods;
}

std::vector<DesiredPod> daemonSetPods(const json& daemonSet, const std::vector<std::string>& nodes) {
  std::vector<DesiredPod> pods;
  const std::string name = metadataString(daemonSet, "name");
  const json generation = daemonSet["metadata"].value("generation", json(1));
  for (const std::string& node : nodes) {
    pods.push_back({name + "-" + podSuffix(metadataString(daemonSet, "uid") + "/" + node, 0),
                    node,
                    {{"controller-revision-hash", podTemplateHash(podTemplateOf(daemonSet))},
                     {"pod-template-generation", generation.dump()}}});
  }
  return pods;
}

std::vector<DesiredPod> jobPods(const json& job, const std::string& node) {
  std::vector<DesiredPod> pods;
  const std::string name = metadataString(job, "name");
  const std::string uid = metadataString(job, "uid");
  const json completions = job.value("spec", json::object()).value("completions", json(1));
  const int64_t count = completions.is_number() ? std::clamp<int64_t>(completions.get<int64_t>(), 0, 100) : 1;
  for (int64_t index = 0; index < count; ++index) {
    pods.push_back({name + "-" + podSuffix(uid, index),
                    node,
                    {{"batch.kubernetes.io/controller-uid", uid},
                     {"batch.kubernetes.io/job-name", name},
                     {"controller-uid", uid},
                     {"job-name", name}}});
  }
  return pods;
}

// The status of a fully rolled-out, ready workload of the given kind.
json readyStatus(const std::string& groupResource, const json& object) {
  const int64_t replicas = replicasOf(object);
  const json generation = object["metadata"].value("generation", json(1));
  const std::string name = metadataString(object, "name");
  if (groupResource == "statefulsets.apps") {
    const std::string revision = statefulSetRevision(object);
    return {{"observedGeneration", generation}, {"replicas", replicas},          {"readyReplicas", replicas},
            {"currentReplicas", replicas},      {"updatedReplicas", replicas},   {"availableReplicas", replicas},
            {"currentRevision", revision},      {"updateRevision", revision},    {"collisionCount", 0}};
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
  json status;
  if (groupResource == kReplicaSets) {
    syncOwnedPods(object, "ReplicaSet", replicaSetPods(object, nodeNames().front()));
    if (!object["metadata"].value("ownerReferences", json::array()).empty()) return;
    status = {{"replicas", replicasOf(object)},
              {"fullyLabeledReplicas", replicasOf(object)},
              {"readyReplicas", replicasOf(object)},
              {"availableReplicas", replicasOf(object)},
              {"observedGeneration", object["metadata"].value("generation", json(1))}};
  } else if (groupResource == kStatefulSets) {
    syncOwnedPods(object, "StatefulSet", statefulSetPods(object, nodeNames().front()));
    status = readyStatus(groupResource, object);
  } else if (groupResource == kDaemonSets) {
    const std::vector<std::string> nodes = nodeNames();
    syncOwnedPods(object, "DaemonSet", daemonSetPods(object, nodes));
    status = daemonSetStatus(object, static_cast<int64_t>(nodes.size()));
  } else if (groupResource == kJobs) {
    syncOwnedPods(object, "Job", jobPods(object, nodeNames().front()));
    status = readyStatus(groupResource, object);
  } else if (groupResource == "pods") {
    runPod(store_, object, nodeNames().front());
    return;
  } else {
    status = readyStatus(groupResource, object);
  }
  if (!status.is_null()) setStatus(type, object, status);
}

std::vector<std::string> WorkloadSimulator::nodeNames() {
  std::vector<std::string> names;
  for (const ObjectPtr& node : store_.list("nodes", "").items) {
    names.push_back(metadataString(node->object(), "name"));
  }
  if (!names.empty()) return names;
  const std::string now = formatTimestamp(Clock::now());
  json node = {{"apiVersion", "v1"},
               {"kind", "Node"},
               {"metadata",
                {{"name", kSimulatedNode},
                 {"labels",
                  {{"kubernetes.io/hostname", kSimulatedNode},
                   {"kubernetes.io/os", "linux"},
                   {"kubernetes.io/arch", "amd64"},
                   {"node-role.kubernetes.io/control-plane", ""}}}}},
               {"spec", {{"podCIDR", "10.244.0.0/24"}, {"podCIDRs", {"10.244.0.0/24"}}}},
               {"status",
                {{"conditions",
                  {{{"type", "Ready"},
                    {"status", "True"},
                    {"reason", "KubeletReady"},
                    {"message", "kubelet is posting ready status"},
                    {"lastHeartbeatTime", now},
                    {"lastTransitionTime", now}}}},
                 {"addresses", {{{"type", "InternalIP"}, {"address", "127.0.0.1"}}, {{"type", "Hostname"}, {"address", kSimulatedNode}}}},
                 {"capacity", {{"cpu", "2"}, {"memory", "8Gi"}, {"pods", "110"}}},
                 {"allocatable", {{"cpu", "2"}, {"memory", "8Gi"}, {"pods", "110"}}},
                 {"nodeInfo",
                  {{"kubeletVersion", "v1.32.0"},
                   {"containerRuntimeVersion", "simulated://1.0"},
                   {"operatingSystem", "linux"},
                   {"architecture", "amd64"}}}}}};
  (void)store_.create({"nodes", "", kSimulatedNode}, std::move(node));
  return {kSimulatedNode};
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

void WorkloadSimulator::syncOwnedPods(const json& owner, const std::string& ownerKind,
                                      const std::vector<DesiredPod>& desired) {
  const std::string namespaceName = metadataString(owner, "namespace");
  const std::string uid = metadataString(owner, "uid");
  const json podTemplate = podTemplateOf(owner);
  const json templateLabels = podTemplate.value("metadata", json::object()).value("labels", json::object());
  const auto labelsOf = [&](const DesiredPod& pod) {
    json labels = templateLabels;
    for (const auto& [key, value] : pod.labels.items()) labels[key] = value;
    return labels;
  };
  std::map<std::string, json> owned;  // name -> labels
  for (const ObjectPtr& version : store_.list("pods", namespaceName).items) {
    const json& pod = version->object();
    if (ownedByUid(pod, uid)) owned[metadataString(pod, "name")] = pod["metadata"].value("labels", json::object());
  }
  std::map<std::string, const DesiredPod*> wanted;
  for (const DesiredPod& pod : desired) wanted[pod.name] = &pod;
  for (const auto& [name, labels] : owned) {
    const auto found = wanted.find(name);
    if (found == wanted.end() || labels != labelsOf(*found->second)) (void)store_.remove({"pods", namespaceName, name});
  }
  for (const DesiredPod& desiredPod : desired) {
    const ObjectKey key{"pods", namespaceName, desiredPod.name};
    if (store_.get(key)) continue;  // ours and current, or someone else's
    json pod = {{"apiVersion", "v1"},
                {"kind", "Pod"},
                {"metadata",
                 {{"name", desiredPod.name},
                  {"namespace", namespaceName},
                  {"labels", labelsOf(desiredPod)},
                  {"ownerReferences", {ownerReference(owner, ownerKind)}}}},
                {"spec", podTemplate.value("spec", json::object())}};
    if (const json annotations = podTemplate.value("metadata", json::object()).value("annotations", json()); annotations.is_object()) {
      pod["metadata"]["annotations"] = annotations;
    }
    pod["spec"]["nodeName"] = desiredPod.nodeName;
    if (ownerKind == "StatefulSet") {
      pod["spec"]["hostname"] = desiredPod.name;
      const std::string service = owner.value("spec", json::object()).value("serviceName", "");
      if (!service.empty()) pod["spec"]["subdomain"] = service;
    }
    // Job Pods run to completion whatever their restartPolicy says.
    const PodPhase phase = ownerKind == "Job" ? PodPhase::Succeeded : settledPhase(pod["spec"]);
    pod["status"] = kubeletPodStatus(pod["spec"], desiredPod.name, phase);
    (void)store_.create(key, std::move(pod));
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
  for (const ObjectPtr& version : store_.list(kReplicaSets, namespaceName).items) {
    const json& replicaSet = version->object();
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
  const std::string node = nodeNames().front();
  for (const ObjectPtr& version : store_.list(kReplicaSets, namespaceName).items) {
    const json& replicaSet = version->object();
    if (ownedByUid(replicaSet, uid)) syncOwnedPods(replicaSet, "ReplicaSet", replicaSetPods(replicaSet, node));
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
