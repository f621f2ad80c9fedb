// resolveChart: a repository or oci:// chart through the RepositoryPool, a git chart through the MirrorPool.
#include "controller/reconciler/chart_source.h"

#include <algorithm>

#include "chart/git/git_chart.h"
#include "chart/repo/oci_reference.h"
#include "controller/reconciler/chart_pull_secret.h"

namespace ho::controller {
namespace {

// The bounds of a chart repository request.
chart::repo::HttpOptions repositoryHttp(const ChartSources& sources) {
  chart::repo::HttpOptions http;
  http.timeout = sources.fetchTimeout;
  http.connectTimeout = std::min<std::chrono::milliseconds>(sources.fetchTimeout, std::chrono::seconds(10));
  return http;
}

// ChartFetchFailed's text for a repository error.
Error describeFetchError(const chart::repo::RepoError& error, const HelmRelease& release) {
  const ChartSource& source = release.spec.chart;
  std::string message = std::string(chart::repo::repoErrorKindName(error.kind)) + ": " + error.message;
  if (error.kind == chart::repo::RepoErrorKind::Unauthorized && source.chartPullSecret) {
    message += " (with the credentials of spec.chart.chartPullSecret secret " + release.namespaceOrDefault() + "/" +
               source.chartPullSecret->name + ")";
  }
  return Error{message};
}

// What LoadedCharts knows a repository chart by ("" without a digest: loaded every time).
std::string loadedChartKey(const std::string& repository, const chart::repo::ChartVersion& entry) {
  return entry.digest.empty() ? "" : repository + "\n" + entry.name + "\n" + entry.version + "\n" + entry.digest;
}

// A chart of an HTTP repository: the index entry is resolved first, so a chart
// already loaded is neither read from the disk cache nor hashed again.
Result<std::shared_ptr<const chart::Chart>> fromHttpRepository(const chart::repo::RepositoryConfig& config,
                                                               const HelmRelease& release,
                                                               const ChartSources& sources) {
  const ChartSource& source = release.spec.chart;
  const std::shared_ptr<chart::repo::ChartRepository> repository = sources.repositories->get(config);
  auto entry = repository->resolveVersion(source.name, source.version);
  if (!entry) return describeFetchError(entry.error(), release);
  const std::string key = loadedChartKey(source.repository, *entry);
  if (std::shared_ptr<const chart::Chart> loaded = sources.loadedCharts->find(key)) return loaded;
  auto fetched = repository->fetchVersion(*entry);
  if (!fetched) return describeFetchError(fetched.error(), release);
  return sources.loadedCharts->load(key, fetched->bytes);
}

// A chart of an oci:// registry (its manifest is asked for every time; the blob is cached).
Result<std::shared_ptr<const chart::Chart>> fromOciRegistry(const chart::repo::RepositoryConfig& config,
                                                             const HelmRelease& release, const ChartSources& sources) {
  const ChartSource& source = release.spec.chart;
  auto fetched = sources.repositories->fetchChart(config, source.name, source.version);
  if (!fetched) return describeFetchError(fetched.error(), release);
  return sources.loadedCharts->load(loadedChartKey(source.repository, fetched->entry), fetched->bytes);
}

Result<ResolvedChart> fromRepository(kube::client::RestClient& client, const HelmRelease& release,
                                     const ChartSources& sources, SecretRedactor* secretsRead) {
  const ChartSource& source = release.spec.chart;
  chart::repo::HttpOptions http = repositoryHttp(sources);
  if (auto credentials = addChartPullCredentials(client, release, http, secretsRead); !credentials) {
    return credentials.error();
  }
  const chart::repo::RepositoryConfig config{"", source.repository, std::move(http)};
  auto chart = chart::repo::isOciUrl(source.repository) ? fromOciRegistry(config, release, sources)
                                                        : fromHttpRepository(config, release, sources);
  if (!chart) return chart.error();
  const std::string version = (*chart)->metadata.version;
  return ResolvedChart{std::move(*chart), version, false, ""};
}

// The data of the Secret spec.chart.secretRef names, decoded.
Result<chart::git::Credentials> gitCredentials(kube::client::RestClient& client, const HelmRelease& release) {
  const std::optional<ObjectReference>& reference = release.spec.chart.secretRef;
  if (!reference) return chart::git::Credentials{};
  const std::string ns = reference->namespace_.empty() ? release.namespaceOrDefault() : reference->namespace_;
  auto data = readSecretData(client, ns, reference->name, "spec.chart.secretRef");
  if (!data) return data.error();
  return chart::git::Credentials::fromSecretData(*data);
}

Result<ResolvedChart> fromGit(kube::client::RestClient& client, const HelmRelease& release,
                              const ChartSources& sources) {
  const ChartSource& source = release.spec.chart;
  if (!sources.mirrors) return Error{"git chart sources are not enabled in this operator"};
  auto credentials = gitCredentials(client, release);
  if (!credentials) return credentials.error();
  const chart::git::GitChartRequest request{source.git, source.refOrDefault(chart::git::kDefaultRef), source.path,
                                            std::move(*credentials)};
  std::optional<chart::repo::DependencySources> dependencyUpdate;
  if (!source.skipDepUpdate) {
    dependencyUpdate = chart::repo::DependencySources{sources.repositories.get(), repositoryHttp(sources), {}};
  }
  auto loaded = chart::git::loadGitChart(*sources.mirrors, request, dependencyUpdate);
  if (!loaded) return loaded.error();
  ResolvedChart resolved{std::move(loaded->chart), loaded->commit, true, ""};
  // Unchanged under path since the last attempt: keep that commit as the revision.
  const std::string& attempted = release.status.lastAttemptedRevision;
  if (attempted == loaded->commit) {
    resolved.sourceChanged = false;
  } else if (!attempted.empty() &&
             !chart::git::chartChangedBetween(*sources.mirrors->get(request.url, request.credentials), attempted,
                                              loaded->commit, request.path)) {
    resolved.revision = attempted;
    resolved.sourceChanged = false;
  }
  resolved.note = "(chart from git commit " + resolved.revision + ", ref " + request.ref + ", path " +
                  request.path + ")";
  return resolved;
}

}  // namespace

Result<ResolvedChart> resolveChart(kube::client::RestClient& client, const HelmRelease& release,
                                   const ChartSources& sources, SecretRedactor* secretsRead) {
  if (release.spec.chart.kind == ChartSourceKind::Git) return fromGit(client, release, sources);
  return fromRepository(client, release, sources, secretsRead);
}

}  // namespace ho::controller
