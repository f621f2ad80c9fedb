// Dependencies of charts from git, as `helm dependency update` would complete
// them: missing ones fetched from a chart repository served on 127.0.0.1
// (newest version in the range), file:// ones read from the same commit (a
// change to their folder is a change of the chart), committed ones kept, and
// with the update skipped a clear error.
#include <gtest/gtest.h>

#include "chart/git/git_chart.h"
#include "chart/repo/index_writer.h"
#include "git_test_support.h"

namespace ho::chart::git {
namespace {

using testing::GitRepository;
using testing::TempDir;

class GitDependenciesTest : public ::testing::Test {
 protected:
  GitDependenciesTest() : repository(work.path(), "charts"), served(published.path()) {
    for (const std::string version : {"1.0.0", "1.2.0", "2.0.0"}) {
      published.write("sub-" + version + ".tgz", testing::chartArchive("sub", version));
    }
    auto index = repo::indexDirectory(published.path(), "");
    EXPECT_TRUE(index.ok());
    published.write("index.yaml", *repo::renderIndex(*index));
  }

  // charts/app depending on `dependencies` (the YAML list items of Chart.yaml).
  std::string commitApp(const std::string& dependencies) {
    repository.writeChart("charts/app", "app", "one");
    repository.write("charts/app/Chart.yaml", testing::chartYaml("app", "0.1.0", "dependencies:\n" + dependencies));
    return repository.commit("app");
  }

  Result<GitChart> loadApp(bool updateDependencies) {
    std::optional<repo::DependencySources> dependencyUpdate;
    if (updateDependencies) dependencyUpdate = repo::DependencySources{&repositories, {}, {}};
    return loadGitChart(mirrors, {repository.fileUrl(), "master", "charts/app", {}}, dependencyUpdate);
  }

  // "name version" of each subchart.
  static std::vector<std::string> subcharts(const Chart& chart) {
    std::vector<std::string> found;
    for (const auto& sub : chart.dependencies()) found.push_back(sub->name() + " " + sub->metadata.version);
    return found;
  }

  TempDir work;
  TempDir cache;
  TempDir published;
  GitRepository repository;
  testing::ServedFolder served;
  MirrorPool mirrors{cache.path() + "/git", {}};
  repo::RepositoryPool repositories{cache.path() + "/charts"};
};

TEST_F(GitDependenciesTest, GitChart_MissingDependencyIsFetchedNewestInRange) {
  commitApp("- name: sub\n  version: ^1.0.0\n  repository: " + served.url() + "\n");
  auto loaded = loadApp(true);
  ASSERT_TRUE(loaded) << loaded.error().message;
  EXPECT_EQ(subcharts(*loaded->chart), (std::vector<std::string>{"sub 1.2.0"}));
}

TEST_F(GitDependenciesTest, GitChart_CommittedDependencyIsUsedAsIs) {
  repository.writeChart("charts/app/charts/sub", "sub", "committed", "1.0.0");
  commitApp("- name: sub\n  version: ^1.0.0\n  repository: " + served.url() + "\n");
  auto loaded = loadApp(true);
  ASSERT_TRUE(loaded) << loaded.error().message;
  EXPECT_EQ(subcharts(*loaded->chart), (std::vector<std::string>{"sub 1.0.0"}));
}

TEST_F(GitDependenciesTest, GitChart_FileDependencyComesFromTheSameCommit) {
  repository.writeChart("charts/common", "common", "shared", "0.3.0");
  commitApp("- name: common\n  version: 0.x\n  repository: file://../common\n");
  auto loaded = loadApp(true);
  ASSERT_TRUE(loaded) << loaded.error().message;
  EXPECT_EQ(subcharts(*loaded->chart), (std::vector<std::string>{"common 0.3.0"}));
}

TEST_F(GitDependenciesTest, GitChart_ChangeToAFileDependencyChangesTheChart) {
  repository.writeChart("charts/common", "common", "shared", "0.3.0");
  const std::string first = commitApp("- name: common\n  version: 0.x\n  repository: file://../common\n");
  repository.write("README.md", "unrelated\n");
  const std::string unrelated = repository.commit("readme");
  repository.writeChart("charts/common", "common", "changed", "0.3.0");
  const std::string dependencyChanged = repository.commit("common");
  auto mirror = mirrors.get(repository.fileUrl(), {});
  ASSERT_TRUE(mirror->refresh(true));
  EXPECT_FALSE(chartChangedBetween(*mirror, first, unrelated, "charts/app"));
  EXPECT_TRUE(chartChangedBetween(*mirror, unrelated, dependencyChanged, "charts/app"));
  EXPECT_TRUE(chartChangedBetween(*mirror, first, dependencyChanged, "charts/app/"));
}

TEST_F(GitDependenciesTest, GitChart_FileDependencyOutsideTheRepositoryIsRefused) {
  commitApp("- name: common\n  version: 0.x\n  repository: file://../../../common\n");
  auto loaded = loadApp(true);
  ASSERT_FALSE(loaded);
  EXPECT_EQ(loaded.error().message,
            "updating the dependencies of chart \"app\": dependency \"common\" (version \"0.x\", repository "
            "\"file://../../../common\"): file://../../../common points outside the git repository");
}

TEST_F(GitDependenciesTest, GitChart_UnresolvableDependencyIsNamed) {
  commitApp("- name: sub\n  version: ^9.0.0\n  repository: " + served.url() + "\n");
  auto loaded = loadApp(true);
  ASSERT_FALSE(loaded);
  EXPECT_TRUE(loaded.error().message.starts_with("updating the dependencies of chart \"app\": dependency \"sub\" "
                                                 "(version \"^9.0.0\", repository \"" +
                                                 served.url() + "\"): VersionNotFound: "))
      << loaded.error().message;
}

TEST_F(GitDependenciesTest, GitChart_SkippedDependencyUpdateReportsMissingDependencies) {
  const std::string commit = commitApp("- name: sub\n  version: ^1.0.0\n  repository: " + served.url() +
                                       "\n- name: other\n  version: 1.0.0\n  repository: " + served.url() + "\n");
  auto loaded = loadApp(false);
  ASSERT_FALSE(loaded);
  EXPECT_EQ(loaded.error().message, "the chart at \"charts/app\" of commit " + commit +
                                        " declares dependencies that are missing from its charts/ folder: sub, "
                                        "other (with skipDepUpdate, only the chart's charts/ folder is used)");
}

}  // namespace
}  // namespace ho::chart::git
