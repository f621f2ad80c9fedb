// IndexFile.Get over our index model, with typed errors.
#include "chart/repo/version_resolver.h"

#include <string>

#include "templating/sprig/semver_constraint.h"

namespace ho::chart::repo {

RepoResult<const ChartVersion*> resolveChartVersion(const IndexFile& index, std::string_view chartName,
                                                    std::string_view versionRange, std::string_view repoUrl) {
  std::string subject = "chart \"" + std::string(chartName) + "\"";
  if (!versionRange.empty()) subject += " version \"" + std::string(versionRange) + "\"";
  std::string notFound = subject + " not found in " + std::string(repoUrl) + " repository";

  auto found = index.entries.find(chartName);
  if (found == index.entries.end() || found->second.empty()) {
    return RepoError{RepoErrorKind::ChartNotFound, notFound};
  }
  const auto& versions = found->second;
  for (const ChartVersion& cv : versions) {
    if (!versionRange.empty() && cv.version == versionRange) return &cv;
  }
  auto constraints = tmpl::SemverConstraints::parse(versionRange.empty() ? "*" : versionRange);
  if (!constraints) {
    return RepoError{RepoErrorKind::InvalidVersion, subject + ": " + constraints.error().message};
  }
  for (const ChartVersion& cv : versions) {
    auto semver = tmpl::parseSemVersion(cv.version);
    if (semver && constraints->check(*semver)) return &cv;
  }
  return RepoError{RepoErrorKind::VersionNotFound, notFound};
}

}  // namespace ho::chart::repo
