// Chart archives the fuzz target chart_archive found crashing the loader and
// the download check (libarchive gave no error text; a std::string was built
// from the null pointer). Now they are refused with helm 3.17's message.
#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <iterator>

#include "chart/loader.h"
#include "chart/repo/archive_safety.h"

namespace ho::chart {
namespace {

std::string readSeed(const std::string& name) {
  std::ifstream in(std::filesystem::path(HO_SOURCE_DIR) / "fuzz/seeds/chart_archive" / name, std::ios::binary);
  return {std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>()};
}

TEST(ArchiveFuzzFindings, HeadersLibarchiveGivesNoTextForAreRefusedLikeHelm) {
  for (const char* name : {"crash-489f5cdec48cfc104016318d009c6cbf72b9c050", "crash-85f37de405a1645de4a251eb1a971934cde3a900",
                           "crash-937f3ac4fca855d7bd30b3143cb2361ab1b87a76"}) {
    const std::string bytes = readSeed(name);
    ASSERT_FALSE(bytes.empty()) << name;
    const auto loaded = loadArchive(bytes);
    ASSERT_FALSE(loaded) << name;
    EXPECT_EQ(loaded.error().message, "archive/tar: invalid tar header") << name;  // `helm template r FILE`
    EXPECT_FALSE(repo::checkChartArchive(bytes)) << name;
  }
}

}  // namespace
}  // namespace ho::chart
