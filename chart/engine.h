// Helm's rendering engine (pkg/engine): every template of a chart and its
// subcharts parsed into one template set in Helm's order, each rendered with
// its chart's scoped values and .Template, with Helm's include (recursion
// guard), tpl and required, Helm's error rewording and "<no value>" removal.
#pragma once

#include <map>
#include <string>

#include "chart/chart.h"
#include "core/error.h"
#include "core/value.h"

namespace ho::chart {

struct EngineOptions {
  bool strict = false;  // missingkey=error instead of printing nothing
};

// engine.Render: `chart` has its dependencies processed; `renderValues` is the
// map toRenderValues built ({Values, Release, Capabilities, Chart}). Returns
// the output of every non-partial template by path ("chart/templates/x.yaml").
Result<std::map<std::string, std::string>> renderTemplates(const Chart& chart, const Value& renderValues,
                                                           const EngineOptions& options = {});

}  // namespace ho::chart
