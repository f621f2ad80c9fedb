// readSimpleTar against libarchive: the same entries, names and bytes for the
// formats chart archives come in, and a refusal (libarchive's turn) for
// anything damaged or unusual.
#include "chart/tar_reader.h"

#include <archive.h>
#include <cstdio>
#include <archive_entry.h>
#include <gtest/gtest.h>

#include "chart_test_support.h"

namespace ho::chart {
namespace {

using testing::ArchiveEntry;
using testing::writeArchive;

struct ReadEntry {
  std::string path;
  bool directory;
  std::string data;
  bool operator==(const ReadEntry&) const = default;
};

std::vector<ReadEntry> readWithLibarchive(const std::string& tar) {
  std::vector<ReadEntry> out;
  struct archive* reader = archive_read_new();
  archive_read_support_format_tar(reader);
  archive_read_open_memory(reader, tar.data(), tar.size());
  struct archive_entry* entry = nullptr;
  while (archive_read_next_header(reader, &entry) == ARCHIVE_OK) {
    ReadEntry e{archive_entry_pathname(entry), archive_entry_filetype(entry) == AE_IFDIR, ""};
    char buffer[4096];
    for (la_ssize_t n; (n = archive_read_data(reader, buffer, sizeof buffer)) > 0;) {
      e.data.append(buffer, static_cast<std::size_t>(n));
    }
    out.push_back(std::move(e));
  }
  archive_read_free(reader);
  return out;
}

std::vector<ReadEntry> readDirectly(const std::string& tar) {
  auto entries = readSimpleTar(tar);
  if (!entries) return {};
  std::vector<ReadEntry> out;
  for (const TarEntry& e : *entries) out.push_back({e.path, e.directory, std::string(e.data)});
  return out;
}

std::vector<ArchiveEntry> sampleEntries() {
  return {
      {"mychart/", "", AE_IFDIR},
      {"mychart/Chart.yaml", "apiVersion: v2\nname: mychart\nversion: 1.0.0\n"},
      {"mychart/templates/empty.yaml", ""},
      {"mychart/files/" + std::string(90, 'd') + "/nested/deeper/" + std::string(40, 'f') + ".txt", "deep\n"},
      {"mychart/files/block.bin", std::string(512, 'b') + std::string(1, '\0') + "x"},
      {"mychart/files/link", "", AE_IFLNK, "../Chart.yaml"},
  };
}

TEST(TarReader, ReadsWhatLibarchiveReadsInEachFormat) {
  const std::pair<const char*, int (*)(struct archive*)> formats[] = {
      {"ustar", archive_write_set_format_ustar},
      {"gnutar", archive_write_set_format_gnutar},
      {"pax", archive_write_set_format_pax},
      {"pax_restricted", archive_write_set_format_pax_restricted},
  };
  for (const auto& [name, setFormat] : formats) {
    const std::string tar = writeArchive(sampleEntries(), setFormat, false);
    ASSERT_TRUE(readSimpleTar(tar).has_value()) << name;
    EXPECT_EQ(readDirectly(tar), readWithLibarchive(tar)) << name;
    EXPECT_EQ(readDirectly(tar).size(), sampleEntries().size()) << name;
  }
}

TEST(TarReader, LongAndUnicodeNamesThroughGnuAndPaxHeaders) {
  std::vector<ArchiveEntry> entries = {{"c/" + std::string(150, 'n') + ".yaml", "long\n"},
                                       {"c/templates/caf\xC3\xA9-\xE2\x98\x83.yaml", "unicode\n"}};
  for (auto setFormat : {archive_write_set_format_gnutar, archive_write_set_format_pax}) {
    const std::string tar = writeArchive(entries, setFormat, false);
    auto read = readDirectly(tar);
    ASSERT_EQ(read.size(), 2u);
    EXPECT_EQ(read[0].path, entries[0].name);
    EXPECT_EQ(read[1].path, entries[1].name);
    EXPECT_EQ(read, readWithLibarchive(tar));
  }
}

TEST(TarReader, LeavesDamagedAndUnusualArchivesToLibarchive) {
  const std::string good = writeArchive(sampleEntries(), archive_write_set_format_ustar, false);
  std::string badChecksum = good;
  badChecksum[10] ^= 1;  // a name byte of the first header
  EXPECT_FALSE(readSimpleTar(badChecksum).has_value());
  EXPECT_FALSE(readSimpleTar(good.substr(0, 512 + 100)).has_value());  // data cut short
  EXPECT_FALSE(readSimpleTar(good.substr(0, 700)).has_value());        // a header cut short
  const std::string device = writeArchive({{"c/dev", "", AE_IFCHR}}, archive_write_set_format_ustar, false);
  EXPECT_FALSE(readSimpleTar(device).has_value());
  std::string garbageAfterZero(1024, '\0');
  garbageAfterZero += good;  // a zero block followed by a header: Go calls it an invalid header
  EXPECT_FALSE(readSimpleTar(garbageAfterZero.substr(512)).has_value());
  EXPECT_TRUE(readSimpleTar("").has_value());  // nothing at all: no entries (the loader then says so)
}

// A header's checksum sums its bytes as unsigned values; some old writers summed
// them as signed ones. Names with bytes above 0x7F tell the two apart.
TEST(TarReader, ChecksumsSummedUnsignedOrSigned) {
  const std::string name = "c/caf\xC3\xA9-\xE2\x98\x83-\xFF.yaml";
  const std::string tar = writeArchive({{name, "x\n"}}, archive_write_set_format_ustar, false);
  ASSERT_TRUE(readSimpleTar(tar).has_value());
  std::int64_t signedSum = 0;
  for (std::size_t i = 0; i < 512; ++i) signedSum += i >= 148 && i < 156 ? ' ' : static_cast<signed char>(tar[i]);
  char field[8];
  std::snprintf(field, sizeof field, "%06o", static_cast<unsigned>(signedSum));
  std::string signedTar = tar;
  signedTar.replace(148, 8, std::string(field, 6) + std::string("\0 ", 2));
  auto read = readSimpleTar(signedTar);
  ASSERT_TRUE(read.has_value());
  EXPECT_EQ(read->at(0).path, name);
  signedTar[148 + 5] = signedTar[148 + 5] == '0' ? '1' : '0';  // neither sum
  EXPECT_FALSE(readSimpleTar(signedTar).has_value());
}

}  // namespace
}  // namespace ho::chart
