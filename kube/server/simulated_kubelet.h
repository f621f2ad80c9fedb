// --simulate-workloads: the kubelet's part. Pods move through the statuses a
// kubelet writes: Pending (scheduled, containers being created), Running
// (containers started and ready) and, for Pods whose containers end by
// themselves (restartPolicy Never or OnFailure, e.g. `helm test` hooks and
// Job Pods), Succeeded (containers terminated with exit code 0). Containers
// do not run, so their exit codes are read off their command: `false`
// (`/bin/false`) exits 1 and `sh -c "exit N"` exits N, everything else 0; a
// restartPolicy Never Pod with a container that exits non-zero ends Failed
// (how tests make a `helm test` hook fail). Each step is its own write, so
// watchers see the phases go by; Pods the workload controllers create start
// directly in their settled phase.
#pragma once

#include <nlohmann/json.hpp>
#include <string>

#include "kube/server/object_store.h"

namespace ho::kube {

enum class PodPhase { Pending, Running, Succeeded, Failed };

// Where a Pod ends up: Succeeded when its restartPolicy lets its containers
// exit (Never, OnFailure), Failed when one of them exits non-zero under
// Never, Running (and Ready) otherwise.
PodPhase settledPhase(const nlohmann::json& podSpec);

// The Pod's QoS class as the API server assigns it: BestEffort without any
// requests or limits, Guaranteed when every container limits cpu and memory
// and requests the same, Burstable otherwise.
std::string qosClassOf(const nlohmann::json& podSpec);

// The exit code a simulated container ends with (see above).
int simulatedExitCode(const nlohmann::json& container);

// The status a kubelet reports for a Pod (named `podName`) in `phase`:
// phase, the five Pod conditions, container and init container statuses,
// host and Pod IPs, startTime and qosClass.
nlohmann::json kubeletPodStatus(const nlohmann::json& podSpec, const std::string& podName, PodPhase phase);

// Runs a Pod written through the API on `nodeName` (unless it names its
// own node): writes each status on the way to its settled phase. A Pod that
// has already settled (or is being deleted) is left alone.
void runPod(ObjectStore& store, const nlohmann::json& pod, const std::string& nodeName);

}  // namespace ho::kube
