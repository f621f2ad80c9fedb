// Leader election on a coordination.k8s.io/v1 Lease, as client-go's
// leaderelection does: a candidate takes the Lease when it is free or its
// holder has not renewed it for leaseDuration (judged by the local clock
// since the Lease last changed, so clock skew between hosts does not
// matter), the leader renews it every retryPeriod, and gives up leadership
// when it cannot renew within renewDeadline. A leader that stops releases
// the Lease (empty holder, 1 s duration) so a successor takes over at once.
#pragma once

#include <atomic>
#include <chrono>
#include <condition_variable>
#include <functional>
#include <memory>
#include <mutex>
#include <nlohmann/json.hpp>
#include <string>
#include <string_view>
#include <thread>

#include "kube/client/rest_client.h"

namespace ho::controller::runtime {

struct LeaderElectionOptions {
  std::string leaseNamespace = "default";
  std::string leaseName = "helm-operator-leader";
  std::string identity;  // unique per process, e.g. defaultLeaderIdentity()
  std::chrono::milliseconds leaseDuration{15000};
  std::chrono::milliseconds renewDeadline{10000};
  std::chrono::milliseconds retryPeriod{2000};
};

struct LeaderCallbacks {
  std::function<void()> onStartedLeading;  // on the elector's thread; should return quickly
  std::function<void()> onStoppedLeading;  // the Lease was lost (not called for stop())
};

// hostname_pid.
std::string defaultLeaderIdentity();

// The Lease of one controller shard, so each shard elects its own leader:
// `base` without a selector, else `base-WORDS-HASH`, WORDS the selector's
// letters and digits lower-cased (other runs as one '-', at most 40) and HASH
// 8 hex digits of the selector's FNV-1a hash; a valid Lease name whenever `base` is.
// shardLeaseName("helm-operator-leader", "sharding.fluxcd.io/key=shard1") ==
//   "helm-operator-leader-sharding-fluxcd-io-key-shard1-" + 8 hex digits.
std::string shardLeaseName(std::string_view base, std::string_view labelSelector);

class LeaderElector {
 public:
  LeaderElector(std::shared_ptr<kube::client::RestClient> client, LeaderElectionOptions options,
                LeaderCallbacks callbacks);
  ~LeaderElector();
  LeaderElector(const LeaderElector&) = delete;
  LeaderElector& operator=(const LeaderElector&) = delete;

  // Campaigns, then leads until the Lease is lost or stop() is called.
  void start();
  // Ends the campaign; a leader releases the Lease first.
  void stop();
  bool isLeader() const { return leading_; }

 private:
  using Clock = std::chrono::steady_clock;
  void run();
  bool tryAcquireOrRenew();
  void release();
  // Sleeps `period`; false when stop() was called meanwhile.
  bool sleepFor(std::chrono::milliseconds period);

  std::shared_ptr<kube::client::RestClient> client_;
  LeaderElectionOptions options_;
  LeaderCallbacks callbacks_;
  nlohmann::json observedSpec_;  // the Lease spec as last seen
  Clock::time_point observedAt_;
  std::atomic<bool> leading_ = false;
  std::mutex mutex_;
  std::condition_variable wake_;
  bool stopping_ = false;
  std::thread thread_;
};

}  // namespace ho::controller::runtime
