// Watching with the real kubectl: `kubectl events -w` (a typed client-go
// watch, which asks for protobuf and gets length-prefixed protobuf
// WatchEvents), `kubectl get -w` over a chunked list (Tables), and
// `kubectl wait` (JSON watches of one object).
#include <gtest/gtest.h>

#include "e2e_support.h"

namespace ho::kube {
namespace {

using KubectlWatchE2E = testing::KubectlTest;

std::string eventYaml(const std::string& name, const std::string& reason) {
  return "apiVersion: v1\nkind: Event\nmetadata:\n  name: " + name +
         "\n  namespace: default\ninvolvedObject:\n  kind: ConfigMap\n  name: settings\n  namespace: default\n"
         "reason: " +
         reason + "\nmessage: " + reason +
         " happened\ntype: Normal\ncount: 1\nsource:\n  component: test\n"
         "firstTimestamp: \"2026-01-01T00:00:00Z\"\nlastTimestamp: \"2026-01-01T00:00:00Z\"\n";
}

// Runs `watchArguments` in the background, then `whileWatching`, and
// returns what the watch printed.
std::string watchWhile(const testing::LiveCluster& cluster, const std::string& kubectl,
                       const std::string& watchArguments, const std::string& whileWatching) {
  const testing::CommandResult result =
      cluster.run("sh -c '" + kubectl + " " + watchArguments + " > watch.out 2>&1 & sleep 2; " + whileWatching +
                  "; sleep 2; kill $!; cat watch.out'");
  return result.output;
}

TEST_F(KubectlWatchE2E, EventsWatchIsServedAsProtobuf) {
  cluster_->writeFile("first.yaml", eventYaml("settings.1", "Created"));
  cluster_->writeFile("second.yaml", eventYaml("settings.2", "Rotated"));
  ok("create -f first.yaml");
  const std::string output =
      watchWhile(*cluster_, kubectl_, "events -w -v=8", kubectl_ + " create -f second.yaml >/dev/null");
  EXPECT_NE(output.find("Created"), std::string::npos) << output;
  EXPECT_NE(output.find("Rotated"), std::string::npos) << output;  // streamed while watching
  EXPECT_NE(output.find("ConfigMap/settings"), std::string::npos) << output;
  EXPECT_NE(output.find("Content-Type: application/vnd.kubernetes.protobuf;stream=watch"), std::string::npos) << output;
}

TEST_F(KubectlWatchE2E, GetWatchOverAChunkedList) {
  for (int i = 0; i < 5; ++i) ok("create configmap cm-" + std::to_string(i));
  const std::string listed = ok("get configmaps --chunk-size=2 -o name");
  EXPECT_EQ(listed, "configmap/cm-0\nconfigmap/cm-1\nconfigmap/cm-2\nconfigmap/cm-3\nconfigmap/cm-4\n");
  const std::string output = watchWhile(*cluster_, kubectl_, "get configmaps -w --chunk-size=2",
                                        kubectl_ + " create configmap late >/dev/null");
  for (const char* name : {"cm-0", "cm-4", "late"}) EXPECT_NE(output.find(name), std::string::npos) << output;
  EXPECT_EQ(output.find("NAME", 1), std::string::npos) << output;  // one header
}

TEST_F(KubectlWatchE2E, WaitFollowsAWatch) {
  ok("create configmap doomed");
  const std::string deleted = watchWhile(*cluster_, kubectl_, "wait --for=delete configmap/doomed --timeout=20s",
                                         kubectl_ + " delete configmap doomed >/dev/null");
  EXPECT_NE(deleted.find("configmap/doomed condition met"), std::string::npos) << deleted;
  ok("create configmap flag --from-literal=state=off");
  const std::string flipped =
      watchWhile(*cluster_, kubectl_, "wait --for=jsonpath={.data.state}=on configmap/flag --timeout=20s",
                 kubectl_ + " patch configmap flag -p {\\\"data\\\":{\\\"state\\\":\\\"on\\\"}} >/dev/null");
  EXPECT_NE(flipped.find("configmap/flag condition met"), std::string::npos) << flipped;
}

}  // namespace
}  // namespace ho::kube
