// `--git URL --ref REF --path PATH` for the commands that render (template,
// render, diff): a chart read from a git repository through a mirror in
// --git-cache (default ~/.cache/helm-operator/git, so repeated CI previews
// fetch only what is new). Credentials come from the URL or the remote's
// anonymous access; the controller reads them from spec.chart.secretRef.
// Dependencies missing from the chart's charts/ are fetched from their
// repositories (cached under the git cache) unless --skip-dep-update.
#pragma once

#include <memory>
#include <string>

#include "chart/chart.h"
#include "cli/flag_set.h"
#include "core/error.h"

namespace ho::cli {

struct GitChartOptions {
  std::string url;       // --git
  std::string ref;       // --ref ("" = master)
  std::string path;      // --path
  std::string cacheDir;  // --git-cache ("" = the default)
  bool skipDepUpdate = false;  // --skip-dep-update (spec.chart.skipDepUpdate for render -f)
};

void addGitChartOptions(FlagSet& flags, GitChartOptions& options);

// The chart at options.path of options.ref in options.url.
Result<std::shared_ptr<chart::Chart>> loadGitChartInput(const GitChartOptions& options);

}  // namespace ho::cli
