// --simulate-workloads: plays the controllers a healthy cluster runs, so that
// `kubectl rollout status`, `helm --wait` and kstatus see ready workloads.
// A Deployment gets the ReplicaSet it would own (its template's labels plus
// pod-template-hash) and both get ready status, the ReplicaSet its running
// Pods (so `kubectl get pods` looks real); StatefulSets, DaemonSets,
// Jobs, Pods and PersistentVolumeClaims become ready/complete/bound.
#pragma once

#include <nlohmann/json.hpp>

#include "kube/server/object_store.h"
#include "kube/server/resource_registry.h"

namespace ho::kube {

class WorkloadSimulator {
 public:
  explicit WorkloadSimulator(ObjectStore& store) : store_(store) {}

  // Called after an object of `type` was written through the API.
  void afterWrite(const ResourceType& type, const nlohmann::json& object);

 private:
  void reconcileDeployment(const nlohmann::json& deployment);
  // Creates or deletes the ready Pods a ReplicaSet owns to match its replicas.
  void reconcilePods(const nlohmann::json& replicaSet);
  void setStatus(const ResourceType& type, const nlohmann::json& object, const nlohmann::json& status);

  ObjectStore& store_;
};

// The pod-template-hash label value for a pod template (FNV-1a over the
// template, encoded with the apiserver's safe alphabet).
std::string podTemplateHash(const nlohmann::json& podTemplate);

}  // namespace ho::kube
