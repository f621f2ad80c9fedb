// Fuzz target: uncompressed tar bytes through the direct tar reader, checked
// against libarchive: whatever readSimpleTar accepts, libarchive must read as
// the same entries (names, directory flags, bytes); its views stay inside the input.
#include <archive.h>
#include <archive_entry.h>

#include <cstdlib>
#include <string>

#include "chart/tar_reader.h"
#include "fuzz/fuzz_input.h"

namespace {

bool libarchiveReadsTheSame(std::string_view tar, const std::vector<ho::chart::TarEntry>& entries) {
  struct archive* reader = archive_read_new();
  archive_read_support_format_tar(reader);
  archive_read_open_memory(reader, tar.data(), tar.size());
  bool same = true;
  std::size_t index = 0;
  struct archive_entry* entry = nullptr;
  for (int status; same && ((status = archive_read_next_header(reader, &entry)) == ARCHIVE_OK || status == ARCHIVE_WARN);) {
    if (index >= entries.size()) {
      same = false;
      break;
    }
    const ho::chart::TarEntry& expected = entries[index++];
    const char* path = archive_entry_pathname(entry);
    std::string data;
    char buffer[4096];
    for (la_ssize_t n; (n = archive_read_data(reader, buffer, sizeof buffer)) > 0;) {
      data.append(buffer, static_cast<std::size_t>(n));
    }
    same = path != nullptr && expected.path == path && expected.directory == (archive_entry_filetype(entry) == AE_IFDIR) &&
           expected.data == data;
  }
  archive_read_free(reader);
  return same && index == entries.size();
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  const std::string_view tar = ho::fuzz::asText(data, size);
  auto entries = ho::chart::readSimpleTar(tar);
  if (!entries) return 0;
  for (const ho::chart::TarEntry& entry : *entries) {
    if (entry.data.data() < tar.data() || entry.data.data() + entry.data.size() > tar.data() + tar.size()) std::abort();
  }
  if (!libarchiveReadsTheSame(tar, *entries)) std::abort();
  return 0;
}
