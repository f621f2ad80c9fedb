// Helm's chart-side uses of semver (Masterminds/semver v3, implemented once
// in templating/sprig/semver_constraint.h): Chart.yaml version validation and
// chartutil.IsCompatibleRange for dependency ranges and kubeVersion.
#pragma once

#include <string_view>

#include "core/error.h"
#include "templating/sprig/semver_constraint.h"

namespace ho::chart {

using tmpl::SemVersion;

// semver.NewVersion with its error texts ("Invalid Semantic Version", ...).
Result<SemVersion> parseSemver(std::string_view version);
// semver.NewVersion accepts `version` (loose: "1", "1.2", "v1.2.3", prerelease, metadata).
bool isValidSemver(std::string_view version);
// chartutil.IsCompatibleRange: `version` satisfies `constraint`; false when either fails to parse.
bool isCompatibleRange(std::string_view constraint, std::string_view version);

}  // namespace ho::chart
