// Completing a chart's dependencies the way `helm dependency update` would,
// for charts that come from source (git) rather than a packaged archive:
// each Chart.yaml dependency missing from charts/ is fetched from its
// repository (an http(s) URL; the version may be a semver range, resolved
// against the repository index) through a RepositoryPool, so the index copy
// and the download cache are the ones the controller already keeps, or, for
// file://PATH, loaded through the caller (PATH is relative to the chart).
// Dependencies present in charts/ are used as they are.
#pragma once

#include <functional>
#include <memory>
#include <string>

#include "chart/chart.h"
#include "chart/repo/http_client.h"
#include "chart/repo/repository_pool.h"
#include "core/error.h"

namespace ho::chart::repo {

struct DependencySources {
  RepositoryPool* repositories = nullptr;  // for http(s) repositories
  HttpOptions http;                        // bounds and settings of those requests
  // The chart at a file:// dependency's path (relative to the chart's folder); unset refuses them.
  std::function<Result<std::shared_ptr<Chart>>(const std::string& relativePath)> localChart;
};

// Adds a subchart to `chart` for every Chart.yaml dependency missing from its
// charts/. Errors name the dependency, its version and repository.
Result<void> addMissingDependencies(Chart& chart, const DependencySources& sources);

}  // namespace ho::chart::repo
