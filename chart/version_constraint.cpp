// Chart-side semver helpers over the one Masterminds/semver implementation.
#include "chart/version_constraint.h"

namespace ho::chart {

Result<SemVersion> parseSemver(std::string_view version) { return tmpl::parseSemVersion(version); }

bool isValidSemver(std::string_view version) { return tmpl::parseSemVersion(version).ok(); }

bool isCompatibleRange(std::string_view constraint, std::string_view version) {
  auto parsedConstraint = tmpl::SemverConstraints::parse(constraint);
  auto parsedVersion = tmpl::parseSemVersion(version);
  return parsedConstraint && parsedVersion && parsedConstraint->check(*parsedVersion);
}

}  // namespace ho::chart
