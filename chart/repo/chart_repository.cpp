// Index caching with conditional requests, and the fetch path of a chart.
#include "chart/repo/chart_repository.h"

#include <filesystem>

#include "chart/repo/archive_safety.h"
#include "chart/repo/cache_files.h"
#include "chart/repo/digest.h"
#include "chart/repo/url.h"
#include "chart/repo/version_resolver.h"

namespace ho::chart::repo {
namespace {

// The validators file holds the ETag on its first line, Last-Modified on its second.
CacheValidators parseValidators(const std::string& text) {
  CacheValidators validators;
  std::size_t newline = text.find('\n');
  validators.etag = text.substr(0, newline);
  if (newline != std::string::npos) {
    std::size_t end = text.find('\n', newline + 1);
    validators.lastModified = text.substr(newline + 1, end == std::string::npos ? end : end - newline - 1);
  }
  return validators;
}

}  // namespace

ChartRepository::ChartRepository(RepositoryConfig config, std::string cacheDir, std::chrono::milliseconds indexMaxAge)
    : config_(std::move(config)), cacheDir_(std::move(cacheDir)), indexMaxAge_(indexMaxAge), charts_(cacheDir_) {}

RepoError ChartRepository::unreachable(RepoError error) const {
  error.message = "looks like \"" + config_.url + "\" is not a valid chart repository or cannot be reached: " +
                  error.message;
  return error;
}

RepoResult<void> ChartRepository::loadText(bool refresh) {
  if (text_ && !refresh) {
    const auto now = std::chrono::steady_clock::now();
    const bool aged = indexMaxAge_.count() > 0 && now - askedAt_ >= indexMaxAge_;
    if (!aged && !suspect_) return {};
    // Aged out or suspect: revalidate, but a repository that is down leaves the copy in use.
    (void)requestIndex();
    return {};
  }
  return requestIndex();
}

std::string ChartRepository::indexCacheBase() const {
  return cacheDir_ + "/indexes/" + repositoryCacheKey(config_.url);
}

RepoResult<void> ChartRepository::requestIndex() {
  askedAt_ = std::chrono::steady_clock::now();
  suspect_ = false;
  std::string base = indexCacheBase();
  std::string indexPath = base + ".yaml";
  std::string validatorsPath = base + ".validators";
  if (!text_) {
    auto saved = readCacheFile(validatorsPath);
    validators_ = saved ? parseValidators(*saved) : CacheValidators{};
  }
  std::string url = indexUrl(config_.url);
  auto response = httpGet(url, config_.http, validators_);
  if (!response) return unreachable(response.error());
  if (response->status == 304) {
    if (text_) return {};
    if (auto cached = readCacheFile(indexPath)) {
      text_ = std::make_shared<const std::string>(std::move(*cached));
      return {};
    }
    validators_ = {};  // the saved copy is gone: ask for the whole index
    response = httpGet(url, config_.http);
    if (!response) return unreachable(response.error());
  }
  text_ = std::make_shared<const std::string>(std::move(response->body));
  validators_ = response->validators;
  index_.reset();
  chartIndexes_.clear();
  // The cache is an optimisation: failing to write it does not fail the fetch.
  if (writeCacheFileAtomically(indexPath, *text_)) {
    (void)writeCacheFileAtomically(validatorsPath, validators_.etag + "\n" + validators_.lastModified + "\n");
  }
  return {};
}

void ChartRepository::forgetIndex() {
  text_.reset();
  validators_ = {};
  index_.reset();
  chartIndexes_.clear();
  std::error_code ignored;  // a cache file that cannot be removed is only a stale optimisation
  const std::string base = indexCacheBase();
  std::filesystem::remove(base + ".validators", ignored);
  std::filesystem::remove(base + ".yaml", ignored);
}

RepoResult<std::shared_ptr<const IndexFile>> ChartRepository::parseWhole() {
  if (index_) return index_;
  auto parsed = parseIndex(SharedText(text_, *text_));
  if (!parsed) {
    forgetIndex();
    return unreachable(parsed.error());
  }
  return index_ = std::make_shared<const IndexFile>(std::move(*parsed));
}

RepoResult<std::shared_ptr<const IndexFile>> ChartRepository::index(bool refresh) {
  std::lock_guard lock(mutex_);
  if (auto loaded = loadText(refresh); !loaded) return loaded.error();
  return parseWhole();
}

RepoResult<std::shared_ptr<const IndexFile>> ChartRepository::chartIndex(std::string_view chartName, bool refresh) {
  std::lock_guard lock(mutex_);
  if (auto loaded = loadText(refresh); !loaded) return loaded.error();
  if (index_) return index_;
  if (auto found = chartIndexes_.find(chartName); found != chartIndexes_.end()) return found->second;
  auto block = extractChartIndex(*text_, chartName);
  if (!block) return parseWhole();
  auto parsed = parseIndex(*block);
  if (!parsed) return parseWhole();  // the whole index names the real problem
  auto chartOnly = std::make_shared<const IndexFile>(std::move(*parsed));
  chartIndexes_.emplace(std::string(chartName), chartOnly);
  return chartOnly;
}

HttpOptions ChartRepository::optionsFor(const std::string& url) const {
  HttpOptions options = config_.http;
  if (!options.passCredentialsAll && urlAuthority(url) != urlAuthority(config_.url)) {
    options.username.clear();
    options.password.clear();
    options.bearerToken.clear();
  }
  return options;
}

RepoResult<std::string> ChartRepository::download(const ChartVersion& entry) {
  if (entry.urls.empty()) {
    return RepoError{RepoErrorKind::InvalidIndex, "chart \"" + entry.name + "\" version \"" + entry.version +
                                                      "\" has no downloadable URLs"};
  }
  std::string url = resolveReferenceUrl(config_.url, entry.urls.front());
  auto response = httpGet(url, optionsFor(url));
  if (!response) return response.error();
  std::string actual = sha256Hex(response->body);
  if (!entry.digest.empty() && !digestMatches(entry.digest, actual)) {
    return RepoError{RepoErrorKind::DigestMismatch, "chart \"" + entry.name + "\" version \"" + entry.version +
                                                        "\" from " + url + " has digest sha256:" + actual +
                                                        " but the index says " + entry.digest};
  }
  if (auto safe = checkChartArchive(response->body); !safe) {
    RepoError error = safe.error();
    error.message = url + ": " + error.message;
    return error;
  }
  return std::move(response->body);
}

RepoResult<ChartVersion> ChartRepository::resolveVersion(std::string_view chartName, std::string_view versionRange) {
  auto current = chartIndex(chartName, false);
  if (!current) return current.error();
  auto chosen = resolveChartVersion(**current, chartName, versionRange, config_.url);
  bool missing = !chosen && (chosen.error().kind == RepoErrorKind::VersionNotFound ||
                             chosen.error().kind == RepoErrorKind::ChartNotFound);
  if (missing) {
    current = chartIndex(chartName, true);
    if (!current) return current.error();
    chosen = resolveChartVersion(**current, chartName, versionRange, config_.url);
  }
  if (!chosen) return chosen.error();
  return **chosen;  // copied while `current` keeps the index it points into alive
}

RepoResult<FetchedChart> ChartRepository::fetchVersion(const ChartVersion& entry) {
  FetchedChart fetched;
  fetched.entry = entry;
  ChartCacheKey key{config_.url, entry.name, entry.version, entry.digest};
  if (auto cached = charts_.get(key)) {
    fetched.bytes = std::move(*cached);
    fetched.path = charts_.pathFor(key);
    fetched.fromCache = true;
    return fetched;
  }
  auto bytes = download(entry);
  if (!bytes) {
    // The index may be older than what the repository serves now (a tarball
    // published again under the same version, or removed): ask for it again
    // before the next resolution.
    const RepoError& error = bytes.error();
    if (error.kind == RepoErrorKind::DigestMismatch ||
        (error.kind == RepoErrorKind::HttpStatus && error.httpStatus == 404)) {
      std::lock_guard lock(mutex_);
      suspect_ = true;
    }
    return error;
  }
  auto path = charts_.put(key, *bytes);
  if (!path) return path.error();
  fetched.bytes = std::move(*bytes);
  fetched.path = std::move(*path);
  return fetched;
}

RepoResult<FetchedChart> ChartRepository::fetchChart(std::string_view chartName, std::string_view versionRange) {
  auto entry = resolveVersion(chartName, versionRange);
  if (!entry) return entry.error();
  return fetchVersion(*entry);
}

}  // namespace ho::chart::repo
