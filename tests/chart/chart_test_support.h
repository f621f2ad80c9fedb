// Test helpers: a throwaway directory to write chart files into, and .tgz
// archives built in memory (entries written exactly as given).
#pragma once

#include <archive.h>
#include <archive_entry.h>

#include <filesystem>
#include <fstream>
#include <string>
#include <utility>
#include <vector>

namespace ho::chart::testing {

class TempDir {
 public:
  TempDir() {
    std::string pattern = (std::filesystem::temp_directory_path() / "ho-chart-test-XXXXXX").string();
    path_ = mkdtemp(pattern.data());
  }
  ~TempDir() {
    std::error_code ec;
    std::filesystem::remove_all(path_, ec);
  }
  TempDir(const TempDir&) = delete;
  TempDir& operator=(const TempDir&) = delete;

  const std::string& path() const { return path_; }
  std::string file(const std::string& relative) const { return path_ + "/" + relative; }

  // Writes `content` to `relative`, creating parent folders.
  void write(const std::string& relative, const std::string& content) const {
    std::filesystem::path full = std::filesystem::path(path_) / relative;
    std::filesystem::create_directories(full.parent_path());
    std::ofstream(full, std::ios::binary) << content;
  }

 private:
  std::string path_;
};

struct ArchiveEntry {
  ArchiveEntry(std::string entryName, std::string content, unsigned entryType = AE_IFREG, std::string link = "")
      : name(std::move(entryName)), data(std::move(content)), type(entryType), linkTarget(std::move(link)) {}
  std::string name;
  std::string data;
  unsigned type = AE_IFREG;
  std::string linkTarget;
};

// A tar holding `entries` in order, in the format `setFormat` selects
// (archive_write_set_format_*), gzipped when asked.
inline std::string writeArchive(const std::vector<ArchiveEntry>& entries, int (*setFormat)(struct archive*),
                                bool gzip) {
  std::vector<char> buffer(16 * 1024 * 1024);
  std::size_t used = 0;
  struct archive* writer = archive_write_new();
  if (gzip) archive_write_add_filter_gzip(writer);
  setFormat(writer);
  archive_write_open_memory(writer, buffer.data(), buffer.size(), &used);
  for (const auto& e : entries) {
    struct archive_entry* entry = archive_entry_new();
    archive_entry_set_pathname(entry, e.name.c_str());
    archive_entry_set_filetype(entry, e.type);
    archive_entry_set_perm(entry, 0644);
    if (e.type == AE_IFLNK) archive_entry_set_symlink(entry, e.linkTarget.c_str());
    archive_entry_set_size(entry, e.type == AE_IFREG ? static_cast<la_int64_t>(e.data.size()) : 0);
    archive_write_header(writer, entry);
    if (e.type == AE_IFREG) archive_write_data(writer, e.data.data(), e.data.size());
    archive_entry_free(entry);
  }
  archive_write_close(writer);
  archive_write_free(writer);
  return std::string(buffer.data(), used);
}

// A gzipped tar holding `entries` in order.
inline std::string makeTgz(const std::vector<ArchiveEntry>& entries) {
  return writeArchive(entries, archive_write_set_format_pax_restricted, true);
}

inline std::string chartYaml(const std::string& name, const std::string& version = "0.1.0",
                             const std::string& extra = "") {
  return "apiVersion: v2\nname: " + name + "\nversion: " + version + "\n" + extra;
}

}  // namespace ho::chart::testing
