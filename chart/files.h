// `.Files` (Helm's engine.files): Get, GetBytes, Glob, Lines, AsConfig and
// AsSecrets over a chart's non-template files.
#pragma once

#include <vector>

#include "chart/chart.h"
#include "core/value.h"

namespace ho::chart {

// The .Files object for a chart's files (chart.files).
Value filesObject(const std::vector<File>& files);

}  // namespace ho::chart
