// index.yaml parsing, Helm's version resolution over it, and the index writer.
#include <gtest/gtest.h>

#include "chart/repo/index.h"
#include "chart/repo/index_writer.h"
#include "chart/repo/version_resolver.h"
#include "repo_test_support.h"

namespace ho::chart::repo {
namespace {

IndexFile indexWith(const std::vector<std::string>& versions) {
  std::string text = "apiVersion: v1\nentries:\n  app:\n";
  for (const auto& v : versions) text += "  - name: app\n    version: " + v + "\n    urls: [app-" + v + ".tgz]\n";
  auto parsed = parseIndex(text);
  EXPECT_TRUE(parsed.ok()) << (parsed ? "" : parsed.error().message);
  return parsed ? *parsed : IndexFile{};
}

std::string resolve(const IndexFile& index, const std::string& range) {
  auto chosen = resolveChartVersion(index, "app", range, "http://repo");
  return chosen ? (*chosen)->version : "error: " + chosen.error().message;
}

TEST(RepoIndex_Parse, SortsVersionsNewestFirstAndKeepsFields) {
  auto index = parseIndex(
      "apiVersion: v1\ngenerated: \"2024-01-01T00:00:00Z\"\nentries:\n  app:\n"
      "  - {name: app, version: 1.2.0, digest: abc, urls: [app-1.2.0.tgz], created: \"2024-01-01T00:00:00Z\"}\n"
      "  - {name: app, version: 1.10.0, urls: [\"http://x/app-1.10.0.tgz\"], appVersion: \"2.0\"}\n"
      "  - {name: app, version: 1.9.0-rc.1}\n");
  ASSERT_TRUE(index.ok()) << index.error().message;
  const auto& versions = index->entries.at("app");
  ASSERT_EQ(versions.size(), 3u);
  EXPECT_EQ(versions[0].version, "1.10.0");
  EXPECT_EQ(versions[0].appVersion, "2.0");
  EXPECT_EQ(versions[0].urls, std::vector<std::string>{"http://x/app-1.10.0.tgz"});
  EXPECT_EQ(versions[0].apiVersion, "v1");  // defaulted as Helm does
  EXPECT_EQ(versions[1].version, "1.9.0-rc.1");
  EXPECT_EQ(versions[2].digest, "abc");
  EXPECT_EQ(index->generated, "2024-01-01T00:00:00Z");
}

std::vector<std::string> versionOrder(const IndexFile& index) {
  std::vector<std::string> order;
  for (const auto& cv : index.entries.at("app")) order.push_back(cv.version);
  return order;
}

// Versions equal but for build metadata keep their order, whether the list
// comes sorted (left as it is) or not (a stable sort).
TEST(RepoIndex_Parse, EqualVersionsKeepTheirOrderSortedOrNot) {
  EXPECT_EQ(versionOrder(indexWith({"2.0.0", "1.0.0+b", "1.0.0+a", "0.1.0"})),
            (std::vector<std::string>{"2.0.0", "1.0.0+b", "1.0.0+a", "0.1.0"}));
  EXPECT_EQ(versionOrder(indexWith({"1.0.0+b", "2.0.0", "1.0.0+a", "0.1.0"})),
            (std::vector<std::string>{"2.0.0", "1.0.0+b", "1.0.0+a", "0.1.0"}));
}

TEST(RepoIndex_Parse, SkipsEntriesWithoutNameOrWithInvalidVersion) {
  auto index = parseIndex("apiVersion: v1\nentries:\n  app:\n  - {name: app, version: not-semver}\n"
                          "  - {version: 1.0.0}\n  - {name: app, version: 1.0.0}\n  - null\n");
  ASSERT_TRUE(index.ok());
  ASSERT_EQ(index->entries.at("app").size(), 1u);
  EXPECT_EQ(index->entries.at("app")[0].version, "1.0.0");
}

TEST(RepoIndex_Parse, EmptyIndexIsAnError) {
  auto index = parseIndex("  \n");
  ASSERT_FALSE(index.ok());
  EXPECT_EQ(index.error().kind, RepoErrorKind::InvalidIndex);
  EXPECT_EQ(index.error().message, "empty index.yaml file");
}

TEST(RepoIndex_Parse, MissingApiVersionIsAnError) {
  auto index = parseIndex("entries: {}\n");
  ASSERT_FALSE(index.ok());
  EXPECT_EQ(index.error().message, "no API version specified");
}

TEST(RepoIndex_Parse, MalformedYamlIsInvalidIndex) {
  auto index = parseIndex("apiVersion: v1\nentries: [\n");
  ASSERT_FALSE(index.ok());
  EXPECT_EQ(index.error().kind, RepoErrorKind::InvalidIndex);
}

TEST(RepoIndex_Parse, AcceptsTheJsonForm) {
  auto index = parseIndex(R"({"apiVersion":"v1","entries":{"app":[{"name":"app","version":"0.3.0"}]}})");
  ASSERT_TRUE(index.ok());
  EXPECT_EQ(index->entries.at("app")[0].version, "0.3.0");
}

TEST(RepoIndex_Resolve, EmptyRangeIsNewestStable) {
  auto index = indexWith({"1.0.0", "2.0.0-beta.1", "1.5.0"});
  EXPECT_EQ(resolve(index, ""), "1.5.0");
}

TEST(RepoIndex_Resolve, ExactVersionAndRanges) {
  auto index = indexWith({"1.0.0", "1.1.0", "1.1.5", "1.2.0", "2.0.0", "2.3.1", "3.0.0-rc.1"});
  EXPECT_EQ(resolve(index, "1.1.0"), "1.1.0");
  EXPECT_EQ(resolve(index, "~1.1"), "1.1.5");
  EXPECT_EQ(resolve(index, "^2"), "2.3.1");
  EXPECT_EQ(resolve(index, ">=1.2 <2"), "1.2.0");
  EXPECT_EQ(resolve(index, "1.x"), "1.2.0");
  EXPECT_EQ(resolve(index, "*"), "2.3.1");
  EXPECT_EQ(resolve(index, ">=3.0.0-0"), "3.0.0-rc.1");  // pre-releases only when asked
  EXPECT_EQ(resolve(index, "3.0.0-rc.1"), "3.0.0-rc.1");
  EXPECT_EQ(resolve(index, "<1.1 || >2.1 <3"), "2.3.1");
}

TEST(RepoIndex_Resolve, ExactStringMatchWinsEvenWithMetadata) {
  auto index = indexWith({"1.0.0+build.2", "1.0.0+build.1"});
  EXPECT_EQ(resolve(index, "1.0.0+build.1"), "1.0.0+build.1");
}

TEST(RepoIndex_Resolve, MissingVersionIsTypedAndRetryable) {
  auto index = indexWith({"1.0.0"});
  auto chosen = resolveChartVersion(index, "app", "1.1.0", "http://repo");
  ASSERT_FALSE(chosen.ok());
  EXPECT_EQ(chosen.error().kind, RepoErrorKind::VersionNotFound);
  EXPECT_TRUE(chosen.error().retryable());
  EXPECT_EQ(chosen.error().message, "chart \"app\" version \"1.1.0\" not found in http://repo repository");
}

TEST(RepoIndex_Resolve, MissingChartAndBadRange) {
  auto index = indexWith({"1.0.0"});
  auto missing = resolveChartVersion(index, "other", "", "http://repo");
  ASSERT_FALSE(missing.ok());
  EXPECT_EQ(missing.error().kind, RepoErrorKind::ChartNotFound);
  EXPECT_EQ(missing.error().message, "chart \"other\" not found in http://repo repository");
  auto bad = resolveChartVersion(index, "app", ">>1", "http://repo");
  ASSERT_FALSE(bad.ok());
  EXPECT_EQ(bad.error().kind, RepoErrorKind::InvalidVersion);
}

constexpr const char* kBlockIndex =
    "apiVersion: v1\nentries:\n  alpha:\n  - name: alpha\n    version: 1.0.0\n    description: |\n      multi\n"
    "      line\n  \"app\":\n  - name: app\n    urls:\n    - app-2.0.0.tgz\n    version: 2.0.0\n"
    "  - name: app\n    version: 1.0.0\n  zeta:\n  - name: zeta\n    version: 0.1.0\ngenerated: \"2024-01-01T00:00:00Z\"\n";

TEST(RepoIndex_Extract, OneChartsBlockParsesLikeTheWholeIndex) {
  auto block = extractChartIndex(kBlockIndex, "app");
  ASSERT_TRUE(block.has_value());
  auto part = parseIndex(*block);
  auto whole = parseIndex(kBlockIndex);
  ASSERT_TRUE(part.ok() && whole.ok());
  EXPECT_EQ(part->entries.size(), 1u);
  ASSERT_EQ(part->entries.at("app").size(), 2u);
  EXPECT_EQ(part->entries.at("app")[0].urls, whole->entries.at("app")[0].urls);
  auto alpha = parseIndex(*extractChartIndex(kBlockIndex, "alpha"));
  ASSERT_TRUE(alpha.ok());
  EXPECT_EQ(entryFields(alpha->entries.at("alpha")[0]).find("description")->asString(), "multi\nline\n");
}

TEST(RepoIndex_Extract, AbsentChartGivesAnEmptyIndex) {
  auto block = extractChartIndex(kBlockIndex, "nope");
  ASSERT_TRUE(block.has_value());
  auto part = parseIndex(*block);
  ASSERT_TRUE(part.ok());
  EXPECT_TRUE(part->entries.empty());
}

TEST(RepoIndex_Extract, OtherLayoutsAreNotGuessed) {
  EXPECT_FALSE(extractChartIndex(R"({"apiVersion":"v1","entries":{}})", "app").has_value());
  EXPECT_FALSE(extractChartIndex("apiVersion: v1\nentries: {app: []}\n", "app").has_value());
  EXPECT_FALSE(extractChartIndex("apiVersion: v1\nentries:\n    app:\n    - name: app\n", "app").has_value());
  EXPECT_FALSE(extractChartIndex("apiVersion: v1\nentries:\n  app: []\n", "app").has_value());
  EXPECT_FALSE(extractChartIndex("entries:\n  app:\n  - name: app\n", "app").has_value());  // no apiVersion
}

TEST(RepoIndex_Writer, IndexesArchivesInFolderAndSubfoldersWithUrls) {
  testing::TempDir dir;
  dir.write("app-1.0.0.tgz", testing::chartArchive("app", "1.0.0"));
  dir.write("app-1.1.0.tgz", testing::chartArchive("app", "1.1.0"));
  dir.write("old/db-0.1.0.tgz", testing::chartArchive("db", "0.1.0"));
  dir.write("junk.tgz", "not a chart");
  auto index = indexDirectory(dir.path(), "http://example.com/charts/");
  ASSERT_TRUE(index.ok()) << index.error().message;
  ASSERT_EQ(index->entries.size(), 2u);
  const auto& app = index->entries.at("app");
  ASSERT_EQ(app.size(), 2u);
  EXPECT_EQ(app[0].version, "1.1.0");
  EXPECT_EQ(app[0].urls[0], "http://example.com/charts/app-1.1.0.tgz");
  EXPECT_EQ(index->entries.at("db")[0].urls[0], "http://example.com/charts/old/db-0.1.0.tgz");
  EXPECT_EQ(app[0].digest.size(), 64u);

  auto relative = indexDirectory(dir.path(), "");
  ASSERT_TRUE(relative.ok());
  EXPECT_EQ(relative->entries.at("db")[0].urls[0], "old/db-0.1.0.tgz");
}

TEST(RepoIndex_Writer, WrittenIndexParsesBackAndMergeKeepsLocalCharts) {
  testing::TempDir dir;
  dir.write("app-1.0.0.tgz", testing::chartArchive("app", "1.0.0"));
  auto index = indexDirectory(dir.path(), "");
  ASSERT_TRUE(index.ok());
  auto old = parseIndex("apiVersion: v1\nentries:\n  app:\n  - {name: app, version: 1.0.0, digest: old}\n"
                        "  - {name: app, version: 0.9.0, digest: nine, urls: [app-0.9.0.tgz]}\n");
  ASSERT_TRUE(old.ok());
  mergeIndex(*index, *old);
  sortIndexEntries(*index);
  auto yaml = renderIndex(*index);
  ASSERT_TRUE(yaml.ok());
  EXPECT_TRUE(yaml->starts_with("apiVersion: v1\nentries:\n  app:\n  - apiVersion: v2\n    created: \"")) << *yaml;
  auto back = parseIndex(*yaml);
  ASSERT_TRUE(back.ok()) << back.error().message;
  const auto& app = back->entries.at("app");
  ASSERT_EQ(app.size(), 2u);
  EXPECT_EQ(app[0].version, "1.0.0");
  EXPECT_NE(app[0].digest, "old");  // the local chart wins
  EXPECT_EQ(app[1].digest, "nine");
}

}  // namespace
}  // namespace ho::chart::repo
