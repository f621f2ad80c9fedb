// Kubeconfig loading: KUBECONFIG merging (first file wins), contexts,
// inline and file credentials, relative paths, and the in-cluster account.
#include <gtest/gtest.h>

#include <cstdlib>
#include <filesystem>
#include <fstream>

#include "kube/client/base64_codec.h"
#include "kube/client/kubeconfig.h"

namespace ho::kube::client {
namespace {

namespace fs = std::filesystem;

class KubeconfigTest : public ::testing::Test {
 protected:
  void SetUp() override {
    dir_ = fs::temp_directory_path() / ("kubeconfig-test-" + std::to_string(::getpid()));
    fs::create_directories(dir_ / "sub");
  }
  void TearDown() override { fs::remove_all(dir_); }

  std::string write(const std::string& name, const std::string& text) {
    const fs::path path = dir_ / name;
    std::ofstream(path) << text;
    return path.string();
  }

  fs::path dir_;
};

const char* kFirst = R"(apiVersion: v1
kind: Config
current-context: dev
clusters:
- name: dev-cluster
  cluster:
    server: https://10.0.0.1:6443
    certificate-authority: ca.pem
contexts:
- name: dev
  context: {cluster: dev-cluster, user: dev-user, namespace: team-a}
users:
- name: dev-user
  user:
    tokenFile: token.txt
)";

const char* kSecond = R"(current-context: prod
clusters:
- name: dev-cluster
  cluster: {server: https://ignored:1}
- name: prod-cluster
  cluster:
    server: https://prod.example:443
    insecure-skip-tls-verify: true
contexts:
- name: prod
  context: {cluster: prod-cluster, user: prod-user}
users:
- name: prod-user
  user:
    client-certificate-data: Q0VSVA==
    client-key-data: S0VZ
    token: abc
)";

TEST_F(KubeconfigTest, Kubeconfig_FirstFileWinsForCurrentContextAndNames) {
  const std::string first = write("sub/first", kFirst);
  write("sub/ca.pem", "PEM-CA");
  const std::string second = write("second", kSecond);
  auto config = loadKubeconfig({{first, second}, ""});
  ASSERT_TRUE(config) << config.error().message;
  EXPECT_EQ(config->server, "https://10.0.0.1:6443");
  EXPECT_EQ(config->caPem, "PEM-CA");  // relative to the file that named it
  EXPECT_EQ(config->namespace_, "team-a");
  EXPECT_EQ(config->tokenFile, (dir_ / "sub" / "token.txt").string());
}

TEST_F(KubeconfigTest, Kubeconfig_ContextOverrideUsesEntriesFromLaterFiles) {
  const std::string first = write("first", kFirst);
  const std::string second = write("second", kSecond);
  auto config = loadKubeconfig({{first, write("missing-is-skipped", ""), second}, "prod"});
  ASSERT_TRUE(config) << config.error().message;
  EXPECT_EQ(config->server, "https://prod.example:443");
  EXPECT_TRUE(config->insecureSkipTlsVerify);
  EXPECT_EQ(config->clientCertPem, "CERT");
  EXPECT_EQ(config->clientKeyPem, "KEY");
  EXPECT_EQ(config->bearerToken, "abc");
  EXPECT_EQ(config->namespace_, "default");
}

TEST_F(KubeconfigTest, Kubeconfig_UnknownContextIsAnError) {
  auto config = kubeconfigFromText(kFirst, "nope");
  ASSERT_FALSE(config);
  EXPECT_EQ(config.error().message, "context \"nope\" does not exist");
}

TEST_F(KubeconfigTest, Kubeconfig_MissingClusterIsAnError) {
  auto config = kubeconfigFromText("current-context: x\ncontexts:\n- name: x\n  context: {cluster: gone}\n");
  ASSERT_FALSE(config);
  EXPECT_NE(config.error().message.find("refers to cluster \"gone\""), std::string::npos);
}

TEST_F(KubeconfigTest, Kubeconfig_BadBase64DataNamesTheField) {
  auto config = kubeconfigFromText(
      "current-context: x\nclusters:\n- name: c\n  cluster: {server: 'https://h:1', certificate-authority-data: '!!notbase64'}\n"
      "contexts:\n- name: x\n  context: {cluster: c, user: u}\nusers:\n- name: u\n  user: {}\n");
  ASSERT_FALSE(config);
  EXPECT_NE(config.error().message.find("certificate-authority-data"), std::string::npos) << config.error().message;
}

TEST_F(KubeconfigTest, Kubeconfig_UnreadableFileAndMalformedYamlNameTheFile) {
  const std::string dirAsFile = (dir_ / "sub").string();  // a directory cannot be read as a file
  auto unreadable = loadKubeconfig({{dirAsFile}, ""});
  ASSERT_FALSE(unreadable);
  EXPECT_NE(unreadable.error().message.find(dirAsFile), std::string::npos) << unreadable.error().message;

  const std::string broken = write("broken.yaml", "clusters: [\n  - {name: a\n");
  auto malformed = loadKubeconfig({{broken}, ""});
  ASSERT_FALSE(malformed);
  EXPECT_NE(malformed.error().message.find(broken), std::string::npos) << malformed.error().message;
}

TEST_F(KubeconfigTest, Kubeconfig_EnvironmentListSkipsEmptyEntries) {
  ::setenv("KUBECONFIG", "/a::/b:", 1);
  EXPECT_EQ(kubeconfigPathsFromEnvironment(), (std::vector<std::string>{"/a", "/b"}));
  ::unsetenv("KUBECONFIG");
}

TEST_F(KubeconfigTest, InCluster_ReadsServiceAccountFiles) {
  write("token", "sa-token\n");
  write("ca.crt", "SA-CA");
  write("namespace", "flux\n");
  ::setenv("KUBERNETES_SERVICE_HOST", "10.96.0.1", 1);
  ::setenv("KUBERNETES_SERVICE_PORT", "443", 1);
  auto config = inClusterConfig(dir_.string());
  ::unsetenv("KUBERNETES_SERVICE_HOST");
  ::unsetenv("KUBERNETES_SERVICE_PORT");
  ASSERT_TRUE(config) << config.error().message;
  EXPECT_EQ(config->server, "https://10.96.0.1:443");
  EXPECT_EQ(config->caPem, "SA-CA");
  EXPECT_EQ(config->namespace_, "flux");
  EXPECT_EQ(config->tokenFile, (dir_ / "token").string());
}

TEST(Base64Codec, RoundTripsAndRejectsGarbage) {
  EXPECT_EQ(base64Encode("hello!?"), "aGVsbG8hPw==");
  EXPECT_EQ(base64Decode("aGVsbG8hPw=="), "hello!?");
  EXPECT_EQ(base64Decode(""), "");
  EXPECT_FALSE(base64Decode("abc"));
}

}  // namespace
}  // namespace ho::kube::client
