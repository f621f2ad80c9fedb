// Watch event Tables are built once per event and way of asking, and shared
// by every watcher: the cache alone, then many Table watchers of a live
// server receiving byte-identical streams.
#include <gtest/gtest.h>

#include <atomic>
#include <nlohmann/json.hpp>
#include <sstream>
#include <thread>
#include <vector>

#include "e2e_support.h"
#include "kube/server/watch_table_cache.h"

namespace ho::kube {
namespace {

using nlohmann::json;

TEST(WatchTableCache, ConcurrentWatchersShareOneBuild) {
  WatchTableCache cache;
  std::atomic<int> built{0};
  std::vector<std::shared_ptr<const std::string>> bodies(8);
  std::vector<std::thread> watchers;
  for (size_t i = 0; i < bodies.size(); ++i) {
    watchers.emplace_back([&, i] {
      bodies[i] = cache.body(42, "v1/configmaps?includeObject=Metadata", [&] {
        ++built;
        return std::string("{\"kind\":\"Table\"}");
      });
    });
  }
  for (std::thread& watcher : watchers) watcher.join();
  EXPECT_EQ(built.load(), 1);
  EXPECT_EQ(cache.builds(), 1u);
  for (const auto& body : bodies) EXPECT_EQ(body, bodies.front());  // the same shared string
  // Another way of asking, or another event, is another body.
  cache.body(42, "v1/configmaps?includeObject=Object", [] { return std::string("{}"); });
  cache.body(43, "v1/configmaps?includeObject=Metadata", [] { return std::string("{}"); });
  EXPECT_EQ(cache.builds(), 3u);
}

TEST(WatchTableCache, KeepsTheNewestBodies) {
  WatchTableCache cache(2);
  for (uint64_t version : {1, 2, 3}) cache.body(version, "t", [] { return std::string("x"); });
  cache.body(3, "t", [] { return std::string("x"); });
  EXPECT_EQ(cache.builds(), 3u);
  cache.body(1, "t", [] { return std::string("x"); });  // evicted: built again
  EXPECT_EQ(cache.builds(), 4u);
}

// Splits a JSON-lines watch body into its events.
std::vector<json> events(const std::string& body) {
  std::vector<json> parsed;
  std::istringstream lines(body);
  for (std::string line; std::getline(lines, line);) {
    if (!line.empty()) parsed.push_back(json::parse(line));
  }
  return parsed;
}

TEST(WatchTables, ManyTableWatchersGetIdenticalEvents) {
  const std::string kubectl = testing::findKubectl("1.32");
  if (kubectl.empty() || system("command -v curl >/dev/null 2>&1") != 0) GTEST_SKIP() << "kubectl 1.32 or curl not found";
  const testing::LiveCluster cluster;
  const auto run = [&](const std::string& command) {
    const testing::CommandResult result = cluster.run(command);
    EXPECT_EQ(result.exitCode, 0) << command << "\n" << result.output;
    return result.output;
  };
  const std::string server = run(kubectl + " config view -o jsonpath={.clusters[0].cluster.server}");
  const std::string from =
      json::parse(run(kubectl + " get --raw /api/v1/namespaces/default/configmaps"))["metadata"]["resourceVersion"];
  for (int i = 0; i < 5; ++i) run(kubectl + " create configmap cm-" + std::to_string(i) + " --from-literal=k=v");
  run(kubectl + " delete configmap cm-0");
  // Twelve watchers replay the same events from `from`, concurrently.
  std::string watchers;
  for (int i = 0; i < 12; ++i) {
    watchers += "curl -sN -H 'Accept: application/json;as=Table;v=v1;g=meta.k8s.io,application/json' '" + server +
                "/api/v1/namespaces/default/configmaps?watch=1&resourceVersion=" + from +
                "&timeoutSeconds=2' > w" + std::to_string(i) + ".out & ";
  }
  run("sh -c \"" + watchers + "wait\"");
  const std::string first = run("cat w0.out");
  const std::vector<json> parsed = events(first);
  ASSERT_EQ(parsed.size(), 6u) << first;
  EXPECT_EQ(parsed[0]["type"], "ADDED");
  EXPECT_EQ(parsed[5]["type"], "DELETED");
  EXPECT_EQ(parsed[0]["object"]["kind"], "Table");
  EXPECT_TRUE(parsed[0]["object"]["columnDefinitions"].is_array());   // the first event has the headers,
  EXPECT_TRUE(parsed[1]["object"]["columnDefinitions"].is_null());    // the others none, as on Kubernetes
  EXPECT_EQ(parsed[1]["object"]["rows"][0]["cells"][0], "cm-1");
  EXPECT_EQ(parsed[1]["object"]["metadata"]["resourceVersion"],
            parsed[1]["object"]["rows"][0]["object"]["metadata"]["resourceVersion"]);
  for (int i = 1; i < 12; ++i) EXPECT_EQ(run("cat w" + std::to_string(i) + ".out"), first) << "watcher " << i;
}

}  // namespace
}  // namespace ho::kube
