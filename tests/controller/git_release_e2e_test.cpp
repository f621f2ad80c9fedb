// HelmReleases with charts from git (spec.chart.git/ref/path), end to end in
// process: real repositories made with the git CLI and read over file://, the
// bundled API server and the Controller with a git MirrorPool. A branch is
// installed, a commit under `path` upgrades (revision 2), an unrelated commit
// changes nothing, tags and commits work as refs, an unreachable remote, a
// missing path and refused credentials are reported in the status (and leave
// other HelmReleases alone), and many HelmReleases share one mirror and one fetch.
// A dependency missing from charts/ comes from the test chart repository
// (unless skipDepUpdate); a push rolls out by the mirror poll alone, with no
// resync; over ssh:// (sshd, when installed) the Secret's identity and
// known_hosts are used and an unknown host key is refused.
#include <gtest/gtest.h>

#include <algorithm>
#include <chrono>
#include <thread>

#include "../chart/git_test_support.h"
#include "chart/git/mirror_pool.h"
#include "controller/runtime/event_recorder.h"
#include "in_process_operator.h"
#include "kube/client/base64_codec.h"
#include "kube/client/core_resources.h"

namespace ho::controller {
namespace {

using nlohmann::json;
using testing::eventually;

using kube::client::kConfigMaps;
using kube::client::kSecrets;
using kube::client::kEvents;

class GitReleaseE2E : public testing::InProcessOperatorTest {
 protected:
  void SetUp() override {
    InProcessOperatorTest::SetUp();
    git_ = std::make_unique<chart::testing::GitRepository>(workDir_ + "/git", "charts");
    git_->writeChart("charts/app", "app", "one");
    git_->write("README.md", "hello\n");
    first_ = git_->commit("first");
  }

  // The controller with a MirrorPool polled every `pollInterval`, and Events recorded.
  void startGitController(std::chrono::milliseconds pollInterval = std::chrono::milliseconds(200),
                          std::chrono::milliseconds resyncInterval = std::chrono::seconds(1)) {
    mirrors_ = std::make_shared<chart::git::MirrorPool>(workDir_ + "/git-cache",
                                                        chart::git::MirrorOptions{.pollInterval = pollInterval});
    ControllerOptions options = fastOptions();
    options.resyncInterval = resyncInterval;
    options.gitMirrors = mirrors_;
    options.reporter = std::make_shared<runtime::ReconcileReporter>(
        std::make_shared<runtime::EventRecorder>(client_), std::make_shared<runtime::OperatorMetrics>());
    ReconcilerOptions reconcilerOptions;
    reconcilerOptions.observer = options.reporter;
    reconcilerOptions.gitMirrors = mirrors_;
    auto reconciler = std::make_shared<Reconciler>(
        ActionContext{client_, std::make_shared<kube::client::RestMapper>(client_)},
        std::make_shared<chart::repo::RepositoryPool>(workDir_ + "/chart-cache"), reconcilerOptions);
    controller_ = std::make_unique<Controller>(client_, reconciler, options);
    controller_->start();
  }

  json gitSpec(const std::string& releaseName, const std::string& ref = "master",
               const std::string& path = "charts/app") const {
    return {{"releaseName", releaseName}, {"chart", {{"git", git_->fileUrl()}, {"ref", ref}, {"path", path}}}};
  }

  std::string configMapValue(const std::string& name) const {
    auto object = client_->get(kube::client::resourcePath(kConfigMaps, "default", name));
    return object ? (*object)["data"].value("value", "") : "";
  }

  std::string conditionMessage(const std::string& name, const std::string& type) const {
    for (const json& entry : status(name).value("conditions", json::array())) {
      if (entry.value("type", "") == type) return entry.value("message", "");
    }
    return "";
  }

  bool succeededAt(const std::string& name, const std::string& commit) const {
    return phase(name) == "Succeeded" && status(name).value("revision", "") == commit;
  }

  void createSecret(const std::string& name, const std::map<std::string, std::string>& data) const {
    json encoded = json::object();
    for (const auto& [key, value] : data) encoded[key] = kube::client::base64Encode(value);
    const json secret = {{"apiVersion", "v1"},
                         {"kind", "Secret"},
                         {"metadata", {{"name", name}, {"namespace", "default"}}},
                         {"data", encoded}};
    ASSERT_TRUE(client_->create(kube::client::resourcePath(kSecrets, "default"), secret));
  }

  bool eventMentions(const std::string& text) const {
    auto events = client_->get(kube::client::resourcePath(kEvents, "default"));
    if (!events) return false;
    for (const json& event : (*events).value("items", json::array())) {
      if (event.value("message", "").find(text) != std::string::npos) return true;
    }
    return false;
  }

