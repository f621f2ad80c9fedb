// Waiting for release objects to be ready, with helm 3's rules (kube/ready.go):
// Deployments, StatefulSets and DaemonSets rolled out and available, Pods
// Ready, PVCs Bound, Services with a cluster IP (and, for LoadBalancers, an
// ingress or an external IP), Jobs complete when asked. Polls until ready or
// the deadline ("context deadline exceeded", as helm reports it).
#pragma once

#include <chrono>
#include <nlohmann/json.hpp>
#include <vector>

#include "controller/action/manifest_objects.h"
#include "core/error.h"
#include "kube/client/rest_client.h"

namespace ho::controller {

struct WaitOptions {
  std::chrono::milliseconds timeout{std::chrono::minutes(5)};
  std::chrono::milliseconds pollInterval{std::chrono::seconds(2)};
  bool waitForJobs = false;
};

// Whether one live object is ready (kinds without a rule are ready).
bool isReady(const nlohmann::json& live, bool waitForJobs);

Result<void> waitForReady(kube::client::RestClient& client, const std::vector<ManifestObject>& objects,
                          const WaitOptions& options);

}  // namespace ho::controller
