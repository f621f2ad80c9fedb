// One HTTP chart repository as the controller uses it: its index (kept in
// memory and on disk, re-validated with conditional requests so an unchanged
// index is not downloaded again) and chart fetching (version resolution with a
// retry on a refreshed index, digest check, archive vetting, on-disk cache).
// Fetching a chart parses only that chart's part of the index when the index
// has the usual block layout, so a 20 MB index costs milliseconds, not seconds.
#pragma once

#include <chrono>
#include <map>
#include <memory>
#include <mutex>
#include <string>
#include <string_view>

#include "chart/repo/chart_cache.h"
#include "chart/repo/http_client.h"
#include "chart/repo/index.h"

namespace ho::chart::repo {

struct RepositoryConfig {
  std::string name;  // optional, from repositories.yaml
  std::string url;   // the folder holding index.yaml
  HttpOptions http;
};

struct FetchedChart {
  ChartVersion entry;  // the index entry that was chosen
  std::string path;    // the verified tarball in the cache
  std::string bytes;   // its contents
  bool fromCache = false;
};

class ChartRepository {
 public:
  // `cacheDir` holds indexes/ and charts/ (see chart_cache.h). With a
  // non-zero `indexMaxAge`, an index in memory older than that is revalidated
  // (one conditional request) before it is used again, so a version range
  // picks up newly published versions; when the repository cannot be reached
  // then, the copy in memory keeps serving until the next try.
  ChartRepository(RepositoryConfig config, std::string cacheDir, std::chrono::milliseconds indexMaxAge = {});

  // The whole index, parsed. Without `refresh` the copy already in memory is
  // used (unless older than the max age); otherwise the server is asked,
  // conditionally when an index is known (memory or disk), and a 304 reuses
  // what was parsed before.
  RepoResult<std::shared_ptr<const IndexFile>> index(bool refresh = false);

  // Resolves `versionRange` ("" = newest stable) for `chartName`; when nothing
  // matches, refreshes the index once and tries again, then fails with
  // VersionNotFound / ChartNotFound. Then the cached tarball, or a download
  // checked against the index digest and vetted by checkChartArchive.
  RepoResult<FetchedChart> fetchChart(std::string_view chartName, std::string_view versionRange);
  // The first half of fetchChart: the index entry `versionRange` resolves to.
  RepoResult<ChartVersion> resolveVersion(std::string_view chartName, std::string_view versionRange);
  // The second half: the tarball of `entry`, from the cache or downloaded. A
  // download refused for its digest or answered 404 makes the next resolution
  // revalidate the index first (it may predate what the repository serves).
  RepoResult<FetchedChart> fetchVersion(const ChartVersion& entry);

  const RepositoryConfig& config() const { return config_; }

 private:
  // Makes sure text_ holds the index (asking the server when `refresh`, when
  // nothing is known or when it is older than the max age); a changed index
  // drops what was parsed from the old one.
  RepoResult<void> loadText(bool refresh);
  RepoResult<void> requestIndex();
  // An index holding at least `chartName`'s entries (its block, or the whole index).
  RepoResult<std::shared_ptr<const IndexFile>> chartIndex(std::string_view chartName, bool refresh);
  // Parses text_ whole; an index that does not parse is forgotten (memory and
  // disk), so the next call asks the server again instead of keeping a copy
  // caught half-written or broken.
  RepoResult<std::shared_ptr<const IndexFile>> parseWhole();
  void forgetIndex();
  // The cache files' common path: BASE.yaml holds the index, BASE.validators its validators.
  std::string indexCacheBase() const;
  RepoResult<std::string> download(const ChartVersion& entry);
  HttpOptions optionsFor(const std::string& url) const;
  RepoError unreachable(RepoError error) const;

  RepositoryConfig config_;
  std::string cacheDir_;
  std::chrono::milliseconds indexMaxAge_;
  ChartCache charts_;
  std::mutex mutex_;  // guards everything below; held across an index fetch
  std::shared_ptr<const std::string> text_;  // index.yaml as served
  CacheValidators validators_;
  std::chrono::steady_clock::time_point askedAt_;  // when the server was last asked for the index
  bool suspect_ = false;  // a download failed the way a stale index makes it fail: revalidate before using it
  std::shared_ptr<const IndexFile> index_;  // text_ parsed whole, once asked for
  std::map<std::string, std::shared_ptr<const IndexFile>, std::less<>> chartIndexes_;  // per chart
};

}  // namespace ho::chart::repo
