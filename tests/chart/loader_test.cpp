// Chart loading from directories and archives, with Helm's errors.
#include "chart/loader.h"

#include <gtest/gtest.h>

#include "chart/values.h"
#include "chart_test_support.h"

namespace ho::chart {
namespace {

using testing::ArchiveEntry;
using testing::chartYaml;
using testing::makeTgz;
using testing::TempDir;

std::string loadError(const std::string& chartYamlText) {
  TempDir dir;
  dir.write("Chart.yaml", chartYamlText);
  auto loaded = loadChart(dir.path());
  return loaded.ok() ? "" : loaded.error().message;
}

TEST(Loader, ValidationErrorsReadLikeHelms) {
  EXPECT_EQ(loadError("apiVersion: v2\nname: t\nversion: x\n"), "validation: chart.metadata.version \"x\" is invalid");
  EXPECT_EQ(loadError("apiVersion: v2\nname: t\n"), "validation: chart.metadata.version is required");
  EXPECT_EQ(loadError("apiVersion: v2\nversion: 1.2.3\n"), "validation: chart.metadata.name is required");
  EXPECT_EQ(loadError("apiVersion: v2\nname: a/b\nversion: 1.2.3\n"),
            "validation: chart.metadata.name \"a/b\" is invalid");
  EXPECT_EQ(loadError("apiVersion: v2\nname: t\nversion: 1.2.3\ntype: foo\n"),
            "validation: chart.metadata.type must be application or library");
  EXPECT_EQ(loadError("apiVersion: v2\nname: t\nversion: 1.2.3\ndependencies:\n- name: x\n  alias: a.b\n"),
            "validation: dependency \"x\" has disallowed characters in the alias");
  EXPECT_EQ(loadError("apiVersion: v2\nname: t\nversion: 1.2.3\nkeywords: 5\n"),
            "cannot load Chart.yaml: error unmarshaling JSON: while decoding JSON: json: cannot unmarshal number into "
            "Go struct field Metadata.keywords of type []string");
}

TEST(Loader, MissingChartYaml) {
  TempDir dir;
  dir.write("templates/x.yaml", "a: b\n");
  EXPECT_EQ(loadChart(dir.path()).error().message, "Chart.yaml file is missing");
}

TEST(Loader, NumericScalarsBecomeStringsLikeSigsYaml) {
  TempDir dir;
  dir.write("Chart.yaml", "name: t\nversion: 1.0\nappVersion: 1.10\ndeprecated: yes\n");
  auto chart = loadChart(dir.path());
  ASSERT_TRUE(chart.ok()) << chart.error().message;
  EXPECT_EQ((*chart)->metadata.version, "1");
  EXPECT_EQ((*chart)->metadata.appVersion, "1.1");
  EXPECT_EQ((*chart)->metadata.apiVersion, "v1");  // defaulted when absent
  EXPECT_TRUE((*chart)->metadata.deprecated);
}

TEST(Loader, DirectorySortsFilesIntoTheirPlaces) {
  TempDir dir;
  dir.write("Chart.yaml", chartYaml("top", "0.1.0", "dependencies:\n- name: sub\n  version: 0.2.0\n"));
  dir.write("values.yaml", "a: 1\n");
  dir.write("values.schema.json", "{}");
  dir.write("templates/x.yaml", "x\n");
  dir.write("templates/.hidden", "ignored by default\n");
  dir.write("crds/crd.yaml", "kind: CustomResourceDefinition\n");
  dir.write("files/a.txt", "\xEF\xBB\xBFhello\n");
  dir.write("notes.tmp", "ignored\n");
  dir.write(".helmignore", "*.tmp\n");
  dir.write("charts/sub/Chart.yaml", chartYaml("sub", "0.2.0"));
  dir.write("charts/sub/templates/y.yaml", "y\n");
  dir.write("charts/_skipped/Chart.yaml", chartYaml("skipped"));
  dir.write("charts/packed-1.0.0.tgz",
            makeTgz({{"packed/Chart.yaml", chartYaml("packed", "1.0.0")}, {"packed/templates/z.yaml", "z\n"}}));
  auto loaded = loadChart(dir.path());
  ASSERT_TRUE(loaded.ok()) << loaded.error().message;
  const Chart& chart = **loaded;
  ASSERT_EQ(chart.templates.size(), 1u);
  EXPECT_EQ(chart.templates[0].name, "templates/x.yaml");
  EXPECT_EQ(chart.schema, "{}");
  EXPECT_EQ(chart.values.find("a")->asFloat(), 1.0);  // values.yaml numbers are float64
  std::vector<std::string> fileNames;
  for (const File& f : chart.files) fileNames.push_back(f.name);
  EXPECT_EQ(fileNames, (std::vector<std::string>{".helmignore", "crds/crd.yaml", "files/a.txt"}));
  EXPECT_EQ(chart.files[2].data, "hello\n");  // UTF-8 BOM dropped
  ASSERT_EQ(chart.dependencies().size(), 2u);
  EXPECT_EQ(chart.dependencies()[0]->name(), "packed");
  EXPECT_EQ(chart.dependencies()[0]->templates[0].name, "templates/z.yaml");
  EXPECT_EQ(chart.dependencies()[1]->chartFullPath(), "top/charts/sub");
  EXPECT_EQ(chart.dependencies()[1]->chartPath(), "top.sub");
  auto crds = chart.crdObjects();
  ASSERT_EQ(crds.size(), 1u);
  EXPECT_EQ(crds[0].filename, "top/crds/crd.yaml");
}

TEST(Loader, ArchiveTopFolderIsStripped) {
  auto chart = loadArchive(makeTgz({{"anything/Chart.yaml", chartYaml("t")}, {"anything/templates/a.yaml", "a\n"}}));
  ASSERT_TRUE(chart.ok()) << chart.error().message;
  EXPECT_EQ((*chart)->name(), "t");
  EXPECT_EQ((*chart)->templates[0].name, "templates/a.yaml");
}

// Files read from an archive are slices of the inflated tar: each keeps exactly
// its own bytes (a byte order mark dropped), and outlives the archive buffer.
TEST(Loader, ArchiveFilesKeepExactlyTheirBytes) {
  std::string binary("\0\x1f\x8b\xff tail", 9);
  std::vector<File> files;
  {
    auto read = readArchiveFiles(makeTgz({{"t/Chart.yaml", chartYaml("t")},
                                          {"t/files/bom.txt", "\xEF\xBB\xBFkept"},
                                          {"t/files/empty.txt", ""},
                                          {"t/files/binary.bin", binary},
                                          {"t/files/big.txt", std::string(70000, 'x') + "end"}}));
    ASSERT_TRUE(read.ok()) << read.error().message;
    files = std::move(*read);
  }
  ASSERT_EQ(files.size(), 5u);
  EXPECT_EQ(files[1].name, "files/bom.txt");
  EXPECT_EQ(files[1].data, "kept");
  EXPECT_EQ(files[2].data, "");
  EXPECT_EQ(files[3].data, binary);
  EXPECT_EQ(files[4].data.size(), 70003u);
  EXPECT_TRUE(files[4].data.view().ends_with("xend"));
}

// Archives the direct tar reader leaves alone (here pre-POSIX v7 headers, and
// a gzip stream of two members, which libarchive inflates as it reads) are
// read by libarchive with the same result.
TEST(Loader, UnusualArchivesAreReadByLibarchive) {
  const std::vector<ArchiveEntry> entries = {{"t/Chart.yaml", chartYaml("t")},
                                             {"t/files/bom.txt", "\xEF\xBB\xBFkept"},
                                             {"t/files/big.txt", std::string(70000, 'x') + "end"}};
  const std::string v7 = testing::writeArchive(entries, archive_write_set_format_v7tar, true);
  // The ustar tarball after an empty gzip member (header, empty deflate block, zero CRC and size).
  const std::string emptyMember = std::string("\x1f\x8b\x08\0\0\0\0\0\0\x03\x03\0", 12) + std::string(8, '\0');
  const std::string twoMembers = emptyMember + testing::writeArchive(entries, archive_write_set_format_ustar, true);
  for (const std::string& archive : {v7, twoMembers}) {
    auto read = readArchiveFiles(archive);
    ASSERT_TRUE(read.ok()) << read.error().message;
    ASSERT_EQ(read->size(), 3u);
    EXPECT_EQ((*read)[1].data, "kept");
    EXPECT_EQ((*read)[2].data.size(), 70003u);
  }
}

TEST(Loader, HostileArchivesAreRefused) {
  EXPECT_EQ(loadArchive(makeTgz({{"t/../../etc/passwd", "x"}})).error().message,
            "chart illegally references parent directory");
  EXPECT_EQ(loadArchive(makeTgz({{"t//etc/passwd", "x"}})).error().message, "chart illegally contains absolute paths");
  EXPECT_EQ(loadArchive(makeTgz({{"Chart.yaml", chartYaml("t")}})).error().message,
            "chart illegally contains content outside the base directory: \"Chart.yaml\"");
  EXPECT_EQ(loadArchive(makeTgz({{"t/c:/x", "x"}})).error().message, "chart contains illegally named files");
  EXPECT_EQ(loadArchive(makeTgz({{"t/", "", AE_IFDIR}})).error().message, "no files in chart archive");
  EXPECT_EQ(loadArchive("not gzip").error().message, "gzip: invalid header");
  std::string big(kMaxDecompressedFileSize + 1, 'a');
  EXPECT_EQ(loadArchive(makeTgz({{"t/big.txt", big}})).error().message,
            "decompressed chart file \"t/big.txt\" is larger than the maximum file size 5242880");
}

TEST(Loader, ArchiveSymlinksAreNotFollowed) {
  auto chart = loadArchive(makeTgz({{"t/Chart.yaml", chartYaml("t")}, {"t/files/link", "", AE_IFLNK, "/etc/passwd"}}));
  ASSERT_TRUE(chart.ok()) << chart.error().message;
  ASSERT_EQ((*chart)->files.size(), 1u);
  EXPECT_EQ((*chart)->files[0].data, "");
}

TEST(Loader, SubchartErrorsAreWrapped) {
  TempDir dir;
  dir.write("Chart.yaml", chartYaml("top"));
  dir.write("charts/sub/Chart.yaml", "apiVersion: v2\nname: sub\n");
  EXPECT_EQ(loadChart(dir.path()).error().message,
            "error unpacking subchart sub in top: validation: chart.metadata.version is required");
}

TEST(Loader, RequirementsYamlFeedsV1Dependencies) {
  TempDir dir;
  dir.write("Chart.yaml", "apiVersion: v1\nname: old\nversion: 1.0.0\n");
  dir.write("requirements.yaml", "dependencies:\n- name: sub\n  version: 0.1.0\n  repository: file://x\n");
  auto chart = loadChart(dir.path());
  ASSERT_TRUE(chart.ok()) << chart.error().message;
  ASSERT_EQ((*chart)->metadata.dependencies.size(), 1u);
  EXPECT_EQ((*chart)->metadata.dependencies[0]->repository, "file://x");
  ASSERT_EQ((*chart)->files.size(), 1u);
  EXPECT_EQ((*chart)->files[0].name, "requirements.yaml");
}

TEST(Loader, ValuesMustBeAMap) {
  TempDir dir;
  dir.write("Chart.yaml", chartYaml("t"));
  dir.write("values.yaml", "- a\n");
  EXPECT_EQ(loadChart(dir.path()).error().message,
            "cannot load values.yaml: error unmarshaling JSON: while decoding JSON: json: cannot unmarshal array into "
            "Go value of type map[string]interface {}");
}

}  // namespace
}  // namespace ho::chart

