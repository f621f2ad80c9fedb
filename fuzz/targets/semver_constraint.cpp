// Fuzz target: semantic versions and constraints (Masterminds/semver rules):
// the first line is a constraint, the second a version.
#include "chart/version_constraint.h"
#include "fuzz/fuzz_input.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  std::string_view rest = ho::fuzz::asText(data, size);
  const std::string_view constraint = ho::fuzz::takeField(rest);
  const std::string_view version = ho::fuzz::takeField(rest);
  const auto parsedVersion = ho::chart::parseSemver(version);
  const auto parsedConstraint = ho::tmpl::SemverConstraints::parse(constraint);
  if (parsedVersion.ok()) {
    (void)parsedVersion.value().toString();
    if (parsedConstraint.ok()) (void)parsedConstraint.value().check(parsedVersion.value());
    if (const auto other = ho::chart::parseSemver(constraint); other.ok()) {
      (void)ho::tmpl::compareSemVersions(parsedVersion.value(), other.value());
    }
  }
  (void)ho::chart::isCompatibleRange(constraint, version);
  return 0;
}
