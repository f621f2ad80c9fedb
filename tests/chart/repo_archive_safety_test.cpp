// Hostile chart tarballs are refused before they are cached or loaded.
#include <gtest/gtest.h>

#include "chart/repo/archive_safety.h"
#include "repo_test_support.h"

namespace ho::chart::repo {
namespace {

using testing::ArchiveEntry;
using testing::makeTgz;

std::string refusal(const std::string& tgz, const ArchiveLimits& limits = {}) {
  auto checked = checkChartArchive(tgz, limits);
  if (checked) return "accepted";
  EXPECT_EQ(checked.error().kind, RepoErrorKind::UnsafeArchive);
  return checked.error().message;
}

TEST(RepoArchiveSafety, AcceptsAPlainChart) {
  EXPECT_EQ(refusal(testing::chartArchive("app", "1.0.0")), "accepted");
}

TEST(RepoArchiveSafety, AcceptsSymlinksInsideTheChart) {
  EXPECT_EQ(refusal(makeTgz({{"app/Chart.yaml", testing::chartYaml("app")},
                             {"app/templates/link.yaml", "", AE_IFLNK, "../Chart.yaml"}})),
            "accepted");
}

TEST(RepoArchiveSafety, RefusesPathTraversal) {
  EXPECT_EQ(refusal(makeTgz({{"app/../../etc/passwd", "x"}})),
            "chart archive entry \"app/../../etc/passwd\" references a parent directory");
}

TEST(RepoArchiveSafety, RefusesAbsolutePaths) {
  EXPECT_EQ(refusal(makeTgz({{"/etc/cron.d/evil", "x"}})), "chart archive entry \"/etc/cron.d/evil\" has an absolute path");
}

TEST(RepoArchiveSafety, RefusesSymlinkEscapes) {
  EXPECT_EQ(refusal(makeTgz({{"app/Chart.yaml", testing::chartYaml("app")},
                             {"app/templates/x", "", AE_IFLNK, "../../../etc/shadow"}})),
            "chart archive entry \"app/templates/x\" is a link to \"../../../etc/shadow\" outside the chart");
  EXPECT_NE(refusal(makeTgz({{"app/x", "", AE_IFLNK, "/etc/shadow"}})), "accepted");
  EXPECT_NE(refusal(makeTgz({{"app/x", "", AE_IFLNK, ".."}})), "accepted");
}

TEST(RepoArchiveSafety, RefusesEntriesThatRunThroughALink) {
  // app/x is the chart folder itself, so app/x/l -> ../etc would really be ../etc from app.
  EXPECT_EQ(refusal(makeTgz({{"app/Chart.yaml", testing::chartYaml("app")},
                             {"app/x", "", AE_IFLNK, "."},
                             {"app/x/l", "", AE_IFLNK, "../etc"}})),
            "chart archive entry \"app/x/l\" lies inside the link \"app/x\"");
}

TEST(RepoArchiveSafety, RefusesDeviceFiles) {
  EXPECT_EQ(refusal(makeTgz({{"app/Chart.yaml", testing::chartYaml("app")}, {"app/dev", "", AE_IFCHR}})),
            "chart archive entry \"app/dev\" is a device, fifo or socket");
  EXPECT_NE(refusal(makeTgz({{"app/fifo", "", AE_IFIFO}})), "accepted");
}

TEST(RepoArchiveSafety, RefusesAGzipBombOverTheFileLimit) {
  // 6 MiB of zeros compress to a few KiB; Helm's per-file limit is 5 MiB.
  std::string bomb = makeTgz({{"app/Chart.yaml", testing::chartYaml("app")}, {"app/big", std::string(6u << 20, '\0')}});
  EXPECT_LT(bomb.size(), 64u * 1024);
  EXPECT_EQ(refusal(bomb), "chart archive entry \"app/big\" is larger than 5242880 bytes decompressed");
}

TEST(RepoArchiveSafety, RefusesTooManyBytesOrEntries) {
  ArchiveLimits limits;
  limits.maxTotalBytes = 1000;
  limits.maxEntries = 5;
  EXPECT_EQ(refusal(makeTgz({{"app/a", std::string(600, 'a')}, {"app/b", std::string(600, 'b')}}), limits),
            "chart archive is larger than 1000 bytes decompressed");
  std::vector<ArchiveEntry> many;
  for (int i = 0; i < 6; ++i) many.emplace_back("app/f" + std::to_string(i), "x");
  EXPECT_EQ(refusal(makeTgz(many), limits), "chart archive has more than 5 entries");
}

TEST(RepoArchiveSafety, RefusesPathsNestedTooDeep) {
  ArchiveLimits limits;
  limits.maxPathDepth = 4;
  EXPECT_EQ(refusal(makeTgz({{"app/charts/sub/values.yaml", "x"}}), limits), "accepted");
  EXPECT_EQ(refusal(makeTgz({{"app/a/b/c/d.yaml", "x"}}), limits),
            "chart archive entry \"app/a/b/c/d.yaml\" is nested deeper than 4 levels");
  std::string deep = "app";
  for (int i = 0; i < 100; ++i) deep += "/d";
  EXPECT_EQ(refusal(makeTgz({{deep + "/x", "x"}})).rfind("chart archive entry \"app/d/d/", 0), 0u);
}

TEST(RepoArchiveSafety, RefusesGarbageAndTruncatedArchives) {
  EXPECT_NE(refusal("not a tarball at all"), "accepted");
  std::string tgz = testing::chartArchive("app", "1.0.0");
  EXPECT_NE(refusal(tgz.substr(0, tgz.size() / 2)), "accepted");
}

}  // namespace
}  // namespace ho::chart::repo
