// A chart repository's index.yaml (Helm's repo.IndexFile): the model, parsing
// with Helm's leniency (invalid entries skipped, versions sorted newest first),
// and lookups by chart name.
#pragma once

#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "chart/repo/repo_error.h"
#include "core/shared_text.h"
#include "core/value.h"

namespace ho::chart::repo {

// One version of one chart (Helm's repo.ChartVersion: chart metadata plus urls,
// created, digest).
struct ChartVersion {
  std::string name;
  std::string version;
  std::string appVersion;
  std::string apiVersion;
  std::string digest;   // sha256 hex of the tarball ("" when the index has none)
  std::string created;  // RFC 3339 as written
  std::vector<std::string> urls;
  bool removed = false;
  // The whole entry as a map, written back unchanged by the index writer; read
  // it with entryFields(). The streaming reader leaves it nil and keeps the
  // entry's YAML text instead (`fieldsText`, whose first key starts at column
  // `fieldsColumn`), parsed only when asked for.
  Value fields;
  SharedText fieldsText;
  int fieldsColumn = 0;
};

// The whole entry as a map (`fields`, or `fieldsText` parsed).
Value entryFields(const ChartVersion& version);

struct IndexFile {
  std::string apiVersion;
  std::string generated;
  // Chart name -> versions, newest first (Helm's SortEntries order).
  std::map<std::string, std::vector<ChartVersion>, std::less<>> entries;

  // IndexFile.Has: some entry of `name` has exactly `version`.
  bool has(std::string_view name, std::string_view version) const;
};

// loadIndex: parses index.yaml (or its JSON form). Errors are InvalidIndex:
// "empty index.yaml file", "no API version specified", or the YAML error.
// Entries without a name or with a version that is not semver are skipped.
RepoResult<IndexFile> parseIndex(const SharedText& text);

// The part of a block-style index (the layout Helm and `repo index` write:
// "entries:" at column 0, chart names at two spaces) that holds `chartName`,
// as a standalone index document with the same apiVersion; with no entries
// when the layout is recognised but the chart is absent. nullopt when the
// layout is not recognised (then parse the whole index). Parsing one chart's
// block instead of a 20 MB index is what keeps fetches fast and small.
std::optional<std::string> extractChartIndex(std::string_view text, std::string_view chartName);

// IndexFile.SortEntries: each chart's versions by semver, newest first
// (versions that do not parse compare as strings).
void sortIndexEntries(IndexFile& index);

}  // namespace ho::chart::repo
