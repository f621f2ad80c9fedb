// Loading a chart the way Helm's pkg/chart/loader does: from a directory
// (honouring .helmignore) or a .tgz archive (whose top folder is the chart),
// subcharts under charts/ (directories and nested .tgz) loaded recursively,
// with Helm's validation and error messages and limits against hostile archives.
#pragma once

#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "chart/chart.h"
#include "core/error.h"

namespace ho::chart {

// Helm's limits: 100 MiB decompressed per chart archive, 5 MiB per file.
inline constexpr std::size_t kMaxDecompressedChartSize = 100u * 1024 * 1024;
inline constexpr std::size_t kMaxDecompressedFileSize = 5u * 1024 * 1024;
// Our own guard against archives made of millions of tiny entries.
inline constexpr std::size_t kMaxArchiveEntries = 100000;

// loader.Load: a directory or a chart archive file.
Result<std::shared_ptr<Chart>> loadChart(const std::string& path);
// loader.LoadDir.
Result<std::shared_ptr<Chart>> loadDirectory(const std::string& dir);
// loader.LoadArchive: the bytes of a .tgz.
Result<std::shared_ptr<Chart>> loadArchive(std::string_view tgzBytes);
// Drops a leading UTF-8 byte order mark, as Helm's loader does for every file.
void stripByteOrderMark(SharedText& data);
// The files of a .tgz with the top folder stripped (loader.LoadArchiveFiles).
Result<std::vector<File>> readArchiveFiles(std::string_view tgzBytes);
// loader.LoadFiles: builds a chart from in-memory files (names relative to the chart root).
Result<std::shared_ptr<Chart>> loadFiles(std::vector<File> files);

// loadDirectory for files already in memory (names relative to the chart root,
// e.g. a tree exported from git): .helmignore and its defaults honoured, byte
// order marks stripped, then loadFiles.
Result<std::shared_ptr<Chart>> loadFileTree(std::vector<File> files);

// Parses Chart.yaml text into `metadata` (sigs.k8s.io/yaml into chart.Metadata).
Result<void> parseChartYaml(std::string_view text, Metadata& metadata);
// chart.Metadata.Validate: "validation: chart.metadata.name is required", ...
Result<void> validateMetadata(Metadata& metadata);

}  // namespace ho::chart
