// Git mirrors and charts from git: real repositories made with the git CLI,
// read over file://, a plain path, git daemon and sshd (identity and
// known_hosts, plain and hashed); refs, paths, change detection by tree id,
// failures (unreachable remote, refused credentials, an unknown host key)
// and sharing one mirror and one fetch between many users.
#include <gtest/gtest.h>

#include <thread>

#include "chart/git/git_chart.h"
#include "chart/loader.h"
#include "git_test_support.h"

namespace ho::chart::git {
namespace {

using testing::GitDaemon;
using testing::GitRepository;
using testing::TempDir;

class GitMirrorTest : public ::testing::Test {
 protected:
  GitMirrorTest() : repository(work.path(), "charts") {
    repository.writeChart("charts/app", "app", "one");
    repository.write("README.md", "hello\n");
    first = repository.commit("first");
  }

  MirrorPool pool() { return MirrorPool(cache.path(), {}); }

  TempDir work;
  TempDir cache;
  GitRepository repository;
  std::string first;
};

// The commit `ref` resolves to, or the error text.
std::string resolved(Mirror& mirror, const std::string& ref) {
  auto commit = mirror.resolve(ref);
  return commit ? *commit : commit.error().message;
}

std::string configMapValue(const Chart& chart) {
  return chart.templates.empty() ? "" : chart.templates.front().data.str();
}

TEST_F(GitMirrorTest, GitChart_LoadsChartFromBranchOverFileUrl) {
  MirrorPool mirrors = pool();
  auto loaded = loadGitChart(mirrors, {repository.fileUrl(), "master", "charts/app", {}});
  ASSERT_TRUE(loaded) << loaded.error().message;
  EXPECT_EQ(loaded->chart->name(), "app");
  EXPECT_EQ(loaded->commit, first);
  EXPECT_EQ(loaded->treeId, repository.git("rev-parse HEAD:charts/app"));
  ASSERT_EQ(loaded->chart->templates.size(), 1u);
  EXPECT_EQ(loaded->chart->templates.front().name, "templates/cm.yaml");
  EXPECT_NE(configMapValue(*loaded->chart).find("value: one"), std::string::npos);
}

TEST_F(GitMirrorTest, GitChart_PlainLocalPathWorks) {
  MirrorPool mirrors = pool();
  auto loaded = loadGitChart(mirrors, {repository.dir(), "master", "charts/app/", {}});
  ASSERT_TRUE(loaded) << loaded.error().message;
  EXPECT_EQ(loaded->commit, first);
}

TEST_F(GitMirrorTest, GitChart_ResolvesTagsBranchesAndCommits) {
  repository.git("tag v1");
  repository.git("tag -a v1-annotated -m release");
  repository.git("checkout -q -b feature");
  repository.writeChart("charts/app", "app", "feature");
  const std::string feature = repository.commit("feature");
  repository.git("checkout -q master");
  MirrorPool mirrors = pool();
  for (const auto& [ref, commit] : std::vector<std::pair<std::string, std::string>>{
           {"master", first}, {"v1", first}, {"v1-annotated", first}, {"feature", feature},
           {feature, feature}, {feature.substr(0, 7), feature}, {"refs/heads/feature", feature}}) {
    auto loaded = loadGitChart(mirrors, {repository.fileUrl(), ref, "charts/app", {}});
    ASSERT_TRUE(loaded) << ref << ": " << loaded.error().message;
    EXPECT_EQ(loaded->commit, commit) << ref;
  }
}

TEST_F(GitMirrorTest, GitChart_DefaultRefIsMaster) {
  MirrorPool mirrors = pool();
  auto loaded = loadGitChart(mirrors, {repository.fileUrl(), "", "charts/app", {}});
  ASSERT_TRUE(loaded) << loaded.error().message;
  EXPECT_EQ(loaded->commit, first);
}

TEST_F(GitMirrorTest, GitChart_MissingPathIsClearError) {
  MirrorPool mirrors = pool();
  auto loaded = loadGitChart(mirrors, {repository.fileUrl(), "master", "charts/missing", {}});
  ASSERT_FALSE(loaded);
  EXPECT_EQ(loaded.error().message,
            "path \"charts/missing\" not found in commit " + first + " of " + repository.fileUrl());
  auto file = loadGitChart(mirrors, {repository.fileUrl(), "master", "README.md", {}});
  ASSERT_FALSE(file);
  EXPECT_EQ(file.error().message,
            "path \"README.md\" is not a directory in commit " + first + " of " + repository.fileUrl());
}

TEST_F(GitMirrorTest, GitChart_UnknownRefIsClearError) {
  MirrorPool mirrors = pool();
  auto loaded = loadGitChart(mirrors, {repository.fileUrl(), "no-such-branch", "charts/app", {}});
  ASSERT_FALSE(loaded);
  EXPECT_EQ(loaded.error().message,
            "git ref \"no-such-branch\" (a branch, tag or commit) not found in " + repository.fileUrl());
}

TEST_F(GitMirrorTest, GitChart_NotAChartSaysWhy) {
  repository.write("docs/index.md", "# docs\n");
  const std::string second = repository.commit("docs");
  MirrorPool mirrors = pool();
  auto loaded = loadGitChart(mirrors, {repository.fileUrl(), "master", "docs", {}});
  ASSERT_FALSE(loaded);
  EXPECT_EQ(loaded.error().message,
            "loading the chart at \"docs\" of commit " + second + ": Chart.yaml file is missing");
}

TEST_F(GitMirrorTest, GitChart_HelmignoreIsHonoured) {
  repository.write("charts/app/.helmignore", "*.md\nsecret/\n");
  repository.write("charts/app/NOTES.md", "ignored\n");
  repository.write("charts/app/secret/key.txt", "ignored\n");
  repository.write("charts/app/files/kept.txt", "kept\n");
  repository.write("charts/app/templates/.hidden.yaml", "ignored by default\n");
  repository.commit("ignore");
  MirrorPool mirrors = pool();
  auto loaded = loadGitChart(mirrors, {repository.fileUrl(), "master", "charts/app", {}});
  ASSERT_TRUE(loaded) << loaded.error().message;
  std::vector<std::string> names;
  for (const File& file : loaded->chart->raw) names.push_back(file.name);
  EXPECT_EQ(names, (std::vector<std::string>{".helmignore", "Chart.yaml", "files/kept.txt", "templates/cm.yaml"}));
}

TEST_F(GitMirrorTest, GitMirror_TreeIdChangesOnlyWhenPathChanges) {
  MirrorPool mirrors = pool();
  auto mirror = mirrors.get(repository.fileUrl(), {});
  repository.write("README.md", "unrelated change\n");
  const std::string unrelated = repository.commit("readme");
  repository.writeChart("charts/app", "app", "two");
  const std::string related = repository.commit("chart");
  ASSERT_TRUE(mirror->refresh(true));
  auto before = mirror->treeId(first, "charts/app");
  auto afterUnrelated = mirror->treeId(unrelated, "charts/app");
  auto afterRelated = mirror->treeId(related, "charts/app");
  ASSERT_TRUE(before && afterUnrelated && afterRelated);
  EXPECT_EQ(*before, *afterUnrelated);
  EXPECT_NE(*before, *afterRelated);
}

TEST_F(GitMirrorTest, GitMirror_PollIntervalBoundsFetchesAndUnknownCommitsFetchOnDemand) {
  MirrorPool mirrors(cache.path(), {.pollInterval = std::chrono::hours(1)});
  auto mirror = mirrors.get(repository.fileUrl(), {});
  ASSERT_EQ(resolved(*mirror, "master"), first);
  repository.writeChart("charts/app", "app", "two");
  const std::string second = repository.commit("second");
  EXPECT_EQ(resolved(*mirror, "master"), first);  // within the poll interval
  EXPECT_EQ(mirrors.fetchCount(), 1u);
  EXPECT_EQ(resolved(*mirror, second), second);  // unknown commit: fetched on demand
  EXPECT_EQ(mirrors.fetchCount(), 2u);
  EXPECT_EQ(resolved(*mirror, "master"), second);
}

TEST_F(GitMirrorTest, GitMirror_ServedByGitDaemon) {
  GitDaemon daemon(work.path());
  if (!daemon.available()) GTEST_SKIP() << "git daemon is not available";
  MirrorPool mirrors = pool();
  auto loaded = loadGitChart(mirrors, {daemon.url("charts"), "master", "charts/app", {}});
  ASSERT_TRUE(loaded) << loaded.error().message;
  EXPECT_EQ(loaded->commit, first);
  repository.writeChart("charts/app", "app", "two");
  const std::string second = repository.commit("second");
  ASSERT_TRUE(mirrors.refreshAll().empty());
  auto updated = loadGitChart(mirrors, {daemon.url("charts"), "master", "charts/app", {}});
  ASSERT_TRUE(updated) << updated.error().message;
  EXPECT_EQ(updated->commit, second);
  EXPECT_NE(configMapValue(*updated->chart).find("value: two"), std::string::npos);
}

TEST_F(GitMirrorTest, GitMirror_UnreachableRemoteFailsNamingTheUrlAndBacksOff) {
  const std::string url = "git://127.0.0.1:" + std::to_string(testing::freeLoopbackPort()) + "/charts";
  MirrorPool mirrors(cache.path(), {.minBackoff = std::chrono::minutes(1)});
  auto loaded = loadGitChart(mirrors, {url, "master", "charts/app", {}});
  ASSERT_FALSE(loaded);
  EXPECT_TRUE(loaded.error().message.starts_with("git fetch of " + url + " failed: the remote is unreachable: "))
      << loaded.error().message;
  auto again = loadGitChart(mirrors, {url, "master", "charts/app", {}});
  ASSERT_FALSE(again);
  EXPECT_EQ(again.error().message, loaded.error().message);
  EXPECT_EQ(mirrors.fetchCount(), 1u);  // the second ask waits for the backoff instead of fetching
}

TEST_F(GitMirrorTest, GitMirror_RefusedCredentialsAreClearAndKeepTheSecret) {
  testing::ScriptedServer server([](const std::string&) {
    return testing::rawResponse(401, "Unauthorized", "no\n", "WWW-Authenticate: Basic realm=\"git\"\r\n");
  });
  Credentials credentials;
  credentials.username = "robot";
  credentials.password = "s3cret-password";
  MirrorPool mirrors = pool();
  const std::string url = server.url() + "/charts.git";
  auto loaded = loadGitChart(mirrors, {url, "master", "charts/app", credentials});
  ASSERT_FALSE(loaded);
  EXPECT_TRUE(loaded.error().message.starts_with("git fetch of " + url + " failed: ")) << loaded.error().message;
  EXPECT_NE(loaded.error().message.find("after presenting credentials"), std::string::npos) << loaded.error().message;
  EXPECT_EQ(loaded.error().message.find("s3cret"), std::string::npos);

  auto anonymous = loadGitChart(mirrors, {url + "?anonymous", "master", "charts/app", {}});
  ASSERT_FALSE(anonymous);
  EXPECT_NE(anonymous.error().message.find("none were given (spec.chart.secretRef)"), std::string::npos)
      << anonymous.error().message;
}

TEST_F(GitMirrorTest, GitMirror_PasswordInUrlIsNotShown) {
  const std::string url = "http://robot:hunter2@127.0.0.1:" + std::to_string(testing::freeLoopbackPort()) + "/c.git";
  MirrorPool mirrors = pool();
  auto loaded = loadGitChart(mirrors, {url, "master", "charts/app", {}});
  ASSERT_FALSE(loaded);
  EXPECT_EQ(loaded.error().message.find("hunter2"), std::string::npos) << loaded.error().message;
  EXPECT_NE(loaded.error().message.find("http://robot:*****@127.0.0.1"), std::string::npos) << loaded.error().message;
}

TEST_F(GitMirrorTest, GitMirror_SshWithIdentityAndKnownHosts) {
  testing::SshServer ssh(work.path());
  if (!ssh.available()) GTEST_SKIP() << ssh.why();
  const std::string url = ssh.url(repository.dir());
  Credentials credentials =
      Credentials::fromSecretData({{"identity", ssh.identity()}, {"known_hosts", ssh.knownHosts()}});
  MirrorPool mirrors = pool();
  auto loaded = loadGitChart(mirrors, {url, "master", "charts/app", credentials});
  ASSERT_TRUE(loaded) << loaded.error().message;
  EXPECT_EQ(loaded->commit, first);

  // The same host key listed under its hashed name (ssh-keygen -H) is accepted too.
  testing::TempDir hashed;
  hashed.write("known_hosts", ssh.knownHosts());
  testing::runIn(hashed.path(), "ssh-keygen -H -f known_hosts");
  credentials.knownHosts = testing::runIn(hashed.path(), "cat known_hosts");
  ASSERT_TRUE(credentials.knownHosts.starts_with("|1|")) << credentials.knownHosts;
  auto viaHashed = loadGitChart(mirrors, {url, "master", "charts/app", credentials});
  EXPECT_TRUE(viaHashed) << viaHashed.error().message;
}

TEST_F(GitMirrorTest, GitMirror_SshHostKeyNotInKnownHostsIsRefused) {
  testing::SshServer ssh(work.path());
  if (!ssh.available()) GTEST_SKIP() << ssh.why();
  const std::string url = ssh.url(repository.dir());
  const std::string port = std::to_string(ssh.port());
  // Another server's key under this server's name.
  const std::string otherKey = "ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIOMqqnkVzrm0SdG6UOoqKLsabgH5C9okWi0dh2l9GKJl";
  const Credentials credentials = Credentials::fromSecretData(
      {{"identity", ssh.identity()}, {"known_hosts", "[127.0.0.1]:" + port + " " + otherKey + "\n"}});
  MirrorPool mirrors = pool();
  auto loaded = loadGitChart(mirrors, {url, "master", "charts/app", credentials});
  ASSERT_FALSE(loaded);
  EXPECT_EQ(loaded.error().message, "git fetch of " + url + " failed: the SSH host key of [127.0.0.1]:" + port +
                                        " is not in known_hosts");
}

TEST_F(GitMirrorTest, GitMirrorPool_ManyUsersShareOneMirrorAndOneFetch) {
  MirrorPool mirrors = pool();
  std::vector<std::thread> users;
  std::atomic<int> loadedCount{0};
  for (int i = 0; i < 8; ++i) {
    users.emplace_back([&] {
      if (loadGitChart(mirrors, {repository.fileUrl(), "master", "charts/app", {}})) ++loadedCount;
    });
  }
  for (std::thread& user : users) user.join();
  EXPECT_EQ(loadedCount.load(), 8);
  EXPECT_EQ(mirrors.size(), 1u);
  EXPECT_EQ(mirrors.fetchCount(), 1u);
}

TEST(GitCredentials, FromSecretDataAndRedact) {
  auto credentials = Credentials::fromSecretData({{"username", "u"}, {"password", "p4ss"}, {"token", "tok"}});
  EXPECT_EQ(credentials.username, "u");
  EXPECT_EQ(credentials.bearerToken, "tok");
  EXPECT_EQ(credentials.redact("x p4ss y tok"), "x ***** y *****");
  EXPECT_NE(credentials.fingerprint(), Credentials{}.fingerprint());
}

}  // namespace
}  // namespace ho::chart::git
