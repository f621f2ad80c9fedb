// known_hosts matching for SSH git remotes: plain and [host]:port names,
// hashed entries (values written by OpenSSH's `ssh-keygen -H`, recorded
// here, and made afresh when ssh-keygen is installed), markers and the
// port of a git URL.
#include <gtest/gtest.h>

#include <fstream>

#include "chart/git/known_hosts.h"
#include "git_test_support.h"

namespace ho::chart::git {
namespace {

// Key blobs and their base64 as known_hosts carries them.
constexpr std::string_view kKeyAbc = "abc";  // "YWJj"
constexpr std::string_view kKeyDef = "def";  // "ZGVm"

// `ssh-keygen -H` of "example.com ssh-ed25519 YWJj" and "[127.0.0.1]:2222 ssh-ed25519 ZGVm".
constexpr const char* kHashedExampleCom = "|1|Je61vahRYZdoP9r4GKsMqpLlwHc=|oPrL8+72VB0xkEsQ0X2buLgM/Qk=";
constexpr const char* kHashedLoopback2222 = "|1|86et4uZlGPQqDLQKnJWCqQ8kmAQ=|WahsEOmfIA8T+nCmFcuX5eTS2DY=";

TEST(GitKnownHosts, KnownHostsName_PortOtherThan22IsBracketed) {
  EXPECT_EQ(knownHostsName("github.com", 22), "github.com");
  EXPECT_EQ(knownHostsName("127.0.0.1", 2222), "[127.0.0.1]:2222");
}

TEST(GitKnownHosts, SshPortOf_UrlForms) {
  EXPECT_EQ(sshPortOf("ssh://git@github.com/org/charts"), 22);
  EXPECT_EQ(sshPortOf("ssh://git@127.0.0.1:2222/srv/charts.git"), 2222);
  EXPECT_EQ(sshPortOf("ssh://[::1]:2200/charts"), 2200);
  EXPECT_EQ(sshPortOf("git@github.com:org/charts.git"), 22);
  EXPECT_EQ(sshPortOf("ssh://host:99999/x"), 22);
}

TEST(GitKnownHosts, HashedEntryMatchesOnlyItsName) {
  EXPECT_TRUE(hostEntryMatches(kHashedExampleCom, "example.com"));
  EXPECT_FALSE(hostEntryMatches(kHashedExampleCom, "example.org"));
  EXPECT_TRUE(hostEntryMatches(kHashedLoopback2222, "[127.0.0.1]:2222"));
  EXPECT_FALSE(hostEntryMatches(kHashedLoopback2222, "127.0.0.1"));
  EXPECT_FALSE(hostEntryMatches(kHashedLoopback2222, "[127.0.0.1]:2223"));
  EXPECT_FALSE(hostEntryMatches("|1|not base64|x", "example.com"));
}

TEST(GitKnownHosts, AcceptsHashedAndPlainLinesForTheRightKeyAndPort) {
  const std::string knownHosts = std::string("# comment\n") + kHashedExampleCom + " ssh-ed25519 YWJj\n" +
                                 kHashedLoopback2222 + " ssh-ed25519 ZGVm\nother.org,plain.org ssh-rsa YWJj\n";
  EXPECT_TRUE(knownHostsAccept(knownHosts, "example.com", 22, kKeyAbc));
  EXPECT_FALSE(knownHostsAccept(knownHosts, "example.com", 22, kKeyDef));
  EXPECT_TRUE(knownHostsAccept(knownHosts, "127.0.0.1", 2222, kKeyDef));
  EXPECT_FALSE(knownHostsAccept(knownHosts, "127.0.0.1", 22, kKeyDef));
  EXPECT_TRUE(knownHostsAccept(knownHosts, "plain.org", 22, kKeyAbc));
  EXPECT_FALSE(knownHostsAccept(knownHosts, "plain.org", 2222, kKeyAbc));
}

TEST(GitKnownHosts, RevokedKeyIsRefusedAndCertAuthorityIsNoHostKey) {
  EXPECT_FALSE(knownHostsAccept("example.com ssh-ed25519 YWJj\n@revoked example.com ssh-ed25519 YWJj\n",
                                "example.com", 22, kKeyAbc));
  EXPECT_FALSE(knownHostsAccept("@cert-authority example.com ssh-ed25519 YWJj\n", "example.com", 22, kKeyAbc));
}

TEST(GitKnownHosts, EntriesHashedBySshKeygenMatch) {
  testing::TempDir dir;
  dir.write("known_hosts", "[127.0.0.1]:2222 ssh-ed25519 ZGVm\nexample.com ssh-ed25519 YWJj\n");
  try {
    testing::runIn(dir.path(), "ssh-keygen -H -f known_hosts");
  } catch (const std::exception&) {
    GTEST_SKIP() << "ssh-keygen (openssh-client) is not available";
  }
  std::ifstream in(dir.file("known_hosts"));
  const std::string hashed((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
  ASSERT_TRUE(hashed.starts_with("|1|")) << hashed;
  EXPECT_EQ(hashed.find("127.0.0.1"), std::string::npos);
  EXPECT_TRUE(knownHostsAccept(hashed, "127.0.0.1", 2222, kKeyDef));
  EXPECT_TRUE(knownHostsAccept(hashed, "example.com", 22, kKeyAbc));
  EXPECT_FALSE(knownHostsAccept(hashed, "example.com", 22, kKeyDef));
}

}  // namespace
}  // namespace ho::chart::git
