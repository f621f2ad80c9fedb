// Pulling a Helm chart from an OCI registry as `helm pull oci://...` does: the
// version is used as the tag when it is a semver version; otherwise (a range,
// or empty for the newest stable) the repository's tags are listed, mapped
// back to versions ("_" -> "+") and the newest match is chosen. The chart
// layer of that tag's manifest is then taken from the chart cache (keyed by
// its digest) or downloaded, verified and vetted by checkChartArchive.
#pragma once

#include <string_view>

#include "chart/repo/chart_cache.h"
#include "chart/repo/chart_repository.h"
#include "chart/repo/oci_registry_client.h"

namespace ho::chart::repo {

// The chosen version ("1.2.3+build", not the tag). Errors: VersionNotFound
// (no tag matches, or the repository has no tags), InvalidVersion, and the
// registry's errors.
RepoResult<std::string> resolveOciChartVersion(OciRegistryClient& registry, std::string_view versionRange);

// FetchedChart::entry holds the chart name (the last path segment), the
// version, the layer digest and the oci:// reference with its tag as the URL.
RepoResult<FetchedChart> fetchOciChart(OciRegistryClient& registry, std::string_view versionRange,
                                       const ChartCache& cache);

// fetchOciChart for `chartName` under `url` (oci://HOST/PATH; chartName "" when
// the URL names the chart). A loopback registry is spoken to over HTTPS
// instead of plain HTTP when `http` carries a CA or client certificate.
RepoResult<FetchedChart> pullOciChart(std::string_view url, std::string_view chartName, std::string_view versionRange,
                                      const HttpOptions& http, const ChartCache& cache);

}  // namespace ho::chart::repo
