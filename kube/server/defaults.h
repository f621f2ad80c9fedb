// Defaulting the apiserver itself performs on create and update, whatever
// controllers run: Secret stringData folded into data, Namespaces Active,
// Services typed ClusterIP with an allocated cluster IP, StatefulSets and
// DaemonSets given their RollingUpdate strategy, Pods given restartPolicy
// Always and, when created, a Pending status with their QoS class.
#pragma once

#include <atomic>
#include <nlohmann/json.hpp>

#include "kube/server/resource_registry.h"

namespace ho::kube {

class Defaulter {
 public:
  // `previous` is the stored object on update (null on create); a Service
  // keeps the cluster IP it was given.
  void apply(const ResourceType& type, nlohmann::json& object, const nlohmann::json& previous);

 private:
  std::string nextClusterIp();

  std::atomic<uint32_t> nextServiceIp_{10};
};

}  // namespace ho::kube
