// The reference Helm binary against our repository pieces: `helm repo add`,
// `helm pull` and `helm search repo` work against our server, and our index
// writer prints what `helm repo index` prints (timestamps aside).
#include <gtest/gtest.h>

#include <cstdlib>
#include <sstream>

#include "chart/repo/cache_files.h"
#include "chart/repo/index_writer.h"
#include "repo_test_support.h"

namespace ho::chart::repo {
namespace {

using testing::TempDir;

const std::string kHelm = std::string(HO_SOURCE_DIR) + "/.reference/helm";

// The index with the value of every `created:` and `generated:` key replaced
// by TIME. (No std::regex: GCC 12 reports a false maybe-uninitialized inside
// <regex> under -fsanitize=address, which -Werror turns into a build failure.)
std::string maskTimestamps(const std::string& yaml) {
  std::string masked;
  std::istringstream lines(yaml);
  for (std::string line; std::getline(lines, line);) {
    for (std::string_view key : {"created: ", "generated: "}) {
      if (auto at = line.find(key); at != std::string::npos) line = line.substr(0, at + key.size()) + "TIME";
    }
    masked += line + '\n';
  }
  return masked;
}

class RepoHelm : public ::testing::Test {
 protected:
  void SetUp() override {
    if (!std::filesystem::exists(kHelm)) GTEST_SKIP() << "reference helm not found at " << kHelm;
  }
  // Runs helm with its config and cache in `home`; returns the exit status, output in `output`.
  int helm(const std::string& args, std::string& output) {
    std::string env = "HELM_CONFIG_HOME=" + home_.file("config") + " HELM_CACHE_HOME=" + home_.file("cache") +
                      " HELM_DATA_HOME=" + home_.file("data") + " HELM_REPOSITORY_CONFIG=" +
                      home_.file("config/repositories.yaml") + " HELM_REPOSITORY_CACHE=" + home_.file("cache/repo");
    std::string command = env + " timeout 60 " + kHelm + " " + args + " > " + home_.file("out.txt") + " 2>&1";
    int status = std::system(command.c_str());
    output = readCacheFile(home_.file("out.txt")).value_or("");
    return WIFEXITED(status) ? WEXITSTATUS(status) : -1;
  }
  TempDir home_;
};

void publish(const TempDir& dir, const std::vector<std::string>& versions) {
  for (const auto& v : versions) dir.write("app-" + v + ".tgz", testing::chartArchive("app", v));
  auto index = indexDirectory(dir.path(), "");
  ASSERT_TRUE(index.ok());
  dir.write("index.yaml", *renderIndex(*index));
}

TEST_F(RepoHelm, RepoAddPullAndSearchWorkAgainstRepoServe) {
  TempDir charts, pulled;
  publish(charts, {"1.0.0", "1.0.4", "1.1.0"});
  testing::ServedFolder served(charts.path());
  std::string output;
  ASSERT_EQ(helm("repo add mine " + served.url(), output), 0) << output;
  EXPECT_NE(output.find("\"mine\" has been added to your repositories"), std::string::npos) << output;
  ASSERT_EQ(helm("search repo mine/app --versions", output), 0) << output;
  EXPECT_NE(output.find("mine/app\t1.1.0"), std::string::npos) << output;
  EXPECT_NE(output.find("mine/app\t1.0.4"), std::string::npos) << output;
  ASSERT_EQ(helm("pull mine/app --version '~1.0' -d " + pulled.path(), output), 0) << output;
  EXPECT_TRUE(std::filesystem::exists(pulled.file("app-1.0.4.tgz"))) << output;
  ASSERT_EQ(helm("repo update mine", output), 0) << output;
}

TEST_F(RepoHelm, RepoAddWithBasicAuth) {
  TempDir charts, pulled;
  publish(charts, {"2.0.0"});
  StaticServerOptions options;
  options.username = "admin";
  options.password = "pw";
  testing::ServedFolder served(charts.path(), options);
  std::string output;
  EXPECT_NE(helm("repo add nope " + served.url(), output), 0);
  ASSERT_EQ(helm("repo add secure " + served.url() + " --username admin --password pw", output), 0) << output;
  ASSERT_EQ(helm("pull secure/app -d " + pulled.path(), output), 0) << output;
  EXPECT_TRUE(std::filesystem::exists(pulled.file("app-2.0.0.tgz")));
}

TEST_F(RepoHelm, IndexWriterMatchesHelmRepoIndex) {
  TempDir ours, theirs;
  // Each archive is made once: tar headers carry the time, so two builds a
  // second apart would differ and so would their digests.
  const std::string app100 = testing::chartArchive("app", "1.0.0");
  const std::string app090 = testing::chartArchive("app", "0.9.0");
  const std::string db = testing::makeTgz(
      {{"db/Chart.yaml", testing::chartYaml("db", "3.1.0",
                                            "appVersion: \"7\"\nkeywords: [sql]\n"
                                            "maintainers:\n- name: me\n  email: me@x\n"
                                            "annotations:\n  a: b\ntype: application\n")},
       {"db/values.yaml", "x: 1\n"}});
  for (const TempDir* dir : {&ours, &theirs}) {
    dir->write("app-1.0.0.tgz", app100);
    dir->write("app-0.9.0.tgz", app090);
    dir->write("nested/db-3.1.0.tgz", db);
  }
  std::string output;
  ASSERT_EQ(helm("repo index " + theirs.path() + " --url http://example.com/charts", output), 0) << output;
  auto index = indexDirectory(ours.path(), "http://example.com/charts");
  ASSERT_TRUE(index.ok());
  auto yaml = renderIndex(*index);
  ASSERT_TRUE(yaml.ok());
  EXPECT_EQ(maskTimestamps(*yaml), maskTimestamps(*readCacheFile(theirs.file("index.yaml"))));
}

}  // namespace
}  // namespace ho::chart::repo
