// Version resolution over a registry's tags, and the cached pull of a chart layer.
#include "chart/repo/oci_chart.h"

#include "chart/repo/archive_safety.h"
#include "chart/repo/index.h"
#include "chart/repo/version_resolver.h"
#include "templating/sprig/semver_constraint.h"

namespace ho::chart::repo {
namespace {

std::string chartNameOf(const OciReference& reference) {
  const auto slash = reference.repository.rfind('/');
  return slash == std::string::npos ? reference.repository : reference.repository.substr(slash + 1);
}

}  // namespace

RepoResult<std::string> resolveOciChartVersion(OciRegistryClient& registry, std::string_view versionRange) {
  if (!versionRange.empty() && tmpl::parseSemVersion(versionRange)) return std::string(versionRange);
  auto tags = registry.listTags();
  if (!tags) return tags.error();
  const std::string url = registry.reference().url();
  if (tags->empty()) {
    return RepoError{RepoErrorKind::VersionNotFound, "Unable to locate any tags in provided repository: " + url};
  }
  // The tags as an index of one chart, so versions are chosen exactly as from a repository index.
  const std::string name = chartNameOf(registry.reference());
  IndexFile index;
  auto& versions = index.entries[name];
  for (const std::string& tag : *tags) {
    std::string version = tagToVersion(tag);
    if (!tmpl::parseSemVersion(version)) continue;  // "latest" and other non-version tags
    ChartVersion entry;
    entry.name = name;
    entry.version = std::move(version);
    versions.push_back(std::move(entry));
  }
  sortIndexEntries(index);
  auto chosen = resolveChartVersion(index, name, versionRange, url);
  if (!chosen) return chosen.error();
  return (*chosen)->version;
}

RepoResult<FetchedChart> fetchOciChart(OciRegistryClient& registry, std::string_view versionRange,
                                       const ChartCache& cache) {
  auto version = resolveOciChartVersion(registry, versionRange);
  if (!version) return version.error();
  const std::string tag = versionToTag(*version);
  auto digest = registry.chartLayerDigest(tag);
  if (!digest) return digest.error();

  FetchedChart fetched;
  fetched.entry.name = chartNameOf(registry.reference());
  fetched.entry.version = *version;
  fetched.entry.digest = *digest;
  fetched.entry.urls = {registry.reference().url() + ":" + tag};
  const ChartCacheKey key{registry.reference().url(), fetched.entry.name, fetched.entry.version, *digest};
  if (auto cached = cache.get(key)) {
    fetched.bytes = std::move(*cached);
    fetched.path = cache.pathFor(key);
    fetched.fromCache = true;
    return fetched;
  }
  auto bytes = registry.blob(*digest);
  if (!bytes) return bytes.error();
  if (auto safe = checkChartArchive(*bytes); !safe) {
    RepoError error = safe.error();
    error.message = fetched.entry.urls.front() + ": " + error.message;
    return error;
  }
  auto path = cache.put(key, *bytes);
  if (!path) return path.error();
  fetched.bytes = std::move(*bytes);
  fetched.path = std::move(*path);
  return fetched;
}

RepoResult<FetchedChart> pullOciChart(std::string_view url, std::string_view chartName, std::string_view versionRange,
                                      const HttpOptions& http, const ChartCache& cache) {
  auto reference = parseOciReference(url, chartName);
  if (!reference) return reference.error();
  if (!http.caPem.empty() || !http.certPem.empty() || !http.caFile.empty() || !http.certFile.empty()) {
    reference->plainHttp = false;
  }
  OciRegistryClient registry(std::move(*reference), http);
  return fetchOciChart(registry, versionRange, cache);
}

}  // namespace ho::chart::repo
