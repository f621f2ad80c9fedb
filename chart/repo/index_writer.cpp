// Building index entries from chart archives and emitting index.yaml.
#include "chart/repo/index_writer.h"

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <ctime>
#include <filesystem>

#include "chart/loader.h"
#include "chart/repo/cache_files.h"
#include "chart/repo/digest.h"
#include "encoding/go_yaml.h"

namespace ho::chart::repo {

namespace fs = std::filesystem;

namespace {

// chart.Metadata's JSON (with Helm's "v1" default apiVersion), plus urls, created, digest.
Value entryFields(const Metadata& md, const std::string& url, const std::string& digest) {
  Value entry = metadataJson(md);
  Map& out = entry.mutableMap();
  if (md.apiVersion.empty()) out["apiVersion"] = Value::string("v1");
  out["urls"] = Value::list({Value::string(url)});
  out["created"] = Value::string(rfc3339NanoNow());
  if (!digest.empty()) out["digest"] = Value::string(digest);
  return entry;
}

// Go's path.Join of a URL path and a relative path (cleaned, no trailing slash).
std::string joinPath(const std::string& base, const std::string& rel) {
  std::string joined = base.empty() ? rel : rel.empty() ? base : base + "/" + rel;
  bool rooted = joined.starts_with('/');
  std::vector<std::string> parts;
  std::size_t start = 0;
  while (start <= joined.size()) {
    std::size_t slash = joined.find('/', start);
    std::string part = joined.substr(start, slash == std::string::npos ? std::string::npos : slash - start);
    if (part == "..") {
      if (!parts.empty() && parts.back() != "..") parts.pop_back();
      else if (!rooted) parts.push_back(part);
    } else if (!part.empty() && part != ".") {
      parts.push_back(part);
    }
    if (slash == std::string::npos) break;
    start = slash + 1;
  }
  std::string out = rooted ? "/" : "";
  for (std::size_t i = 0; i < parts.size(); ++i) out += (i ? "/" : "") + parts[i];
  return out;
}

// urlutil.URLJoin: the relative path joined onto the base URL's path.
std::string joinUrl(const std::string& baseUrl, const std::string& rel) {
  if (baseUrl.empty()) return joinPath("", rel);
  std::size_t scheme = baseUrl.find("://");
  std::size_t pathStart = scheme == std::string::npos ? 0 : baseUrl.find('/', scheme + 3);
  if (pathStart == std::string::npos) pathStart = baseUrl.size();
  std::string joined = joinPath(baseUrl.substr(pathStart), rel);
  if (scheme != std::string::npos && !joined.starts_with('/')) joined.insert(0, "/");
  return baseUrl.substr(0, pathStart) + joined;
}

std::vector<fs::path> chartArchives(const fs::path& dir) {
  auto archivesIn = [](const fs::path& folder) {
    std::vector<fs::path> found;
    std::error_code ec;
    for (const auto& item : fs::directory_iterator(folder, ec)) {
      if (item.path().extension() == ".tgz" && !item.is_directory()) found.push_back(item.path());
    }
    std::sort(found.begin(), found.end());
    return found;
  };
  std::vector<fs::path> archives = archivesIn(dir);
  std::vector<fs::path> subfolders;
  std::error_code ec;
  for (const auto& item : fs::directory_iterator(dir, ec)) {
    if (item.is_directory()) subfolders.push_back(item.path());
  }
  std::sort(subfolders.begin(), subfolders.end());
  for (const auto& folder : subfolders) {
    auto more = archivesIn(folder);
    archives.insert(archives.end(), more.begin(), more.end());
  }
  return archives;
}

ChartVersion versionFromFields(const Metadata& md, Value fields) {
  ChartVersion cv;
  cv.name = md.name;
  cv.version = md.version;
  cv.appVersion = md.appVersion;
  cv.apiVersion = md.apiVersion.empty() ? "v1" : md.apiVersion;
  cv.digest = fields.find("digest") ? fields.find("digest")->asString() : "";
  cv.created = fields.find("created")->asString();
  cv.urls = {fields.find("urls")->asList().front().asString()};
  cv.fields = std::move(fields);
  return cv;
}

}  // namespace

std::string rfc3339NanoNow() {
  auto now = std::chrono::system_clock::now();
  auto since = now.time_since_epoch();
  auto seconds = std::chrono::duration_cast<std::chrono::seconds>(since);
  long nanos = static_cast<long>(std::chrono::duration_cast<std::chrono::nanoseconds>(since - seconds).count());
  std::time_t t = static_cast<std::time_t>(seconds.count());
  std::tm utc{};
  gmtime_r(&t, &utc);
  char date[32];
  std::strftime(date, sizeof date, "%Y-%m-%dT%H:%M:%S", &utc);
  std::string out = date;
  if (nanos > 0) {
    char fraction[32];
    std::snprintf(fraction, sizeof fraction, ".%09ld", nanos);
    std::string f = fraction;
    while (f.ends_with('0')) f.pop_back();
    out += f;
  }
  return out + "Z";
}

IndexFile newIndexFile() {
  IndexFile index;
  index.apiVersion = "v1";
  index.generated = rfc3339NanoNow();
  return index;
}

RepoResult<IndexFile> indexDirectory(const std::string& dir, const std::string& baseUrl) {
  std::error_code ec;
  if (!fs::is_directory(dir, ec)) return RepoError{RepoErrorKind::Io, "could not find " + dir};
  IndexFile index = newIndexFile();
  for (const fs::path& archive : chartArchives(dir)) {
    auto bytes = readCacheFile(archive.string());
    if (!bytes) return RepoError{RepoErrorKind::Io, "cannot read " + archive.string()};
    auto chart = loadArchive(*bytes);
    if (!chart) continue;  // not a chart
    std::string relative = fs::relative(archive, dir, ec).generic_string();
    std::string url = joinUrl(baseUrl, relative);
    const Metadata& md = (*chart)->metadata;
    index.entries[md.name].push_back(versionFromFields(md, entryFields(md, url, sha256Hex(*bytes))));
  }
  sortIndexEntries(index);
  return index;
}

void mergeIndex(IndexFile& index, const IndexFile& other) {
  for (const auto& [name, versions] : other.entries) {
    for (const auto& cv : versions) {
      if (!index.has(cv.name, cv.version)) index.entries[cv.name].push_back(cv);
    }
  }
}

RepoResult<std::string> renderIndex(const IndexFile& index) {
  Map entries;
  for (const auto& [name, versions] : index.entries) {
    List list;
    list.reserve(versions.size());
    for (const auto& cv : versions) list.push_back(entryFields(cv));
    entries[name] = Value::list(std::move(list));
  }
  Map root;
  root["apiVersion"] = Value::string(index.apiVersion);
  root["entries"] = Value::map(std::move(entries));
  root["generated"] = Value::string(index.generated);
  auto yaml = encoding::toYaml(Value::map(std::move(root)));
  if (!yaml) return RepoError{RepoErrorKind::Io, yaml.error().message};
  return *yaml;
}

}  // namespace ho::chart::repo
