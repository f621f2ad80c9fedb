// Where `template`/`render` find a chart, as Helm's ChartPathOptions.LocateChart
// does: a local directory or .tgz; `--repo URL CHART`; `REPO/CHART` through
// repositories.yaml; or `oci://HOST/PATH/CHART` (a registry, see oci_chart.h). Repository charts are fetched (with --version ranges) into
// the cache and the cached tarball's path is returned.
#pragma once

#include <string>

#include "chart/repo/http_client.h"
#include "chart/repo/repo_error.h"

namespace ho::chart::repo {

struct ChartLocation {
  std::string chart;    // a path, a chart name (with repoUrl) or REPO/CHART
  std::string version;  // an exact version or a semver range; "" = newest stable
  std::string repoUrl;  // --repo
  HttpOptions http;     // --username, --password, --ca-file, ... (for --repo)
  std::string repositoryConfig;  // "" = Helm's default repositories.yaml
  std::string repositoryCache;   // "" = Helm's default repository cache
};

// The local path of the chart (a directory or a .tgz). Errors read like Helm's:
// `path "./x" not found`, `repo foo not found`, `chart "x" version "9" not found in URL repository`.
RepoResult<std::string> locateChart(const ChartLocation& location);

}  // namespace ho::chart::repo
