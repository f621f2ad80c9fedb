// Leader election on a coordination.k8s.io/v1 Lease against the bundled API
// server, with short durations: of two candidates exactly one leads, a
// leader that stops hands over at once, a leader whose Lease is taken gives
// up after the renew deadline, and a candidate waits out a Lease whose
// holder went silent. Each shard of controllers gets a Lease of its own.
#include <gtest/gtest.h>

#include <atomic>
#include <regex>
#include <thread>

#include "../kube/e2e_support.h"
#include "controller/runtime/leader_elector.h"
#include "kube/client/kubeconfig.h"
#include "test_chart_repository.h"
#include "kube/client/core_resources.h"

namespace ho::controller::runtime {
namespace {

using controller::testing::eventually;
using nlohmann::json;

using kube::client::kLeases;

class LeaderElectionE2E : public ::testing::Test {
 protected:
  void SetUp() override {
    cluster_ = std::make_unique<kube::testing::LiveCluster>();
    auto client = cluster_->connect();
    ASSERT_TRUE(client) << client.error().message;
    client_ = *client;
  }

  struct Candidate {
    std::atomic<int> started = 0;
    std::atomic<int> stopped = 0;
    std::unique_ptr<LeaderElector> elector;
  };

  void campaign(Candidate& candidate, const std::string& identity) {
    LeaderElectionOptions options;
    options.identity = identity;
    options.leaseDuration = std::chrono::milliseconds(3000);
    options.renewDeadline = std::chrono::milliseconds(2000);
    options.retryPeriod = std::chrono::milliseconds(200);
    candidate.elector = std::make_unique<LeaderElector>(
        client_, options, LeaderCallbacks{[&candidate] { ++candidate.started; }, [&candidate] { ++candidate.stopped; }});
    candidate.elector->start();
  }

  json lease() const {
    auto found = client_->get(kube::client::resourcePath(kLeases, "default", "helm-operator-leader"));
    return found ? *found : json::object();
  }

  std::unique_ptr<kube::testing::LiveCluster> cluster_;
  std::shared_ptr<kube::client::RestClient> client_;
};

TEST(ShardLeaseName, EachSelectorGetsItsOwnStableValidLeaseName) {
  EXPECT_EQ(shardLeaseName("helm-operator-leader", ""), "helm-operator-leader");
  const std::string shard1 = shardLeaseName("helm-operator-leader", "sharding.fluxcd.io/key=shard1");
  EXPECT_TRUE(shard1.starts_with("helm-operator-leader-sharding-fluxcd-io-key-shard1-")) << shard1;
  EXPECT_EQ(shard1, shardLeaseName("helm-operator-leader", "sharding.fluxcd.io/key=shard1"));
  const std::vector<std::string> names = {
      shard1, shardLeaseName("helm-operator-leader", "sharding.fluxcd.io/key=shard2"),
      shardLeaseName("helm-operator-leader", "sharding.fluxcd.io/key notin (shard1,shard2)"),
      shardLeaseName("helm-operator-leader", "!sharding.fluxcd.io/key"),
      shardLeaseName("helm-operator-leader", "sharding.fluxcd.io/key"),
      shardLeaseName("helm-operator-leader", std::string(300, 'x') + "=" + std::string(300, 'y'))};
  const std::regex dnsSubdomain("[a-z0-9]([-a-z0-9.]*[a-z0-9])?");
  for (size_t i = 0; i < names.size(); ++i) {
    EXPECT_TRUE(std::regex_match(names[i], dnsSubdomain)) << names[i];
    EXPECT_LE(names[i].size(), 253u) << names[i];
    for (size_t j = 0; j < i; ++j) EXPECT_NE(names[i], names[j]);
  }
}

TEST_F(LeaderElectionE2E, ExactlyOneOfTwoLeadsAndAStoppedLeaderHandsOverAtOnce) {
  Candidate first;
  Candidate second;
  campaign(first, "first");
  ASSERT_TRUE(eventually([&] { return first.elector->isLeader(); }, std::chrono::seconds(10)));
  campaign(second, "second");
  std::this_thread::sleep_for(std::chrono::milliseconds(1500));  // several retry periods
  EXPECT_TRUE(first.elector->isLeader());
  EXPECT_FALSE(second.elector->isLeader());
  EXPECT_EQ(second.started, 0);
  const json held = lease();
  EXPECT_EQ(held["spec"]["holderIdentity"], "first") << held;
  EXPECT_EQ(held["spec"]["leaseDurationSeconds"], 3);
  EXPECT_FALSE(held["spec"].value("renewTime", "").empty());

  const auto stoppedAt = std::chrono::steady_clock::now();
  first.elector->stop();
  EXPECT_EQ(first.stopped, 0);  // stop() is not a loss
  ASSERT_TRUE(eventually([&] { return second.elector->isLeader(); }, std::chrono::seconds(10)));
  EXPECT_LT(std::chrono::steady_clock::now() - stoppedAt, std::chrono::milliseconds(2500));  // before the lease expired
  EXPECT_EQ(second.started, 1);
  const json taken = lease();
  EXPECT_EQ(taken["spec"]["holderIdentity"], "second");
  EXPECT_EQ(taken["spec"]["leaseTransitions"], 1) << taken;  // released (no holder) keeps the count; taken adds one
  second.elector->stop();
}

TEST_F(LeaderElectionE2E, ALeaderWhoseLeaseIsTakenStopsLeadingAfterTheRenewDeadline) {
  Candidate leader;
  campaign(leader, "leader");
  ASSERT_TRUE(eventually([&] { return leader.elector->isLeader(); }, std::chrono::seconds(10)));
  auto stolen = kube::client::retryOnConflict([&] {
    json taken = lease();
    taken["spec"]["holderIdentity"] = "intruder";
    taken["spec"]["leaseDurationSeconds"] = 60;
    return client_->update(kube::client::resourcePath(kLeases, "default", "helm-operator-leader"), taken);
  });
  ASSERT_TRUE(stolen) << stolen.error().message;
  ASSERT_TRUE(eventually([&] { return leader.stopped == 1; }, std::chrono::seconds(10)));
  EXPECT_FALSE(leader.elector->isLeader());
  EXPECT_EQ(lease()["spec"]["holderIdentity"], "intruder");
  leader.elector->stop();
}

TEST_F(LeaderElectionE2E, ACandidateTakesALeaseWhoseHolderStoppedRenewingOnceItExpires) {
  const json silent = {{"apiVersion", "coordination.k8s.io/v1"},
                       {"kind", "Lease"},
                       {"metadata", {{"name", "helm-operator-leader"}, {"namespace", "default"}}},
                       {"spec", {{"holderIdentity", "gone"}, {"leaseDurationSeconds", 2}, {"leaseTransitions", 4}}}};
  ASSERT_TRUE(client_->create(kube::client::resourcePath(kLeases, "default"), silent));
  Candidate candidate;
  const auto start = std::chrono::steady_clock::now();
  campaign(candidate, "successor");
  ASSERT_TRUE(eventually([&] { return candidate.elector->isLeader(); }, std::chrono::seconds(10)));
  EXPECT_GE(std::chrono::steady_clock::now() - start, std::chrono::milliseconds(1900));
  EXPECT_EQ(lease()["spec"]["leaseTransitions"], 5);
  candidate.elector->stop();
}

}  // namespace
}  // namespace ho::controller::runtime
