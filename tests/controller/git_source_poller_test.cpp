// GitSourcePoller on its own: a real repository made with the git CLI, a
// mirror pool, and HelmRelease objects handed to it as the informer would.
// A commit that changes a chart's folder queues exactly the HelmReleases on
// it, once; unrelated commits and other paths queue nothing; a remote that
// starts failing queues its HelmReleases so their status can say so.
#include "controller/reconciler/git_source_poller.h"

#include <gtest/gtest.h>

#include "../chart/git_test_support.h"

namespace ho::controller {
namespace {

using nlohmann::json;

class GitSourcePollerTest : public ::testing::Test {
 protected:
  GitSourcePollerTest() : repository(work.path(), "charts") {
    repository.writeChart("charts/app", "app", "one");
    repository.writeChart("charts/other", "other", "one");
    first = repository.commit("first");
  }

  json helmRelease(const std::string& name, const std::string& url, const std::string& path,
                   const std::string& attempted) const {
    return {{"apiVersion", "helm.fluxcd.io/v1"},
            {"kind", "HelmRelease"},
            {"metadata", {{"name", name}, {"namespace", "default"}}},
            {"spec", {{"chart", {{"git", url}, {"ref", "master"}, {"path", path}}}}},
            {"status", {{"lastAttemptedRevision", attempted}}}};
  }

  // A poller over `releases`, recording what it queues in `queued`.
  GitSourcePoller poller() {
    return GitSourcePoller(
        mirrors, [this] { return releases; }, [this](const std::string& key) { queued.push_back(key); });
  }

  chart::testing::TempDir work;
  chart::testing::TempDir cache;
  chart::testing::GitRepository repository;
  std::string first;
  std::shared_ptr<chart::git::MirrorPool> mirrors = std::make_shared<chart::git::MirrorPool>(
      cache.path(), chart::git::MirrorOptions{.pollInterval = std::chrono::milliseconds(0)});
  std::vector<json> releases;
  std::vector<std::string> queued;
};

TEST_F(GitSourcePollerTest, GitPoll_QueuesOnlyReleasesWhoseChartChangedOncePerCommit) {
  releases = {helmRelease("app", repository.fileUrl(), "charts/app", first),
              helmRelease("other", repository.fileUrl(), "charts/other", first),
              helmRelease("elsewhere", "file:///nowhere", "charts/app", first)};
  mirrors->get(repository.fileUrl(), {});
  GitSourcePoller polling = poller();
  polling.pollOnce();
  EXPECT_TRUE(queued.empty());

  repository.write("README.md", "unrelated\n");
  repository.commit("readme");
  polling.pollOnce();
  EXPECT_TRUE(queued.empty());

  repository.writeChart("charts/app", "app", "two");
  repository.commit("app changed");
  polling.pollOnce();
  EXPECT_EQ(queued, (std::vector<std::string>{"default/app"}));
  polling.pollOnce();
  EXPECT_EQ(queued.size(), 1u);  // the same commit is not queued again
}

TEST_F(GitSourcePollerTest, GitPoll_FailingRemoteQueuesItsReleases) {
  const std::string unreachable =
      "git://127.0.0.1:" + std::to_string(chart::testing::freeLoopbackPort()) + "/charts";
  releases = {helmRelease("broken", unreachable, "charts/app", ""),
              helmRelease("app", repository.fileUrl(), "charts/app", first)};
  mirrors->get(unreachable, {});
  mirrors->get(repository.fileUrl(), {});
  GitSourcePoller polling = poller();
  polling.pollOnce();
  EXPECT_EQ(queued, (std::vector<std::string>{"default/broken"}));
  polling.pollOnce();  // still failing (backing off): not queued again
  EXPECT_EQ(queued.size(), 1u);
}

}  // namespace
}  // namespace ho::controller
