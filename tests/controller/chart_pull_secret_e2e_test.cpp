// spec.chart.chartPullSecret end to end through real kubectl: the bundled API
// server, the in-process controller, and chart repositories (our `repo
// serve`) that want basic auth or a bearer token. The Secret's credentials
// release the chart; without them, or with a wrong password, the HelmRelease
// reports ChartFetchFailed and the password appears nowhere (status, Events,
// `kubectl get -o yaml`, `kubectl describe`); a missing Secret, a missing key
// and a broken PEM are named in the message. Skipped without kubectl 1.32.
#include <gtest/gtest.h>

#include "kubectl_operator_test.h"

namespace ho::controller {
namespace {

using testing::eventually;

constexpr const char* kRepositoryPassword = "s3cret-chart-pass";
constexpr const char* kWrongPassword = "wrong-pass-4711";

class ChartPullSecretE2E : public testing::KubectlOperatorTest {
 protected:
  void SetUp() override {
    KubectlOperatorTest::SetUp();
    if (IsSkipped()) return;
    chart::repo::StaticServerOptions basic;
    basic.username = "chart-user";
    basic.password = kRepositoryPassword;
    basicAuth_ = std::make_unique<testing::TestChartRepository>(workDir_ + "/basic-repo", basic);
    ASSERT_EQ(basicAuth_->publish("app", "1.0.0", {{"templates/cm.yaml", testing::kChartVersionTemplate}}), "");
    startController(optionsWithEvents());
  }

  std::unique_ptr<testing::TestChartRepository> basicAuth_;
};

TEST_F(ChartPullSecretE2E, BasicAuthFromTheSecretReleasesAndAWrongPasswordFailsWithoutLeakingIt) {
  applySecret("repo-creds", {{"username", "chart-user"}, {"password", kRepositoryPassword}});
  applyRelease("good", basicAuth_->url(), "1.0.0", "repo-creds");
  applyRelease("anonymous", basicAuth_->url(), "1.0.0");
  applySecret("wrong-creds", {{"username", "chart-user"}, {"password", kWrongPassword}});
  applyRelease("wrong", basicAuth_->url(), "1.0.0", "wrong-creds");

  ASSERT_TRUE(eventually([&] { return condition("good", "Released") == "True"; })) << status("good").dump();
  EXPECT_EQ(status("good").value("revision", ""), "1.0.0");
  ASSERT_TRUE(eventually([&] { return chartFetchFailed("anonymous") && chartFetchFailed("wrong"); }))
      << status("anonymous").dump() << status("wrong").dump();
  EXPECT_NE(conditionMessage("anonymous", "ChartFetched").find("401 Unauthorized"), std::string::npos)
      << conditionMessage("anonymous", "ChartFetched");
  const std::string message = conditionMessage("wrong", "ChartFetched");
  EXPECT_NE(message.find("401 Unauthorized (with the credentials of spec.chart.chartPullSecret secret "
                         "default/wrong-creds)"),
            std::string::npos)
      << message;

  ASSERT_TRUE(eventually([&] { return !warningEvents("wrong").empty(); }));
  const std::string shown = kubectl("get hr wrong -o yaml") +
                            kubectl("describe hr wrong") + warningEvents("wrong") +
                            kubectl("get events -o yaml");
  EXPECT_NE(shown.find("Unauthorized"), std::string::npos) << shown;
  EXPECT_EQ(shown.find(kWrongPassword), std::string::npos) << shown;
  EXPECT_EQ(shown.find(kRepositoryPassword), std::string::npos) << shown;
}

TEST_F(ChartPullSecretE2E, ABearerTokenFromTheSecretIsSent) {
  chart::repo::StaticServerOptions bearer;
  bearer.bearerToken = "token-0123456789";
  testing::TestChartRepository tokenRepository(workDir_ + "/token-repo", bearer);
  ASSERT_EQ(tokenRepository.publish("app", "1.0.0", {{"templates/cm.yaml", testing::kChartVersionTemplate}}), "");
  applySecret("token-creds", {{"token", "token-0123456789"}});
  applyRelease("with-token", tokenRepository.url(), "1.0.0", "token-creds");
  ASSERT_TRUE(eventually([&] { return condition("with-token", "Released") == "True"; }))
      << status("with-token").dump();
}

TEST_F(ChartPullSecretE2E, AMissingSecretAMissingKeyAndABrokenPemAreNamed) {
  applyRelease("absent", basicAuth_->url(), "1.0.0", "no-such-secret");
  applySecret("half", {{"username", "chart-user"}});
  applyRelease("half", basicAuth_->url(), "1.0.0", "half");
  applySecret("bad-ca",
              {{"username", "chart-user"}, {"password", kRepositoryPassword}, {"ca.crt", "not a certificate"}});
  applyRelease("bad-ca", basicAuth_->url(), "1.0.0", "bad-ca");
  applySecret("bad-key", {{"tls.crt", "-----BEGIN CERTIFICATE-----"}, {"tls.key", "nope"}});
  applyRelease("bad-key", basicAuth_->url(), "1.0.0", "bad-key");

  ASSERT_TRUE(eventually([&] {
    return chartFetchFailed("absent") && chartFetchFailed("half") && chartFetchFailed("bad-ca") &&
           chartFetchFailed("bad-key");
  }));
  const std::map<std::string, std::string> expected{
      {"absent", "spec.chart.chartPullSecret secret default/no-such-secret"},
      {"half", "secret default/half has key \"username\" but no key \"password\""},
      {"bad-ca", "secret default/bad-ca key \"ca.crt\" is not a PEM certificate"},
      {"bad-key", "secret default/bad-key key \"tls.crt\" is not a PEM certificate"},
  };
  for (const auto& [name, text] : expected) {
    const std::string message = conditionMessage(name, "ChartFetched");
    EXPECT_NE(message.find(text), std::string::npos) << name << ": " << message;
  }
}

}  // namespace
}  // namespace ho::controller
