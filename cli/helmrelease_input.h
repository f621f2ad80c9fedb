// What `render` and `diff` start from: a HelmRelease manifest file parsed as
// the controller parses the API object, its chart (fetched from its
// repository or git, or a local or git chart given instead), and its values composed as the
// controller composes them, with valuesFrom ConfigMap and Secret keys read
// from a local folder (layout in docs/ci-preview.md).
#pragma once

#include <CLI/CLI.hpp>
#include <memory>
#include <string>

#include "chart/chart.h"
#include "cli/git_chart_input.h"
#include "controller/helmrelease/helm_release.h"
#include "controller/reconciler/values_composer.h"
#include "core/error.h"
#include "core/value.h"

namespace ho::cli {

struct HelmReleaseInputOptions {
  std::string file;             // -f: a YAML file holding one HelmRelease document
  std::string namespace_;       // -n: for a HelmRelease without metadata.namespace ("" = default)
  std::string valuesFromDir;    // --values-from-dir ("" = ConfigMap and Secret keys are absent)
  std::string repositoryCache;  // --repository-cache ("" = a temporary folder)
  std::string chartPath;        // --chart-path: a chart directory or .tgz used instead of spec.chart
  GitChartOptions git;          // --git/--ref/--path used instead of spec.chart; --git-cache for git charts
};

struct HelmReleaseInput {
  controller::HelmRelease release;
  std::shared_ptr<chart::Chart> chart;  // as loaded (dependencies not processed yet)
  Value values;                         // the composed user values
};

// The single HelmRelease document of `path`; errors start with the file name
// and name the field, e.g. `hr.yaml: spec.chart: one of ... is required`.
Result<controller::HelmRelease> readHelmReleaseFile(const std::string& path);

// Reads valuesFrom keys from `dir`: DIR/NAMESPACE/configmaps/NAME/KEY, else
// DIR/configmaps/NAME/KEY (and the same under secrets/, holding the decoded
// text). An empty `dir` has no keys.
controller::ValuesKeyReader directoryKeyReader(std::string dir);

// -f, -n, --values-from-dir, --repository-cache, --chart-path and the git options on `cmd`.
void addHelmReleaseInputOptions(CLI::App& cmd, HelmReleaseInputOptions& input);

Result<HelmReleaseInput> loadHelmReleaseInput(const HelmReleaseInputOptions& options);

}  // namespace ho::cli
