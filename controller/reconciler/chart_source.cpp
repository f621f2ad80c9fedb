// resolveChart: a repository chart through the RepositoryPool, a git chart through the MirrorPool.
#include "controller/reconciler/chart_source.h"

#include <algorithm>

#include "chart/git/git_chart.h"
#include "kube/client/base64_codec.h"
#include "kube/client/core_resources.h"

namespace ho::controller {
namespace {

using kube::client::kSecrets;

// The bounds of a chart repository request.
chart::repo::HttpOptions repositoryHttp(const ChartSources& sources) {
  chart::repo::HttpOptions http;
  http.timeout = sources.fetchTimeout;
  http.connectTimeout = std::min<std::chrono::milliseconds>(sources.fetchTimeout, std::chrono::seconds(10));
  return http;
}

Result<ResolvedChart> fromRepository(const ChartSource& source, const ChartSources& sources) {
  chart::repo::RepositoryConfig config{"", source.repository, repositoryHttp(sources)};
  auto fetched = sources.repositories->get(config)->fetchChart(source.name, source.version);
  if (!fetched) {
    const chart::repo::RepoError& error = fetched.error();
    return Error{std::string(chart::repo::repoErrorKindName(error.kind)) + ": " + error.message};
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
  auto secret = client.get(kube::client::resourcePath(kSecrets, ns, reference->name));
  if (!secret) return Error{"reading spec.chart.secretRef secret " + ns + "/" + reference->name + ": " +
                            secret.error().message};
  std::map<std::string, std::string> data;
  const nlohmann::json encoded = secret->value("data", nlohmann::json::object());  // items() must not outlive it
  for (const auto& [key, value] : encoded.items()) {
    if (!value.is_string()) continue;
    auto decoded = kube::client::base64Decode(value.get<std::string>());
    if (decoded) data[key] = std::move(*decoded);
  }
  return chart::git::Credentials::fromSecretData(data);
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
                                   const ChartSources& sources) {
  if (release.spec.chart.kind == ChartSourceKind::Git) return fromGit(client, release, sources);
  return fromRepository(release.spec.chart, sources);
}

}  // namespace ho::controller
