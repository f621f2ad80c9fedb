// The deployment manifests (manifests/): `kubectl kustomize` builds them into
// exactly tests/cli/data/manifests.golden.yaml (the CRD document excepted: its
// one source is crds/, checked separately), and `kubectl apply -k
// --dry-run=server` accepts them on the bundled API server, as it does
// examples/sharding/ (manifests/ with the manifests/sharding component).
// Regenerate the golden file after a deliberate change with
//   HO_UPDATE_GOLDEN=1 build/tests/test_cli --gtest_filter='Manifests.*'
#include <gtest/gtest.h>

#include <cstdlib>
#include <string>
#include <vector>

#include "../kube/e2e_support.h"
#include "cli_test_support.h"

namespace ho::cli::testing {
namespace {

const std::string kSource = HO_SOURCE_DIR;
const std::string kGolden = kSource + "/tests/cli/data/manifests.golden.yaml";

std::vector<std::string> splitDocuments(const std::string& stream) {
  std::vector<std::string> documents;
  std::size_t start = 0;
  while (start <= stream.size()) {
    const std::size_t separator = stream.find("\n---\n", start);
    const std::size_t end = separator == std::string::npos ? stream.size() : separator + 1;
    documents.push_back(stream.substr(start, end - start));
    if (separator == std::string::npos) break;
    start = separator + 5;
  }
  return documents;
}

bool isCrd(const std::string& document) {
  return document.find("\nkind: CustomResourceDefinition\n") != std::string::npos;
}

TEST(Manifests, KustomizeBuildMatchesGolden) {
  const std::string kubectl = kube::testing::findKubectl("1.32");
  if (kubectl.empty()) GTEST_SKIP() << "no kubectl 1.32";
  ScratchDir dir;
  const CommandOutput built = dir.run(kubectl + " kustomize '" + kSource + "/manifests'");
  ASSERT_EQ(built.exitCode, 0) << built.err;
  const CommandOutput crd = dir.run(kubectl + " kustomize '" + kSource + "/crds'");
  ASSERT_EQ(crd.exitCode, 0) << crd.err;

  std::string withoutCrd;
  int crds = 0;
  for (const std::string& document : splitDocuments(built.out)) {
    if (!isCrd(document)) {
      withoutCrd += (withoutCrd.empty() ? "" : "---\n") + document;
      continue;
    }
    ++crds;
    // The CRD as crds/ defines it, plus the part-of label.
    std::string labelled = crd.out;
    labelled.replace(labelled.find("metadata:\n"), 10, "metadata:\n  labels:\n    app.kubernetes.io/part-of: helm-operator\n");
    EXPECT_EQ(document, labelled);
  }
  EXPECT_EQ(crds, 1);
  if (std::getenv("HO_UPDATE_GOLDEN") != nullptr) dir.write(kGolden, withoutCrd);
  EXPECT_EQ(withoutCrd, readText(kGolden));
}

// `kubectl apply -k` of kustomization `folder` (under the source tree) with --dry-run=server on `cluster`;
// expects each of `objects` (e.g. "deployment.apps/helm-operator") to be reported created.
void expectServerDryRunCreates(const kube::testing::LiveCluster& cluster, const std::string& kubectl,
                               const std::string& folder, const std::vector<std::string>& objects) {
  // As on any cluster, a server-side dry run of namespaced objects needs their namespace to exist.
  ASSERT_EQ(cluster.run(kubectl + " create namespace helm-operator").exitCode, 0);
  const auto applied = cluster.run(kubectl + " apply -k '" + kSource + "/" + folder + "' --dry-run=server");
  ASSERT_EQ(applied.exitCode, 0) << applied.output;
  for (const std::string& object : objects) {
    EXPECT_NE(applied.output.find(object + " created (server dry run)"), std::string::npos)
        << object << "\n" << applied.output;
  }
}

TEST(Manifests, ServerDryRunApplySucceeds) {
  const std::string kubectl = kube::testing::findKubectl("1.32");
  if (kubectl.empty()) GTEST_SKIP() << "no kubectl 1.32";
  kube::testing::LiveCluster cluster;
  expectServerDryRunCreates(cluster, kubectl, "manifests",
                            {"customresourcedefinition.apiextensions.k8s.io/helmreleases.helm.fluxcd.io",
                             "serviceaccount/helm-operator", "clusterrole.rbac.authorization.k8s.io/helm-operator",
                             "role.rbac.authorization.k8s.io/helm-operator-leader-election",
                             "deployment.apps/helm-operator", "service/helm-operator-metrics",
                             "poddisruptionbudget.policy/helm-operator"});
  // A dry run stores nothing.
  EXPECT_NE(cluster.run(kubectl + " get deployment -n helm-operator helm-operator").exitCode, 0);
}

// examples/sharding/: manifests/ plus the manifests/sharding component (docs/operations.md, "Sharding").
TEST(Manifests, ShardingExampleAddsTwoShardDeploymentsAndNarrowsTheDefaultOne) {
  const std::string kubectl = kube::testing::findKubectl("1.32");
  if (kubectl.empty()) GTEST_SKIP() << "no kubectl 1.32";
  kube::testing::LiveCluster cluster;
  expectServerDryRunCreates(cluster, kubectl, "examples/sharding",
                            {"deployment.apps/helm-operator", "deployment.apps/helm-operator-shard1",
                             "deployment.apps/helm-operator-shard2", "poddisruptionbudget.policy/helm-operator-shard1",
                             "poddisruptionbudget.policy/helm-operator-shard2"});
  const auto built = cluster.run(kubectl + " kustomize '" + kSource + "/examples/sharding'");
  ASSERT_EQ(built.exitCode, 0) << built.output;
  for (const char* argument : {"--watch-label-selector=!sharding.fluxcd.io/key",
                               "--watch-label-selector=sharding.fluxcd.io/key=shard1",
                               "--leader-election-id=helm-operator-shard1",
                               "--watch-label-selector=sharding.fluxcd.io/key=shard2",
                               "--leader-election-id=helm-operator-shard2"}) {
    EXPECT_NE(built.output.find("- " + std::string(argument) + "\n"), std::string::npos) << argument;
  }
}

}  // namespace
}  // namespace ho::cli::testing