namespace ho::chart {
namespace {

TEST(LoaderDirectory, NegatedIgnoreRuleHidesEverythingElse) {
  // Helm 3.17 prints "Error: Chart.yaml file is missing" for this .helmignore.
  testing::TempDir dir;
  dir.write("Chart.yaml", testing::chartYaml("hi"));
  dir.write("files/keep.txt", "x\n");
  dir.write(".helmignore", "!keep.txt\n");
  EXPECT_EQ(loadChart(dir.path()).error().message, "Chart.yaml file is missing");
}

TEST(LoaderDirectory, SymlinkedFoldersAreFollowed) {
  testing::TempDir dir, target;
  dir.write("Chart.yaml", testing::chartYaml("hi"));
  target.write("x.yaml", "linked\n");
  std::filesystem::create_directories(dir.file("files"));
  std::filesystem::create_directory_symlink(target.path(), dir.file("files/linked"));
  std::vector<std::string> lines;
  setWarningSink([&lines](const std::string& line) { lines.push_back(line); });
  auto chart = loadChart(dir.path());
  setWarningSink([](const std::string&) {});
  ASSERT_TRUE(chart.ok()) << chart.error().message;
  ASSERT_EQ((*chart)->files.size(), 1u);
  EXPECT_EQ((*chart)->files[0].name, "files/linked/x.yaml");
  EXPECT_EQ((*chart)->files[0].data, "linked\n");
  ASSERT_EQ(lines.size(), 1u);
  EXPECT_TRUE(lines[0].starts_with("walk.go:75: found symbolic link in path: "));
}

}  // namespace
}  // namespace ho::chart
