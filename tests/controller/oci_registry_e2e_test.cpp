// HelmReleases whose chart lives in an OCI registry (spec.chart.repository:
// oci://...), end to end: a real registry (Debian's docker-registry) on
// 127.0.0.1, charts pushed into it with the reference helm, HelmReleases and
// Secrets applied with real kubectl, and the in-process controller. Covered:
// an exact version is released (status.revision is the chart version); a
// range picks the newest matching tag (a "+" version stored as "_");
// a missing tag reports ChartFetchFailed; htpasswd basic auth with the
// credentials of spec.chart.chartPullSecret, and a wrong password reported
// without leaking it; a TLS registry trusted through the Secret's ca.crt.
// Skipped without kubectl 1.32, docker-registry or the reference helm.
#include <gtest/gtest.h>

#include <unistd.h>

#include <fstream>

#include "../chart/repo_test_support.h"
#include "kubectl_operator_test.h"
#include "kube/client/core_resources.h"
#include "test_oci_registry.h"

namespace ho::controller {
namespace {

using testing::eventually;

const std::map<std::string, std::string> kChartFiles{{"templates/cm.yaml", testing::kChartVersionTemplate}};
constexpr const char* kRegistryPassword = "registry-pass-42";
constexpr const char* kWrongPassword = "not-the-pass-99";

class OciRegistryE2E : public testing::KubectlOperatorTest {
 protected:
  void SetUp() override {
    if (::access(testing::kDockerRegistryBinary, X_OK) != 0) {
      GTEST_SKIP() << testing::kDockerRegistryBinary << " not found (apt-get install docker-registry); skipped";
    }
    helm_ = kube::testing::findReferenceBinary("helm");
    if (helm_.empty()) GTEST_SKIP() << "reference helm not found; OCI registry e2e skipped";
    KubectlOperatorTest::SetUp();
    if (IsSkipped()) return;
    startController(optionsWithEvents());
  }

  std::unique_ptr<testing::TestOciRegistry> startRegistry(const std::string& name,
                                                          const testing::OciRegistryOptions& options = {}) const {
    auto registry = std::make_unique<testing::TestOciRegistry>(workDir_ + "/" + name, options);
    EXPECT_TRUE(registry->ready()) << registry->log();
    return registry;
  }

  void push(const testing::TestOciRegistry& registry, const std::string& version) const {
    const std::string failure = registry.push(*cluster_, helm_, "app", version, kChartFiles);
    ASSERT_EQ(failure, "") << failure;
  }

  static std::string charts(const testing::TestOciRegistry& registry) { return "oci://" + registry.host() + "/charts"; }

  std::string revisionOf(const std::string& name) const { return status(name).value("revision", ""); }

  std::string configMapChart(const std::string& name) const {
    auto object = client_->get(kube::client::resourcePath(kube::client::kConfigMaps, "default", name));
    return object ? (*object)["data"].value("chart", "") : "";
  }

  std::string helm_;
};

TEST_F(OciRegistryE2E, ReleasesAnExactVersionFollowsARangeToTheNewestTagAndReportsAMissingTag) {
  auto registry = startRegistry("registry");
  push(*registry, "1.0.0");
  applyRelease("oci", charts(*registry), "1.0.0");
  ASSERT_TRUE(eventually([&] { return condition("oci", "Released") == "True"; })) << status("oci").dump();
  EXPECT_EQ(revisionOf("oci"), "1.0.0");
  EXPECT_EQ(configMapChart("oci"), "1.0.0");

  push(*registry, "1.1.0");
  push(*registry, "1.2.0+build.5");  // stored as the tag 1.2.0_build.5
  push(*registry, "2.0.0");
  applyRelease("oci", charts(*registry), ">=1.1.0 <2.0.0");
  ASSERT_TRUE(eventually([&] { return revisionOf("oci") == "1.2.0+build.5" && revision("oci", 2) == "deployed"; }))
      << status("oci").dump();
  EXPECT_EQ(configMapChart("oci"), "1.2.0+build.5");

  applyRelease("missing", charts(*registry), "9.9.9");
  ASSERT_TRUE(eventually([&] { return chartFetchFailed("missing"); })) << status("missing").dump();
  const std::string message = conditionMessage("missing", "ChartFetched");
  EXPECT_NE(message.find(registry->host() + "/charts/app:9.9.9: not found"), std::string::npos) << message;
}

TEST_F(OciRegistryE2E, BasicAuthComesFromTheChartPullSecretAndAWrongPasswordIsNotLeaked) {
  testing::OciRegistryOptions htpasswd;
  htpasswd.username = "chart-bot";
  htpasswd.password = kRegistryPassword;
  auto registry = startRegistry("auth-registry", htpasswd);
  push(*registry, "1.0.0");
  applySecret("registry-creds", {{"username", "chart-bot"}, {"password", kRegistryPassword}});
  applySecret("wrong-creds", {{"username", "chart-bot"}, {"password", kWrongPassword}});
  applyRelease("authorized", charts(*registry), "1.0.0", "registry-creds");
  applyRelease("anonymous", charts(*registry), "1.0.0");
  applyRelease("refused", charts(*registry), "1.0.0", "wrong-creds");

  ASSERT_TRUE(eventually([&] { return condition("authorized", "Released") == "True"; }))
      << status("authorized").dump() << registry->log();
  EXPECT_EQ(revisionOf("authorized"), "1.0.0");
  ASSERT_TRUE(eventually([&] { return chartFetchFailed("anonymous") && chartFetchFailed("refused"); }));
  EXPECT_NE(conditionMessage("anonymous", "ChartFetched").find("401 Unauthorized"), std::string::npos)
      << conditionMessage("anonymous", "ChartFetched");
  ASSERT_TRUE(eventually([&] { return !warningEvents("refused").empty(); }));
  const std::string shown = kubectl("get hr refused -o yaml") +
                            kubectl("describe hr refused") + warningEvents("refused");
  EXPECT_NE(shown.find("Unauthorized"), std::string::npos) << shown;
  EXPECT_EQ(shown.find(kWrongPassword), std::string::npos) << shown;
}

TEST_F(OciRegistryE2E, ATlsRegistryIsTrustedThroughTheSecretsCa) {
  const std::string certs = workDir_ + "/certs";
  std::filesystem::create_directories(certs);
  if (!chart::testing::makeTestCertificates(certs)) GTEST_SKIP() << "openssl CLI could not make test certificates";
  // helm pushes to loopback registries over plain HTTP only, so the chart is
  // pushed through a plain registry and served over TLS by a second one on the same storage.
  testing::OciRegistryOptions options;
  options.storageDir = workDir_ + "/shared-storage";
  {
    auto plain = startRegistry("plain-registry", options);
    push(*plain, "1.0.0");
  }
  options.certFile = certs + "/server.crt";
  options.keyFile = certs + "/server.key";
  auto tls = startRegistry("tls-registry", options);
  const auto read = [&](const std::string& file) {
    std::ifstream in(certs + "/" + file);
    return std::string(std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>());
  };
  applySecret("registry-ca", {{"ca.crt", read("ca.crt")}});
  applyRelease("over-tls", charts(*tls), "1.0.0", "registry-ca");
  ASSERT_TRUE(eventually([&] { return condition("over-tls", "Released") == "True"; }))
      << status("over-tls").dump() << tls->log();
  EXPECT_EQ(revisionOf("over-tls"), "1.0.0");
}

}  // namespace
}  // namespace ho::controller
