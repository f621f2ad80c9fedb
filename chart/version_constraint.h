// Masterminds/semver v3 versions and constraints, as Helm uses them for
// dependency version ranges (IsCompatibleRange) and Chart.yaml kubeVersion.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>

#include "core/error.h"

namespace ho::chart {

struct SemVersion {
  std::uint64_t major = 0, minor = 0, patch = 0;
  std::string prerelease;
  std::string metadata;
  // "1.2.3-pre+meta" (semver's String(): no "v", missing parts filled with 0).
  std::string toString() const;
};

// semver.NewVersion with its error texts ("Invalid Semantic Version", ...).
Result<SemVersion> parseSemver(std::string_view version);

// semver.NewVersion accepts `version` (loose: "1", "1.2", "v1.2.3", prerelease, metadata).
bool isValidSemver(std::string_view version);
// chartutil.IsCompatibleRange: `version` satisfies `constraint`; false when either fails to parse.
bool isCompatibleRange(std::string_view constraint, std::string_view version);

}  // namespace ho::chart
