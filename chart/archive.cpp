// Reading a chart archive (.tgz) into files like Helm's LoadArchiveFiles:
// the top folder stripped, hostile paths refused, sizes capped.
#include <archive.h>
#include <archive_entry.h>
#include <libdeflate.h>

#include <algorithm>
#include <cctype>
#include <cstdint>
#include <memory>
#include <optional>

#include "chart/archive_error.h"
#include "chart/loader.h"
#include "chart/tar_reader.h"

namespace ho::chart {
namespace {

using ArchivePtr = std::unique_ptr<struct archive, decltype(&archive_read_free)>;

// Go's path.Clean for a relative, '/' separated path.
std::string cleanPath(const std::string& path) {
  std::vector<std::string> parts;
  std::size_t start = 0;
  while (start <= path.size()) {
    std::size_t slash = path.find('/', start);
    std::string part = path.substr(start, slash == std::string::npos ? std::string::npos : slash - start);
    if (part == "..") {
      if (!parts.empty() && parts.back() != "..")
        parts.pop_back();
      else
        parts.push_back(part);
    } else if (!part.empty() && part != ".") {
      parts.push_back(part);
    }
    if (slash == std::string::npos) break;
    start = slash + 1;
  }
  std::string out;
  for (const auto& part : parts) out += (out.empty() ? "" : "/") + part;
  return out.empty() ? "." : out;
}

// The entry's path inside the chart (the first element, the chart folder, dropped).
Result<std::string> chartRelativeName(const std::string& entryName) {
  char delimiter = entryName.find('\\') != std::string::npos ? '\\' : '/';
  std::size_t first = entryName.find(delimiter);
  std::string topElement = entryName.substr(0, first);
  std::string rest = first == std::string::npos ? "" : entryName.substr(first + 1);
  for (char& c : rest) {
    if (c == delimiter) c = '/';
  }
  if (rest.starts_with("/")) return Error{"chart illegally contains absolute paths"};
  std::string name = cleanPath(rest);
  if (name == ".") {
    return Error{"chart illegally contains content outside the base directory: \"" + entryName + "\""};
  }
  if (name.starts_with("..")) return Error{"chart illegally references parent directory"};
  const bool drivePath = name.size() >= 3 && std::isalpha(static_cast<unsigned char>(name[0])) != 0 &&
                         static_cast<unsigned char>(name[0]) < 0x80 && name[1] == ':' && name[2] == '/';
  if (drivePath) return Error{"chart contains illegally named files"};  // "C:/..."
  if (topElement == "Chart.yaml") return Error{"chart yaml not in base directory"};
  return name;
}

struct InflatedTar {
  std::shared_ptr<char[]> bytes;
  std::size_t size = 0;
};

// A single-member gzip stream inflated in one call with libdeflate, about
// three times as fast as zlib's streaming inflate. nullopt when the stream is
// not that simple (several members, trailing bytes, corrupt data, a size
// beyond the chart limit): libarchive's streaming reader then takes it and
// reports any error in its words.
std::optional<InflatedTar> inflateWhole(std::string_view gzip) {
  if (gzip.size() < 18) return std::nullopt;
  const auto* trailer = reinterpret_cast<const unsigned char*>(gzip.data() + gzip.size() - 4);
  std::size_t declared = trailer[0] | (trailer[1] << 8) | (trailer[2] << 16) | (std::uint32_t{trailer[3]} << 24);
  if (declared == 0 || declared > kMaxDecompressedChartSize) return std::nullopt;
  std::unique_ptr<libdeflate_decompressor, decltype(&libdeflate_free_decompressor)> inflater(
      libdeflate_alloc_decompressor(), libdeflate_free_decompressor);
  if (!inflater) return std::nullopt;
  InflatedTar tar{std::make_shared_for_overwrite<char[]>(declared), 0};
  std::size_t consumed = 0;
  if (libdeflate_gzip_decompress_ex(inflater.get(), gzip.data(), gzip.size(), tar.bytes.get(), declared, &consumed,
                                    &tar.size) != LIBDEFLATE_SUCCESS ||
      consumed != gzip.size() || tar.size != declared) {
    return std::nullopt;
  }
  return tar;
}

Error tooLarge() {
  return Error{"decompressed chart is larger than the maximum size " + std::to_string(kMaxDecompressedChartSize)};
}

// The current entry's bytes, copied out of libarchive (holes of sparse
// entries as zeros), within what the chart-size limit still allows.
Result<SharedText> readEntryData(struct archive* reader, std::size_t declared, std::size_t remaining) {
  std::string data;
  data.reserve(declared);  // exact for an honest header: no growth slack kept per file
  char buffer[65536];
  while (true) {
    la_ssize_t n = archive_read_data(reader, buffer, sizeof buffer);
    if (n < 0) return Error{std::string("archive/tar: ") + archiveErrorText(reader)};
    if (n == 0) break;
    if (static_cast<std::size_t>(n) >= remaining - std::min(remaining, data.size())) return tooLarge();
    data.append(buffer, static_cast<std::size_t>(n));
  }
  if (data.size() < declared) return tooLarge();
  return SharedText(std::move(data));
}

// Limits and name rules both readers apply to an entry's header, in Helm's
// order. The chart-relative name, or nullopt for a directory (skipped).
class EntryAdmission {
 public:
  Result<std::optional<std::string>> admit(const std::string& entryName, bool directory, std::size_t declared) {
    if (++entries_ > kMaxArchiveEntries) {
      return Error{"chart archive has more than " + std::to_string(kMaxArchiveEntries) + " entries"};
    }
    if (directory) return std::optional<std::string>();
    auto name = chartRelativeName(entryName);
    if (!name) return name.error();
    // Links are not followed: like Go's tar reader, they become empty files.
    if (declared > remaining_) return tooLarge();
    if (declared > kMaxDecompressedFileSize) {
      return Error{"decompressed chart file \"" + entryName + "\" is larger than the maximum file size " +
                   std::to_string(kMaxDecompressedFileSize)};
    }
    return std::optional<std::string>(std::move(*name));
  }
  // What the chart-size limit still allows.
  std::size_t remaining() const { return remaining_; }
  // Counts an entry's bytes against that limit.
  Result<void> account(std::size_t bytes) {
    if (bytes >= remaining_) return tooLarge();
    remaining_ -= bytes;
    return {};
  }

