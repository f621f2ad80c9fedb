// Listing as kubectl does it: chunked lists (limit/continue), aggregated
// discovery, and the Pods simulated for Deployments.
#include <gtest/gtest.h>

#include <nlohmann/json.hpp>

#include "e2e_support.h"

namespace ho::kube {
namespace {

using KubectlListingE2E = testing::KubectlTest;
using nlohmann::json;

TEST_F(KubectlListingE2E, ChunkedListsFollowContinueTokens) {
  for (int i = 0; i < 25; ++i) ok("create configmap cm-" + std::to_string(100 + i) + " --from-literal=i=" + std::to_string(i));
  const std::string names = ok("get configmaps --chunk-size=10 -o name");
  EXPECT_EQ(std::count(names.begin(), names.end(), '\n'), 25) << names;
  const std::string table = ok("get configmaps --chunk-size=7");
  EXPECT_NE(table.find("cm-124"), std::string::npos) << table;
  EXPECT_EQ(table.find("NAME", 1), std::string::npos) << table;  // one header for all chunks

  const json first = json::parse(ok("get --raw /api/v1/namespaces/default/configmaps?limit=10"));
  EXPECT_EQ(first["items"].size(), 10u);
  EXPECT_EQ(first["metadata"]["remainingItemCount"], 15);
  const std::string token = first["metadata"]["continue"];
  const json second = json::parse(ok("get --raw '/api/v1/namespaces/default/configmaps?limit=20&continue=" + token + "'"));
  EXPECT_EQ(second["items"].size(), 15u);
  EXPECT_FALSE(second["metadata"].contains("continue"));
  EXPECT_EQ(second["items"][0]["metadata"]["name"], "cm-110");
  const testing::CommandResult bad = kubectl("get --raw '/api/v1/namespaces/default/configmaps?limit=1&continue=nope'");
  EXPECT_NE(bad.exitCode, 0);
}

TEST_F(KubectlListingE2E, AggregatedDiscoveryServesApiResources) {
  const std::string resources = ok("api-resources");
  EXPECT_NE(resources.find("deployments"), std::string::npos) << resources;
  EXPECT_NE(resources.find("apps/v1"), std::string::npos) << resources;
  EXPECT_NE(resources.find("customresourcedefinitions"), std::string::npos) << resources;
  // With the aggregated form kubectl needs no per-group-version documents.
  const std::string log = ok("api-resources -v=6 --cache-dir=" + cluster_->writeFile("cache/.keep", "") + "-fresh");
  EXPECT_NE(log.find("/apis?timeout"), std::string::npos) << log;
  EXPECT_EQ(log.find("/apis/apps/v1?timeout"), std::string::npos) << log;
}

TEST_F(KubectlListingE2E, DeploymentsGetRunningPods) {
  ok("create deployment web --image=nginx:1.25 --replicas=3");
  EXPECT_NE(ok("rollout status deployment/web --timeout=30s").find("successfully rolled out"), std::string::npos);
  const std::string pods = ok("get pods -l app=web");
  EXPECT_EQ(std::count(pods.begin(), pods.end(), '\n'), 4) << pods;
  EXPECT_NE(pods.find("Running"), std::string::npos) << pods;
  ok("scale deployment web --replicas=1");
  EXPECT_EQ(ok("get pods -l app=web -o name").find('\n'), ok("get pods -l app=web -o name").rfind('\n'));
  ok("delete deployment web");
  EXPECT_NE(ok("get pods").find("No resources found"), std::string::npos);
}

}  // namespace
}  // namespace ho::kube