  std::unique_ptr<chart::testing::GitRepository> git_;
  std::string first_;
  std::shared_ptr<chart::git::MirrorPool> mirrors_;
};

TEST_F(GitReleaseE2E, GitRelease_InstallsBranchUpgradesOnChartCommitsOnly) {
  startGitController();
  applyHelmRelease("app", gitSpec("app"));
  ASSERT_TRUE(eventually([&] { return succeededAt("app", first_); })) << status("app").dump();
  EXPECT_EQ(revision("app", 1), "deployed");
  EXPECT_EQ(configMapValue("app"), "one");
  EXPECT_EQ(status("app").value("lastAttemptedRevision", ""), first_);
  EXPECT_TRUE(eventually([&] { return eventMentions("git commit " + first_); }));

  git_->write("README.md", "an unrelated change\n");
  const std::string unrelated = git_->commit("readme");
  // Several poll intervals and resyncs pass: no new Helm revision, the revision stays the chart's commit.
  std::this_thread::sleep_for(std::chrono::seconds(3));
  EXPECT_EQ(revision("app", 2), "");
  EXPECT_EQ(status("app").value("revision", ""), first_);

  git_->writeChart("charts/app", "app", "two");
  const std::string changed = git_->commit("chart change");
  ASSERT_TRUE(eventually([&] { return succeededAt("app", changed) && revision("app", 2) == "deployed"; }))
      << status("app").dump();
  EXPECT_EQ(configMapValue("app"), "two");
  EXPECT_EQ(revision("app", 1), "superseded");
  EXPECT_TRUE(eventually([&] { return eventMentions("git commit " + changed); }));
  std::this_thread::sleep_for(std::chrono::seconds(2));
  EXPECT_EQ(revision("app", 3), "");
}

TEST_F(GitReleaseE2E, GitRelease_TagAndCommitRefs) {
  git_->git("tag v1");
  git_->writeChart("charts/app", "app", "two");
  const std::string second = git_->commit("second");
  startGitController();
  applyHelmRelease("tagged", gitSpec("tagged", "v1"));
  applyHelmRelease("pinned", gitSpec("pinned", second.substr(0, 10)));
  ASSERT_TRUE(eventually([&] { return succeededAt("tagged", first_) && succeededAt("pinned", second); }))
      << status("tagged").dump() << status("pinned").dump();
  EXPECT_EQ(configMapValue("tagged"), "one");
  EXPECT_EQ(configMapValue("pinned"), "two");
}

TEST_F(GitReleaseE2E, GitRelease_UnreachableRemoteFailsOnlyThatRelease) {
  startGitController();
  const std::string unreachable = "git://127.0.0.1:" + std::to_string(chart::testing::freeLoopbackPort()) + "/charts";
  json broken = gitSpec("broken");
  broken["chart"]["git"] = unreachable;
  applyHelmRelease("broken", broken);
  applyHelmRelease("good", gitSpec("good"));
  ASSERT_TRUE(eventually([&] { return phase("broken") == "ChartFetchFailed" && succeededAt("good", first_); }))
      << status("broken").dump() << status("good").dump();
  EXPECT_EQ(condition("broken", "ChartFetched"), "False");
  EXPECT_NE(conditionMessage("broken", "ChartFetched")
                .find("git fetch of " + unreachable + " failed: the remote is unreachable"),
            std::string::npos)
      << conditionMessage("broken", "ChartFetched");
  EXPECT_EQ(revision("broken", 1), "");
}

TEST_F(GitReleaseE2E, GitRelease_MissingPathIsReported) {
  startGitController();
  applyHelmRelease("nopath", gitSpec("nopath", "master", "charts/missing"));
  ASSERT_TRUE(eventually([&] { return phase("nopath") == "ChartFetchFailed"; })) << status("nopath").dump();
  EXPECT_NE(conditionMessage("nopath", "ChartFetched")
                .find("path \"charts/missing\" not found in commit " + first_ + " of " + git_->fileUrl()),
            std::string::npos)
      << conditionMessage("nopath", "ChartFetched");
}

TEST_F(GitReleaseE2E, GitRelease_RefusedCredentialsAreReportedWithoutTheSecret) {
  chart::testing::ScriptedServer server([](const std::string&) {
    return chart::testing::rawResponse(401, "Unauthorized", "no\n", "WWW-Authenticate: Basic realm=\"git\"\r\n");
  });
  createSecret("git-auth", {{"username", "robot"}, {"password", "very-secret-password"}});
  startGitController();
  json spec = gitSpec("private");
  spec["chart"]["git"] = server.url() + "/charts.git";
  spec["chart"]["secretRef"] = {{"name", "git-auth"}};
  applyHelmRelease("private", spec);
  ASSERT_TRUE(eventually([&] { return phase("private") == "ChartFetchFailed"; })) << status("private").dump();
  const std::string message = conditionMessage("private", "ChartFetched");
  EXPECT_NE(message.find("after presenting credentials"), std::string::npos) << message;
  EXPECT_EQ(status("private").dump().find("very-secret-password"), std::string::npos);
}

TEST_F(GitReleaseE2E, GitRelease_ManyReleasesShareOneMirrorAndOneFetch) {
  startGitController(std::chrono::hours(1));
  const std::vector<std::string> names = {"one", "two", "three", "four", "five"};
  for (const std::string& name : names) applyHelmRelease(name, gitSpec(name));
  ASSERT_TRUE(eventually([&] {
    return std::all_of(names.begin(), names.end(), [&](const std::string& name) { return succeededAt(name, first_); });
  }));
  EXPECT_EQ(mirrors_->size(), 1u);
  EXPECT_EQ(mirrors_->fetchCount(), 1u);
}

TEST_F(GitReleaseE2E, GitRelease_MissingDependencyIsFetchedFromItsRepository) {
  ASSERT_EQ(repository_->publish("sub", "1.0.0",
                                 {{"templates/cm.yaml",
                                   "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: {{ .Release.Name }}-sub\n"}}),
            "");
  git_->write("charts/app/Chart.yaml", "apiVersion: v2\nname: app\nversion: 0.1.0\ndependencies:\n- name: sub\n"
                                       "  version: ^1.0.0\n  repository: " + repository_->url() + "\n");
  const std::string withDependency = git_->commit("dependency");
  startGitController();
  applyHelmRelease("fetched", gitSpec("fetched"));
  json skipping = gitSpec("skipping");
  skipping["chart"]["skipDepUpdate"] = true;
  applyHelmRelease("skipping", skipping);
  ASSERT_TRUE(eventually([&] {
    return succeededAt("fetched", withDependency) && phase("skipping") == "ChartFetchFailed";
  })) << status("fetched").dump() << status("skipping").dump();
  EXPECT_TRUE(client_->get(kube::client::resourcePath(kConfigMaps, "default", "fetched-sub")));
  const std::string skipped = conditionMessage("skipping", "ChartFetched");
  EXPECT_NE(skipped.find("missing from its charts/ folder: sub"), std::string::npos) << skipped;
  EXPECT_EQ(revision("skipping", 1), "");
}

TEST_F(GitReleaseE2E, GitRelease_PollRollsOutAPushWithoutAResync) {
  startGitController(std::chrono::milliseconds(300), std::chrono::hours(1));
  applyHelmRelease("polled", gitSpec("polled"));
  ASSERT_TRUE(eventually([&] { return succeededAt("polled", first_); })) << status("polled").dump();
  git_->writeChart("charts/app", "app", "two");
  const std::string pushed = git_->commit("chart change");
  ASSERT_TRUE(eventually([&] { return succeededAt("polled", pushed) && revision("polled", 2) == "deployed"; }))
      << status("polled").dump();
  EXPECT_EQ(configMapValue("polled"), "two");
}

TEST_F(GitReleaseE2E, GitRelease_SshRemoteUsesIdentityAndKnownHosts) {
  chart::testing::SshServer ssh(workDir_ + "/ssh");
  if (!ssh.available()) GTEST_SKIP() << ssh.why();
  const std::string otherKey = "ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIOMqqnkVzrm0SdG6UOoqKLsabgH5C9okWi0dh2l9GKJl";
  const std::string hostName = "[127.0.0.1]:" + std::to_string(ssh.port());
  createSecret("ssh-auth", {{"identity", ssh.identity()}, {"known_hosts", ssh.knownHosts()}});
  createSecret("ssh-wrong-host", {{"identity", ssh.identity()}, {"known_hosts", hostName + " " + otherKey + "\n"}});
  startGitController();
  json trusted = gitSpec("trusted");
  trusted["chart"]["git"] = ssh.url(git_->dir());
  trusted["chart"]["secretRef"] = {{"name", "ssh-auth"}};
  applyHelmRelease("trusted", trusted);
  json impostor = trusted;
  impostor["releaseName"] = "impostor";
  impostor["chart"]["secretRef"] = {{"name", "ssh-wrong-host"}};
  applyHelmRelease("impostor", impostor);
  ASSERT_TRUE(eventually([&] { return succeededAt("trusted", first_) && phase("impostor") == "ChartFetchFailed"; }))
      << status("trusted").dump() << status("impostor").dump();
  EXPECT_EQ(configMapValue("trusted"), "one");
  EXPECT_NE(conditionMessage("impostor", "ChartFetched")
                .find("failed: the SSH host key of " + hostName + " is not in known_hosts"),
            std::string::npos)
      << conditionMessage("impostor", "ChartFetched");
}

}  // namespace
}  // namespace ho::controller