 private:
  std::size_t entries_ = 0;
  std::size_t remaining_ = kMaxDecompressedChartSize;
};

Result<std::vector<File>> nonEmpty(std::vector<File> files) {
  if (files.empty()) return Error{"no files in chart archive"};
  return files;
}

// The files of a tar that readSimpleTar could read: slices of the inflated tar.
Result<std::vector<File>> filesOf(const std::vector<TarEntry>& entries, const InflatedTar& tar) {
  std::vector<File> files;
  EntryAdmission admission;
  for (const TarEntry& entry : entries) {
    auto name = admission.admit(entry.path, entry.directory, entry.data.size());
    if (!name) return name.error();
    if (!*name) continue;
    if (auto counted = admission.account(entry.data.size()); !counted) return counted.error();
    File& file = files.emplace_back(File{std::move(**name), SharedText(std::shared_ptr<const void>(tar.bytes), entry.data)});
    stripByteOrderMark(file.data);
  }
  return nonEmpty(std::move(files));
}

// Any other archive, through libarchive: the inflated tar when libdeflate could
// inflate it, else the gzip stream with libarchive's own inflater.
Result<std::vector<File>> readWithLibarchive(std::string_view tgzBytes, const InflatedTar* tar) {
  ArchivePtr reader(archive_read_new(), archive_read_free);
  archive_read_support_format_tar(reader.get());
  int opened = ARCHIVE_OK;
  if (tar) {
    opened = archive_read_open_memory(reader.get(), tar->bytes.get(), tar->size);
  } else {
    archive_read_support_filter_gzip(reader.get());
    opened = archive_read_open_memory(reader.get(), tgzBytes.data(), tgzBytes.size());
  }
  if (opened != ARCHIVE_OK) return Error{std::string("archive/tar: ") + archiveErrorText(reader.get())};
  std::vector<File> files;
  EntryAdmission admission;
  struct archive_entry* entry = nullptr;
  while (true) {
    int status = archive_read_next_header(reader.get(), &entry);
    if (status == ARCHIVE_EOF) break;
    if (status != ARCHIVE_OK && status != ARCHIVE_WARN) {
      return Error{std::string("archive/tar: ") + archiveErrorText(reader.get())};
    }
    std::string entryName = archive_entry_pathname(entry) ? archive_entry_pathname(entry) : "";
    auto declared = static_cast<std::size_t>(std::max<la_int64_t>(0, archive_entry_size(entry)));
    auto name = admission.admit(entryName, archive_entry_filetype(entry) == AE_IFDIR, declared);
    if (!name) return name.error();
    if (!*name) continue;
    auto data = readEntryData(reader.get(), declared, admission.remaining());
    if (!data) return data.error();
    if (auto counted = admission.account(data->size()); !counted) return counted.error();
    File& file = files.emplace_back(File{std::move(**name), std::move(*data)});
    stripByteOrderMark(file.data);
  }
  return nonEmpty(std::move(files));
}

}  // namespace

Result<std::vector<File>> readArchiveFiles(std::string_view tgzBytes) {
  if (tgzBytes.size() < 2 || static_cast<unsigned char>(tgzBytes[0]) != 0x1f ||
      static_cast<unsigned char>(tgzBytes[1]) != 0x8b) {
    return Error{"gzip: invalid header"};
  }
  std::optional<InflatedTar> tar = inflateWhole(tgzBytes);
  if (tar) {
    if (auto entries = readSimpleTar(std::string_view(tar->bytes.get(), tar->size))) return filesOf(*entries, *tar);
  }
  return readWithLibarchive(tgzBytes, tar ? &*tar : nullptr);
}

}  // namespace ho::chart
