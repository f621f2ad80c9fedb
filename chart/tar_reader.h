// The entries of an uncompressed tar held in memory, read directly: the
// common case of chart archives (ustar, GNU long names, pax path/size
// records), without libarchive's per-entry locale conversions and copies.
#pragma once

#include <cstddef>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace ho::chart {

struct TarEntry {
  std::string path;       // as the archive names it (ustar prefix joined, long names applied)
  bool directory = false;
  std::string_view data;  // inside the tar text
};

// Every entry up to the end-of-archive marker, or nullopt when the archive
// holds anything this reader leaves to libarchive: a damaged or truncated
// header, pre-POSIX (v7) headers, numbers spelled unusually, sparse files,
// device entries, unusual pax records. libarchive then
// reads it again and reports any error in its words.
std::optional<std::vector<TarEntry>> readSimpleTar(std::string_view tar);

}  // namespace ho::chart
