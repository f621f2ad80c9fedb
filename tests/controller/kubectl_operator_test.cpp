// KubectlOperatorTest: kubectl apply and Secret helpers over the in-process operator fixture.
#include "kubectl_operator_test.h"

namespace ho::controller::testing {

void KubectlOperatorTest::SetUp() {
  kubectl_ = kube::testing::findKubectl("1.32");
  if (kubectl_.empty()) GTEST_SKIP() << "kubectl 1.32 not found; skipped";
  InProcessOperatorTest::SetUp();
}

void KubectlOperatorTest::apply(const std::string& name, const std::string& yaml) const {
  const auto result = cluster_->run(kubectl_ + " apply -f " + cluster_->writeFile(name + ".yaml", yaml));
  ASSERT_EQ(result.exitCode, 0) << result.output;
}

void KubectlOperatorTest::applySecret(const std::string& name,
                                      const std::map<std::string, std::string>& stringData) const {
  std::string yaml =
      "apiVersion: v1\nkind: Secret\nmetadata:\n  name: " + name + "\n  namespace: default\nstringData:\n";
  for (const auto& [key, value] : stringData) {
    yaml += "  " + key + ": |-\n";
    std::size_t start = 0;
    while (start < value.size()) {
      const std::size_t end = std::min(value.find('\n', start), value.size());
      yaml += "    " + value.substr(start, end - start) + "\n";
      start = end + 1;
    }
  }
  apply("secret-" + name, yaml);
}

void KubectlOperatorTest::applyRelease(const std::string& name, const std::string& repository,
                                       const std::string& version, const std::string& secret) const {
  std::string yaml = "apiVersion: helm.fluxcd.io/v1\nkind: HelmRelease\nmetadata:\n  name: " + name +
                     "\n  namespace: default\nspec:\n  releaseName: " + name + "\n  chart:\n    repository: " +
                     repository + "\n    name: app\n    version: '" + version + "'\n";
  if (!secret.empty()) yaml += "    chartPullSecret:\n      name: " + secret + "\n";
  apply("hr-" + name, yaml);
}

std::string KubectlOperatorTest::kubectl(const std::string& arguments) const {
  return cluster_->run(kubectl_ + " " + arguments).output;
}

bool KubectlOperatorTest::chartFetchFailed(const std::string& name) const {
  return phase(name) == "ChartFetchFailed" && condition(name, "ChartFetched") == "False";
}

}  // namespace ho::controller::testing
