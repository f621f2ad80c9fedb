// Vetting a downloaded chart tarball before it is cached or loaded: no absolute
// paths or `..`, no links that leave the chart folder, no device files, fifos or
// sockets, and limits on entries, path depth and decompressed bytes (tar and
// gzip bombs).
// The loader never writes links to disk, but anything that might extract the
// archive (the cache, a user running `tar x`) must get only clean archives.
#pragma once

#include <cstddef>
#include <string_view>

#include "chart/loader.h"
#include "chart/repo/repo_error.h"

namespace ho::chart::repo {

struct ArchiveLimits {
  std::size_t maxEntries = kMaxArchiveEntries;
  std::size_t maxTotalBytes = kMaxDecompressedChartSize;  // decompressed, all entries
  std::size_t maxFileBytes = kMaxDecompressedFileSize;    // decompressed, one entry
  // Folders in an entry's path (charts/a/charts/b/templates/x.yaml is 6 deep);
  // generous for nested subcharts, fatal to path bombs.
  std::size_t maxPathDepth = 64;
};

// Ok, or an UnsafeArchive error naming the offending entry.
RepoResult<void> checkChartArchive(std::string_view tgzBytes, const ArchiveLimits& limits = {});

}  // namespace ho::chart::repo
