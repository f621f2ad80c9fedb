// A streaming pass over the tar entries of a .tgz with libarchive; nothing is
// written anywhere, data is counted and dropped.
#include "chart/repo/archive_safety.h"

#include <archive.h>
#include <archive_entry.h>

#include <memory>
#include <set>
#include <string>
#include <vector>

#include "chart/archive_error.h"

namespace ho::chart::repo {
namespace {

using ArchivePtr = std::unique_ptr<struct archive, decltype(&archive_read_free)>;

RepoError unsafe(const std::string& message) { return RepoError{RepoErrorKind::UnsafeArchive, message}; }

bool isAbsolute(std::string_view path) {
  return path.starts_with('/') || path.starts_with('\\') || (path.size() >= 2 && path[1] == ':');
}

std::vector<std::string_view> splitPath(std::string_view path) {
  std::vector<std::string_view> parts;
  std::size_t start = 0;
  while (start <= path.size()) {
    std::size_t slash = path.find_first_of("/\\", start);
    std::string_view part = path.substr(start, slash == std::string_view::npos ? std::string_view::npos : slash - start);
    if (!part.empty() && part != ".") parts.push_back(part);
    if (slash == std::string_view::npos) break;
    start = slash + 1;
  }
  return parts;
}

RepoResult<void> checkEntryPath(const std::string& name) {
  if (isAbsolute(name)) return unsafe("chart archive entry \"" + name + "\" has an absolute path");
  auto parts = splitPath(name);
  for (auto part : parts) {
    if (part == "..") return unsafe("chart archive entry \"" + name + "\" references a parent directory");
  }
  if (parts.empty()) return unsafe("chart archive entry \"" + name + "\" has an empty path");
  return {};
}

RepoResult<void> checkPathDepth(const std::string& name, std::size_t maxDepth) {
  if (splitPath(name).size() <= maxDepth) return {};
  return unsafe("chart archive entry \"" + name.substr(0, 200) + (name.size() > 200 ? "..." : "") +
                "\" is nested deeper than " + std::to_string(maxDepth) + " levels");
}

// A symlink target is resolved from the link's folder; it must stay inside the
// archive's top folder (the chart).
RepoResult<void> checkSymlink(const std::string& name, const std::string& target) {
  auto linkFolder = splitPath(name);
  linkFolder.pop_back();  // the link's own name
  auto escape = unsafe("chart archive entry \"" + name + "\" is a link to \"" + target + "\" outside the chart");
  if (linkFolder.empty() || target.empty() || isAbsolute(target)) return escape;
  std::vector<std::string_view> resolved = linkFolder;
  for (auto part : splitPath(target)) {
    if (part != "..") {
      resolved.push_back(part);
    } else if (resolved.size() <= 1) {
      return escape;  // would leave the chart's top folder
    } else {
      resolved.pop_back();
    }
  }
  return {};
}

RepoResult<void> checkEntryType(struct archive_entry* entry, const std::string& name) {
  switch (archive_entry_filetype(entry)) {
    case AE_IFREG:
    case AE_IFDIR:
      break;
    case AE_IFLNK: {
      const char* target = archive_entry_symlink(entry);
      if (auto ok = checkSymlink(name, target ? target : ""); !ok) return ok;
      break;
    }
    default:
      return unsafe("chart archive entry \"" + name + "\" is a device, fifo or socket");
  }
  if (const char* hardlink = archive_entry_hardlink(entry)) {
    auto target = splitPath(hardlink);
    if (!checkEntryPath(hardlink) || target.size() < 2 || target.front() != splitPath(name).front()) {
      return unsafe("chart archive entry \"" + name + "\" is a hard link to \"" + hardlink + "\" outside the chart");
    }
  }
  return {};
}

// Links are checked by their written path, so a path that runs through an
// earlier link (whose real folder differs) could slip out; such paths are refused.
RepoResult<void> checkNotThroughLink(const std::string& name, std::set<std::string>& links, bool isLink) {
  std::string prefix;
  auto parts = splitPath(name);
  for (std::size_t i = 0; i + 1 < parts.size(); ++i) {
    prefix += (i ? "/" : "") + std::string(parts[i]);
    if (links.contains(prefix)) return unsafe("chart archive entry \"" + name + "\" lies inside the link \"" + prefix + "\"");
  }
  if (isLink) {
    std::string whole;
    for (auto part : parts) whole += (whole.empty() ? "" : "/") + std::string(part);
    links.insert(whole);
  }
  return {};
}

}  // namespace

RepoResult<void> checkChartArchive(std::string_view tgzBytes, const ArchiveLimits& limits) {
  ArchivePtr reader(archive_read_new(), archive_read_free);
  archive_read_support_filter_gzip(reader.get());
  archive_read_support_format_tar(reader.get());
  if (archive_read_open_memory(reader.get(), tgzBytes.data(), tgzBytes.size()) != ARCHIVE_OK) {
    return unsafe(std::string("chart archive is not a gzipped tar: ") + archiveErrorText(reader.get()));
  }
  std::size_t entries = 0;
  std::size_t total = 0;
  std::set<std::string> links;
  struct archive_entry* entry = nullptr;
  char buffer[65536];
  while (true) {
    int status = archive_read_next_header(reader.get(), &entry);
    if (status == ARCHIVE_EOF) break;
    if (status != ARCHIVE_OK && status != ARCHIVE_WARN) {
      return unsafe(std::string("chart archive is corrupt: ") + archiveErrorText(reader.get()));
    }
    if (++entries > limits.maxEntries) {
      return unsafe("chart archive has more than " + std::to_string(limits.maxEntries) + " entries");
    }
    std::string name = archive_entry_pathname(entry) ? archive_entry_pathname(entry) : "";
    if (auto ok = checkEntryPath(name); !ok) return ok;
    if (auto ok = checkPathDepth(name, limits.maxPathDepth); !ok) return ok;
    if (auto ok = checkEntryType(entry, name); !ok) return ok;
    if (auto ok = checkNotThroughLink(name, links, archive_entry_filetype(entry) == AE_IFLNK); !ok) return ok;
    std::size_t fileBytes = 0;
    while (true) {
      la_ssize_t n = archive_read_data(reader.get(), buffer, sizeof buffer);
      if (n < 0) return unsafe(std::string("chart archive is corrupt: ") + archiveErrorText(reader.get()));
      if (n == 0) break;
      fileBytes += static_cast<std::size_t>(n);
      total += static_cast<std::size_t>(n);
      if (fileBytes > limits.maxFileBytes) {
        return unsafe("chart archive entry \"" + name + "\" is larger than " + std::to_string(limits.maxFileBytes) +
                      " bytes decompressed");
      }
      if (total > limits.maxTotalBytes) {
        return unsafe("chart archive is larger than " + std::to_string(limits.maxTotalBytes) + " bytes decompressed");
      }
    }
  }
  if (entries == 0) return unsafe("chart archive has no entries");
  return {};
}

}  // namespace ho::chart::repo
