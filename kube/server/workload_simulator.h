// --simulate-workloads: plays the controllers a healthy cluster runs, so that
// `kubectl rollout status`, `kubectl wait`, `helm --wait` and kstatus see
// ready workloads. A Deployment gets the ReplicaSet it would own (its
// template's labels plus pod-template-hash) and both get ready status; the
// ReplicaSet gets its running Pods, a StatefulSet its ordinal Pods
// (NAME-0..N-1), a DaemonSet one Pod per Node (a Node is registered when
// there is none), a Job Pods that Succeeded and a Complete status. Every
// Pod carries its owner's controller ownerReference, so deleting the owner
// collects it. Pods written through the API run through the simulated
// kubelet (simulated_kubelet.h); PersistentVolumeClaims become Bound.
#pragma once

#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "kube/server/object_store.h"
#include "kube/server/resource_registry.h"

namespace ho::kube {

class WorkloadSimulator {
 public:
  explicit WorkloadSimulator(ObjectStore& store) : store_(store) {}

  // Called after an object of `type` was written through the API.
  void afterWrite(const ResourceType& type, const nlohmann::json& object);

  // A Pod an owner should have: its name, node and the labels it adds to
  // its template's.
  struct DesiredPod {
    std::string name;
    std::string nodeName;
    nlohmann::json labels;
  };

 private:
  void reconcileDeployment(const nlohmann::json& deployment);
  // Creates the desired Pods `owner` lacks and deletes the ones it owns
  // that are not desired (or carry other labels, e.g. an older revision).
  void syncOwnedPods(const nlohmann::json& owner, const std::string& ownerKind, const std::vector<DesiredPod>& desired);
  // The names of the stored Nodes; registers the simulated one when there is none.
  std::vector<std::string> nodeNames();
  void setStatus(const ResourceType& type, const nlohmann::json& object, const nlohmann::json& status);

  ObjectStore& store_;
};

// The pod-template-hash label value for a pod template (FNV-1a over the
// template, encoded with the apiserver's safe alphabet).
std::string podTemplateHash(const nlohmann::json& podTemplate);

}  // namespace ho::kube
