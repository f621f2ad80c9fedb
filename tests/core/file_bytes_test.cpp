// readFileBytes: whole files byte for byte (sizes around the read loop's
// boundaries, NULs, files fstat cannot size) and Go's error wording.
#include "core/file_bytes.h"

#include <gtest/gtest.h>
#include <unistd.h>

#include <filesystem>
#include <fstream>
#include <string>

namespace ho {
namespace {

namespace fs = std::filesystem;

class FileBytesTest : public ::testing::Test {
 protected:
  void SetUp() override {
    dir_ = fs::temp_directory_path() / ("ho-file-bytes-" + std::to_string(::getpid()));
    fs::create_directories(dir_);
  }
  void TearDown() override { fs::remove_all(dir_); }

  std::string write(const std::string& name, const std::string& bytes) {
    const fs::path path = dir_ / name;
    std::ofstream(path, std::ios::binary) << bytes;
    return path.string();
  }

  fs::path dir_;
};

TEST_F(FileBytesTest, ReadsEveryByteWhateverTheSize) {
  for (std::size_t size : {0u, 1u, 4095u, 4096u, 4097u, 65536u, 1000003u}) {
    std::string bytes(size, '\0');
    for (std::size_t i = 0; i < size; ++i) bytes[i] = static_cast<char>((i * 131) % 256);
    auto read = readFileBytes(write("f" + std::to_string(size), bytes));
    ASSERT_TRUE(read) << read.error().message;
    EXPECT_EQ(*read, bytes) << "size " << size;
  }
}

TEST_F(FileBytesTest, ReadsFilesWhoseSizeIsUnknownUntilTheEnd) {
  auto read = readFileBytes("/proc/self/status");
  ASSERT_TRUE(read) << read.error().message;
  EXPECT_NE(read->find("Name:"), std::string::npos);
  EXPECT_GT(read->size(), 100u);
}

TEST_F(FileBytesTest, ErrorsReadAsGoWordsThem) {
  const std::string missing = (dir_ / "missing.yaml").string();
  auto absent = readFileBytes(missing);
  ASSERT_FALSE(absent);
  EXPECT_EQ(absent.error().message, "open " + missing + ": no such file or directory");

  auto folder = readFileBytes(dir_.string());
  ASSERT_FALSE(folder);
  EXPECT_EQ(folder.error().message, "read " + dir_.string() + ": is a directory");
}

}  // namespace
}  // namespace ho
