// readFileBytes: whole files byte for byte (sizes around the read loop's
// boundaries, NULs, files fstat cannot size) and Go's error wording.
#include "core/file_bytes.h"

#include <gtest/gtest.h>

#include <string>

#include "tests/cli/cli_test_support.h"

namespace ho {
namespace {

using cli::testing::ScratchDir;

TEST(FileBytes, ReadsEveryByteWhateverTheSize) {
  const ScratchDir dir;
  for (std::size_t size : {0u, 1u, 4095u, 4096u, 4097u, 65536u, 1000003u}) {
    std::string bytes(size, '\0');
    for (std::size_t i = 0; i < size; ++i) bytes[i] = static_cast<char>((i * 131) % 256);
    auto read = readFileBytes(dir.write("f" + std::to_string(size), bytes));
    ASSERT_TRUE(read) << read.error().message;
    EXPECT_EQ(*read, bytes) << "size " << size;
  }
}

TEST(FileBytes, ReadsFilesWhoseSizeIsUnknownUntilTheEnd) {
  auto read = readFileBytes("/proc/self/status");
  ASSERT_TRUE(read) << read.error().message;
  EXPECT_NE(read->find("Name:"), std::string::npos);
  EXPECT_GT(read->size(), 100u);
}

TEST(FileBytes, ErrorsReadAsGoWordsThem) {
  const ScratchDir dir;
  const std::string missing = (dir.path() / "missing.yaml").string();
  auto absent = readFileBytes(missing);
  ASSERT_FALSE(absent);
  EXPECT_EQ(absent.error().message, "open " + missing + ": no such file or directory");

  auto folder = readFileBytes(dir.path().string());
  ASSERT_FALSE(folder);
  EXPECT_EQ(folder.error().message, "read " + dir.path().string() + ": is a directory");
}

}  // namespace
}  // namespace ho
