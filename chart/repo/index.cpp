// Parsing index.yaml into the IndexFile model, as Helm's repo.loadIndex does.
#include "chart/repo/index.h"

#include <algorithm>
#include <optional>

#include "chart/repo/index_parts.h"
#include "chart/repo/index_stream.h"
#include "core/go_float.h"
#include "encoding/go_yaml.h"
#include "templating/sprig/semver_constraint.h"

namespace ho::chart::repo {
namespace {

// A scalar field as the string Helm's struct decoding would hold.
std::string scalarText(const Value* v) {
  if (v == nullptr) return "";
  switch (v->kind()) {
    case Kind::String: return v->asString();
    case Kind::Int: return std::to_string(v->asInt());
    case Kind::Uint: return std::to_string(v->asUint());
    case Kind::Float: return formatGoFloat(v->asFloat(), 'g', -1);
    case Kind::Bool: return v->asBool() ? "true" : "false";
    default: return "";
  }
}

std::optional<ChartVersion> toChartVersion(const Value& entry) {
  if (!entry.isMap()) return std::nullopt;
  ChartVersion cv;
  cv.name = scalarText(entry.find("name"));
  cv.version = scalarText(entry.find("version"));
  if (cv.name.empty() || cv.version.empty() || !tmpl::parseSemVersion(cv.version)) return std::nullopt;
  cv.appVersion = scalarText(entry.find("appVersion"));
  cv.apiVersion = scalarText(entry.find("apiVersion"));
  if (cv.apiVersion.empty()) cv.apiVersion = "v1";
  cv.digest = scalarText(entry.find("digest"));
  cv.created = scalarText(entry.find("created"));
  if (const Value* removed = entry.find("removed"); removed && removed->isBool()) cv.removed = removed->asBool();
  if (const Value* urls = entry.find("urls"); urls && urls->isList()) {
    for (const Value& url : urls->asList()) cv.urls.push_back(scalarText(&url));
  }
  cv.fields = entry;
  return cv;
}

// The generic reading: the whole index decoded to values, then modelled.
RepoResult<IndexFile> decodeIndex(std::string_view text) {
  auto root = encoding::parseYamlTyped(text);
  if (!root) return RepoError{RepoErrorKind::InvalidIndex, root.error().message};
  if (!root->isMap()) {
    return RepoError{RepoErrorKind::InvalidIndex, "index.yaml is not a map of apiVersion, entries and generated"};
  }
  IndexFile index;
  index.apiVersion = scalarText(root->find("apiVersion"));
  index.generated = scalarText(root->find("generated"));
  if (const Value* entries = root->find("entries"); entries && entries->isMap()) {
    for (const auto& [name, list] : entries->asMap()) {
      if (!list.isList()) continue;
      auto& versions = index.entries[name];
      versions.reserve(list.asList().size());
      for (const Value& entry : list.asList()) {
        if (auto cv = toChartVersion(entry)) versions.push_back(std::move(*cv));
      }
    }
  }
  return index;
}

}  // namespace

Value entryFields(const ChartVersion& version) {
  if (version.fieldsText.empty()) return version.fields;
  std::string text(static_cast<std::size_t>(version.fieldsColumn), ' ');  // the first key back in its column
  text += version.fieldsText.view();
  auto parsed = encoding::parseYamlTyped(text);
  return parsed ? *parsed : Value::nil();
}

bool IndexFile::has(std::string_view name, std::string_view version) const {
  auto found = entries.find(name);
  if (found == entries.end()) return false;
  return std::any_of(found->second.begin(), found->second.end(),
                     [&](const ChartVersion& cv) { return cv.version == version; });
}

void sortIndexEntries(IndexFile& index) {
  for (auto& [name, versions] : index.entries) {
    struct Keyed {
      std::optional<tmpl::SemVersion> semver;
      ChartVersion* entry;
    };
    std::vector<Keyed> keyed;
    keyed.reserve(versions.size());
    for (auto& cv : versions) {
      auto parsed = tmpl::parseSemVersion(cv.version);
      keyed.push_back({parsed ? std::optional(*parsed) : std::nullopt, &cv});
    }
    auto newerFirst = [](const Keyed& a, const Keyed& b) {
      if (a.semver && b.semver) return tmpl::compareSemVersions(*a.semver, *b.semver) > 0;
      return a.entry->version > b.entry->version;
    };
    // Repositories write their indexes sorted: nothing to move then (a stable
    // sort would leave such a list as it is).
    if (std::is_sorted(keyed.begin(), keyed.end(), newerFirst)) continue;
    std::stable_sort(keyed.begin(), keyed.end(), newerFirst);
    std::vector<ChartVersion> sorted;
    sorted.reserve(versions.size());
    for (auto& k : keyed) sorted.push_back(std::move(*k.entry));
    versions = std::move(sorted);
  }
}

std::optional<std::string> extractChartIndex(std::string_view text, std::string_view chartName) {
  auto lineAt = [&text](std::size_t pos) {
    std::size_t end = text.find('\n', pos);
    return text.substr(pos, end == std::string_view::npos ? std::string_view::npos : end - pos + 1);
  };
  std::string apiVersionLine;
  std::size_t pos = 0;
  std::optional<std::size_t> entriesEnd;
  while (pos < text.size()) {
    std::string_view line = lineAt(pos);
    if (line.starts_with("apiVersion:")) apiVersionLine = std::string(line);
    pos += line.size();
    if (line == "entries:\n" || line == "entries:\r\n") {
      entriesEnd = pos;
      break;
    }
  }
  if (!entriesEnd) return std::nullopt;
  std::string wanted = std::string(chartName) + ":";
  std::string quoted = "\"" + std::string(chartName) + "\":";
  std::string block;
  bool inWanted = false;
  bool sawChart = false;
  for (pos = *entriesEnd; pos < text.size();) {
    std::string_view line = lineAt(pos);
    pos += line.size();
    std::string_view content = line;
    while (!content.empty() && (content.back() == '\n' || content.back() == '\r')) content.remove_suffix(1);
    bool blank = content.find_first_not_of(' ') == std::string_view::npos || content.starts_with("#");
    if (blank) continue;
    if (content[0] != ' ') {  // the next top-level key: entries are over
      if (apiVersionLine.empty() && content.starts_with("apiVersion:")) apiVersionLine = std::string(line);
      inWanted = false;
      if (!block.empty() && !apiVersionLine.empty()) break;
      continue;
    }
    bool chartKey = content.size() > 2 && content[0] == ' ' && content[1] == ' ' && content[2] != ' ' &&
                    content[2] != '-' && content[2] != '#';
    if (chartKey) {
      std::string_view key = content.substr(2);
      if (!key.ends_with(':')) return std::nullopt;  // e.g. "app: []": not the block layout
      sawChart = true;
      if (inWanted && !apiVersionLine.empty()) break;  // the wanted block is complete
      inWanted = key == wanted || key == quoted;
      if (inWanted) block += "  " + wanted + "\n";
      continue;
    }
    if (!sawChart) return std::nullopt;  // items before any chart key: some other indentation
    if (inWanted) block.append(line.data(), line.size());
  }
  if (!sawChart || apiVersionLine.empty()) return std::nullopt;
  if (!apiVersionLine.ends_with('\n')) apiVersionLine += "\n";
  return apiVersionLine + (block.empty() ? "entries: {}\n" : "entries:\n" + block);
}

RepoResult<IndexFile> parseIndex(const SharedText& text) {
  if (text.view().find_first_not_of(" \t\r\n") == std::string_view::npos) {
    return RepoError{RepoErrorKind::InvalidIndex, "empty index.yaml file"};
  }
  // The streaming reader's positions count from after a byte order mark.
  const SharedText body = text.view().starts_with("\xEF\xBB\xBF") ? text.slice(3) : text;
  std::optional<IndexFile> streamed;
  if (unsigned parts = indexPartsFor(body.size()); parts > 1) streamed = streamIndexInParts(body, parts);
  if (!streamed) streamed = streamIndex(body);
  RepoResult<IndexFile> index = streamed ? RepoResult<IndexFile>(std::move(*streamed)) : decodeIndex(text);
  if (!index) return index;
  sortIndexEntries(*index);
  if (index->apiVersion.empty()) return RepoError{RepoErrorKind::InvalidIndex, "no API version specified"};
  return index;
}

}  // namespace ho::chart::repo
