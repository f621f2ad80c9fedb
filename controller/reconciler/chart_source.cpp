// resolveChart: a repository or oci:// chart through the RepositoryPool, a git chart through the MirrorPool.
#include "controller/reconciler/chart_source.h"

#include <algorithm>

#include "chart/git/git_chart.h"
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

Result<ResolvedChart> fromRepository(kube::client::RestClient& client, const HelmRelease& release,
                                     const ChartSources& sources, SecretRedactor* secretsRead) {
  const ChartSource& source = release.spec.chart;
  chart::repo::HttpOptions http = repositoryHttp(sources);
  if (auto credentials = addChartPullCredentials(client, release, http, secretsRead); !credentials) {
    return credentials.error();
  }
  auto fetched =
      sources.repositories->fetchChart({"", source.repository, std::move(http)}, source.name, source.version);
  if (!fetched) {
    const chart::repo::RepoError& error = fetched.error();
    std::string message = std::string(chart::repo::repoErrorKindName(error.kind)) + ": " + error.message;
    if (error.kind == chart::repo::RepoErrorKind::Unauthorized && source.chartPullSecret) {
      message += " (with the credentials of spec.chart.chartPullSecret secret " + release.namespaceOrDefault() + "/" +
                 source.chartPullSecret->name + ")";
    }
    return Error{message};
  }
  const chart::repo::ChartVersion& entry = fetched->entry;
  const std::string key =
      entry.digest.empty() ? "" : source.repository + "\n" + entry.name + "\n" + entry.version + "\n" + entry.digest;
  auto chart = sources.loadedCharts->load(key, fetched->bytes);
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
