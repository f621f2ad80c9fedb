// Dependency processing before rendering (Helm's chartutil dependencies.go):
// aliases, `condition` and `tags` enabling or dropping subcharts, and
// `import-values` copying child values into the parent; plus the check that
// every declared dependency is present in charts/.
#pragma once

#include <memory>
#include <vector>

#include "chart/chart.h"
#include "core/error.h"
#include "core/value.h"

namespace ho::chart {

// chartutil.ProcessDependenciesWithMerge (what install/template call): mutates
// `chart` (subcharts, metadata.dependencies, values). Work on a cloneTree().
Result<void> processDependencies(Chart& chart, const Value& userValues);

// The Chart.yaml dependencies that have no loaded subchart (by name, as Helm checks).
std::vector<std::shared_ptr<Dependency>> missingDependencies(const Chart& chart);

// action.CheckDependencies: every Chart.yaml dependency has a loaded subchart
// (by name or alias); the error is Helm's "found in Chart.yaml, but missing in
// charts/ directory: a, b" wrapped as helm template prints it.
Result<void> checkDependencies(const Chart& chart);

// action.checkIfInstallable: only "application" (or empty) charts render;
// "library charts are not installable".
Result<void> checkInstallable(const Chart& chart);

}  // namespace ho::chart
