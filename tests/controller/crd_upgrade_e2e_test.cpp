// The HelmRelease CRD at start-up: a cluster that kept an older CRD (here
// one whose condition types lack DependenciesReady, applied with real
// kubectl) gets the bundled one, and a CRD that already matches is not
// written again (no PUT goes through the proxy); crdNeedsUpdate ignores what
// the API server adds or drops when it stores a CRD.
#include <gtest/gtest.h>

#include <algorithm>
#include <fstream>
#include <sstream>

#include "../kube/e2e_support.h"
#include "controller/reconciler/crd_installer.h"
#include "encoding/go_json.h"
#include "encoding/go_yaml.h"
#include "fault_proxy.h"

namespace ho::controller {
namespace {

using nlohmann::json;

const std::string kCrdPath = std::string(HO_SOURCE_DIR) + "/crds/helm.fluxcd.io_helmreleases.yaml";
const json::json_pointer kConditionTypes(
    "/spec/versions/0/schema/openAPIV3Schema/properties/status/properties/conditions/items/properties/type/enum");

json bundledCrd() {
  std::ifstream in(kCrdPath);
  std::stringstream text;
  text << in.rdbuf();
  auto parsed = encoding::parseYaml(text.str());
  EXPECT_TRUE(parsed);
  auto converted = encoding::toJson(*parsed);
  EXPECT_TRUE(converted);
  return json::parse(*converted);
}

// The bundled CRD as an older controller shipped it: without one condition type.
json olderCrd() {
  json crd = bundledCrd();
  json& types = crd[kConditionTypes];
  types.erase(std::find(types.begin(), types.end(), "DependenciesReady"));
  return crd;
}

int crdPuts(const testing::FaultProxy& proxy) {
  const std::vector<std::string> requests = proxy.requests();
  return static_cast<int>(std::count_if(requests.begin(), requests.end(), [](const std::string& request) {
    return request.starts_with("PUT ") && request.find("customresourcedefinitions") != std::string::npos;
  }));
}

TEST(CrdNeedsUpdate, ComparesVersionsAndNamesAsStored) {
  const json bundled = bundledCrd();
  EXPECT_FALSE(crdNeedsUpdate(bundled, bundled));
  EXPECT_TRUE(crdNeedsUpdate(olderCrd(), bundled));

  // What an API server adds or drops when it stores the CRD is no difference.
  json stored = bundled;
  stored["metadata"]["resourceVersion"] = "42";
  stored["status"] = {{"acceptedNames", bundled["spec"]["names"]}};
  stored["spec"]["conversion"] = {{"strategy", "None"}};
  stored["spec"]["names"]["categories"] = json::array();
  stored["spec"]["versions"][0]["deprecated"] = false;
  EXPECT_FALSE(crdNeedsUpdate(stored, bundled));

  json renamed = bundled;
  renamed["spec"]["names"]["shortNames"] = json::array({"helmrelease"});
  EXPECT_TRUE(crdNeedsUpdate(renamed, bundled));
  json unserved = bundled;
  unserved["spec"]["versions"][0]["served"] = false;
  EXPECT_TRUE(crdNeedsUpdate(unserved, bundled));
}

TEST(CrdUpgradeE2E, AnOlderCrdIsUpdatedAtStartAndAMatchingOneIsNotWritten) {
  const std::string kubectl = kube::testing::findKubectl("1.32");
  if (kubectl.empty()) GTEST_SKIP() << "kubectl 1.32 binary not found";
  kube::testing::LiveCluster cluster;
  const std::string older = cluster.writeFile("older-crd.json", olderCrd().dump());
  const kube::testing::CommandResult applied = cluster.run(kubectl + " apply -f " + older);
  ASSERT_EQ(applied.exitCode, 0) << applied.output;

  auto direct = cluster.connect();
  ASSERT_TRUE(direct) << direct.error().message;
  testing::FaultProxy proxy((*direct)->config().server);
  kube::client::RestConfig config = (*direct)->config();
  config.server = proxy.url();
  auto client = kube::client::RestClient::create(config);
  ASSERT_TRUE(client);

  auto first = ensureHelmReleaseCrd(**client, kCrdPath);
  ASSERT_TRUE(first) << first.error().message;
  EXPECT_EQ(*first, CrdChange::Updated);
  EXPECT_EQ(crdPuts(proxy), 1);
  const kube::testing::CommandResult types = cluster.run(
      kubectl + " get crd helmreleases.helm.fluxcd.io -o jsonpath='{.spec.versions[0].schema.openAPIV3Schema"
                ".properties.status.properties.conditions.items.properties.type.enum}'");
  ASSERT_EQ(types.exitCode, 0) << types.output;
  EXPECT_NE(types.output.find("\"DependenciesReady\""), std::string::npos) << types.output;

  // The next start finds it matching (as the server stored it) and writes nothing.
  auto second = ensureHelmReleaseCrd(**client, kCrdPath);
  ASSERT_TRUE(second) << second.error().message;
  EXPECT_EQ(*second, CrdChange::Unchanged);
  EXPECT_EQ(crdPuts(proxy), 1);

  // A CRD the file cannot be compared with is left alone.
  auto unreadable = ensureHelmReleaseCrd(**client, cluster.writeFile("unused", "") + ".absent");
  ASSERT_TRUE(unreadable) << unreadable.error().message;
  EXPECT_EQ(*unreadable, CrdChange::NotCompared);
  EXPECT_EQ(crdPuts(proxy), 1);
  proxy.stop();
}

TEST(CrdUpgradeE2E, AMissingCrdIsCreatedAndThenLeftAlone) {
  kube::testing::LiveCluster cluster;
  auto client = cluster.connect();
  ASSERT_TRUE(client) << client.error().message;
  auto created = ensureHelmReleaseCrd(**client, kCrdPath);
  ASSERT_TRUE(created) << created.error().message;
  EXPECT_EQ(*created, CrdChange::Created);
  auto again = ensureHelmReleaseCrd(**client, kCrdPath);
  ASSERT_TRUE(again) << again.error().message;
  EXPECT_EQ(*again, CrdChange::Unchanged);
}

}  // namespace
}  // namespace ho::controller
