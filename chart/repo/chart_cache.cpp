// Chart tarballs under DIR/charts/<repository key>/<name>-<version>-<digest>.tgz.
#include "chart/repo/chart_cache.h"

#include <cctype>
#include <filesystem>

#include "chart/repo/archive_safety.h"
#include "chart/repo/cache_files.h"
#include "chart/repo/digest.h"

namespace ho::chart::repo {
namespace {

// Names and versions come from a remote index: keep only safe file name characters.
std::string fileNamePart(std::string_view text) {
  std::string out;
  for (char c : text) {
    bool safe = std::isalnum(static_cast<unsigned char>(c)) || c == '.' || c == '-' || c == '_' || c == '+';
    out.push_back(safe ? c : '_');
  }
  if (out.empty() || out.starts_with('.')) out.insert(0, "_");
  return out;
}

}  // namespace

std::string ChartCache::pathFor(const ChartCacheKey& key) const {
  std::string_view digest = key.digest;
  if (digest.starts_with("sha256:")) digest.remove_prefix(7);
  std::string digestPart = digest.empty() ? "nodigest" : fileNamePart(digest.substr(0, 32));
  return directory_ + "/charts/" + repositoryCacheKey(key.repoUrl) + "/" + fileNamePart(key.name) + "-" +
         fileNamePart(key.version) + "-" + digestPart + ".tgz";
}

std::optional<std::string> ChartCache::get(const ChartCacheKey& key) const {
  std::string path = pathFor(key);
  auto bytes = readCacheFile(path);
  if (!bytes) return std::nullopt;
  bool intact = key.digest.empty() ? checkChartArchive(*bytes).ok() : digestMatches(key.digest, sha256Hex(*bytes));
  if (!intact) {
    std::error_code ignored;
    std::filesystem::remove(path, ignored);
    return std::nullopt;
  }
  return bytes;
}

RepoResult<std::string> ChartCache::put(const ChartCacheKey& key, std::string_view bytes) const {
  std::string path = pathFor(key);
  if (auto written = writeCacheFileAtomically(path, bytes); !written) return written.error();
  return path;
}

}  // namespace ho::chart::repo
