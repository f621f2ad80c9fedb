// addMissingDependencies: repository and file:// dependencies fetched and added as subcharts.
#include "chart/repo/dependency_update.h"

#include "chart/dependencies.h"
#include "chart/loader.h"
#include "chart/version_constraint.h"

namespace ho::chart::repo {
namespace {

std::string describe(const Dependency& dependency) {
  return "dependency \"" + dependency.name + "\" (version \"" + dependency.version + "\", repository \"" +
         dependency.repository + "\")";
}

Result<std::shared_ptr<Chart>> fromRepository(const Dependency& dependency, const DependencySources& sources) {
  if (sources.repositories == nullptr) return Error{"no chart repositories are available"};
  RepositoryConfig config{"", dependency.repository, sources.http};
  auto fetched = sources.repositories->get(config)->fetchChart(dependency.name, dependency.version);
  if (!fetched) {
    return Error{std::string(repoErrorKindName(fetched.error().kind)) + ": " + fetched.error().message};
  }
  return loadArchive(fetched->bytes);
}

Result<std::shared_ptr<Chart>> fromPath(const Dependency& dependency, const DependencySources& sources) {
  if (!sources.localChart) return Error{"file:// repositories are not supported here"};
  auto loaded = sources.localChart(dependency.repository.substr(std::string_view("file://").size()));
  if (!loaded) return loaded;
  // helm dependency update refuses a local chart outside the version range.
  if (!dependency.version.empty() && !isCompatibleRange(dependency.version, (*loaded)->metadata.version)) {
    return Error{"the chart there has version " + (*loaded)->metadata.version + ", outside the version range"};
  }
  return loaded;
}

Result<std::shared_ptr<Chart>> fetchDependency(const Dependency& dependency, const DependencySources& sources) {
  const std::string& repository = dependency.repository;
  if (repository.starts_with("https://") || repository.starts_with("http://")) {
    return fromRepository(dependency, sources);
  }
  if (repository.starts_with("file://")) return fromPath(dependency, sources);
  if (repository.empty()) return Error{"it has no repository, so it must be in charts/"};
  return Error{"only http(s):// and file:// repositories are supported (repository names and oci:// are not)"};
}

}  // namespace

Result<void> addMissingDependencies(Chart& chart, const DependencySources& sources) {
  for (const auto& dependency : missingDependencies(chart)) {
    auto fetched = fetchDependency(*dependency, sources);
    if (!fetched) {
      return Error{"updating the dependencies of chart \"" + chart.name() + "\": " + describe(*dependency) + ": " +
                   fetched.error().message};
    }
    chart.addDependency(std::move(*fetched));
  }
  return {};
}

}  // namespace ho::chart::repo
