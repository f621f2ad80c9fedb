// Picking a chart version from an index as Helm's IndexFile.Get does: an exact
// version string wins, otherwise the newest version matching the Masterminds
// semver range ("" means "*", which leaves pre-releases out).
#pragma once

#include <string_view>

#include "chart/repo/index.h"

namespace ho::chart::repo {

// The chosen entry (owned by `index`). Errors: ChartNotFound, VersionNotFound
// (the range is fine but nothing matches: retry after refreshing the index),
// InvalidVersion (the range does not parse). `repoUrl` names the repository
// in messages: `chart "x" version "1.2.3" not found in URL repository`.
RepoResult<const ChartVersion*> resolveChartVersion(const IndexFile& index, std::string_view chartName,
                                                    std::string_view versionRange, std::string_view repoUrl);

}  // namespace ho::chart::repo
