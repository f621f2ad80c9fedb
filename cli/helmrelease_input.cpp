// loadHelmReleaseInput: HelmRelease file -> parsed spec -> chart -> composed values.
#include "cli/helmrelease_input.h"

#include <unistd.h>

#include <filesystem>
#include <nlohmann/json.hpp>
#include <optional>

#include "chart/loader.h"
#include "chart/repo/repository_pool.h"
#include "chart/strvals.h"
#include "encoding/go_json.h"
#include "encoding/go_yaml.h"

namespace ho::cli {
namespace {

namespace fs = std::filesystem;

bool isHelmReleaseDocument(const Value& document) {
  const Value* kind = document.isMap() ? document.find("kind") : nullptr;
  return kind != nullptr && kind->isString() && kind->asString() == "HelmRelease";
}

// What the API server would hold after `kubectl apply`: the YAML document as JSON.
Result<nlohmann::json> asApiObject(const Value& document) {
  auto json = encoding::toJson(document);
  if (!json) return json.error();
  return nlohmann::json::parse(*json);
}

// A private folder for the chart cache, removed when the object goes away.
class TemporaryDirectory {
 public:
  TemporaryDirectory()
      : path_(fs::temp_directory_path() / ("helm-operator-render-" + std::to_string(getpid()))) {
    fs::create_directories(path_);
  }
  ~TemporaryDirectory() {
    std::error_code ignored;
    fs::remove_all(path_, ignored);
  }
  TemporaryDirectory(const TemporaryDirectory&) = delete;
  TemporaryDirectory& operator=(const TemporaryDirectory&) = delete;
  std::string path() const { return path_.string(); }

 private:
  fs::path path_;
};

// spec.chart's repository (or oci://) chart, fetched like the reconciler fetches it.
Result<std::shared_ptr<chart::Chart>> fetchRepositoryChart(const controller::ChartSource& source,
                                                           const std::string& repositoryCache) {
  std::optional<TemporaryDirectory> temporary;
  if (repositoryCache.empty()) temporary.emplace();
  chart::repo::RepositoryPool pool(repositoryCache.empty() ? temporary->path() : repositoryCache);
  auto fetched = pool.fetchChart(chart::repo::RepositoryConfig{"", source.repository, {}}, source.name, source.version);
  if (!fetched) {
    const chart::repo::RepoError& error = fetched.error();
    return Error{"spec.chart: " + std::string(chart::repo::repoErrorKindName(error.kind)) + ": " + error.message};
  }
  auto loaded = chart::loadArchive(fetched->bytes);
  if (!loaded) return Error{"spec.chart: " + loaded.error().message};
  return loaded;
}

Result<std::shared_ptr<chart::Chart>> loadReleaseChart(const controller::HelmRelease& release,
                                                       const HelmReleaseInputOptions& options) {
  if (!options.chartPath.empty()) return chart::loadChart(options.chartPath);
  if (!options.git.url.empty()) return loadGitChartInput(options.git);
  const controller::ChartSource& source = release.spec.chart;
  if (source.kind == controller::ChartSourceKind::Git) {
    GitChartOptions git = options.git;
    git.url = source.git;
    git.ref = source.ref;
    git.path = source.path;
    git.skipDepUpdate = git.skipDepUpdate || source.skipDepUpdate;
    auto fetched = loadGitChartInput(git);
    if (!fetched) return Error{options.file + ": spec.chart: " + fetched.error().message};
    return fetched;
  }
  auto fetched = fetchRepositoryChart(source, options.repositoryCache);
  if (!fetched) return Error{options.file + ": " + fetched.error().message};
  return fetched;
}

}  // namespace

Result<controller::HelmRelease> readHelmReleaseFile(const std::string& path) {
  auto text = chart::readLocalFile(path);
  if (!text) return text.error();
  auto documents = encoding::parseYamlDocuments(*text);
  if (!documents) return Error{path + ": " + documents.error().message};
  const Value* found = nullptr;
  for (const Value& document : *documents) {
    if (!isHelmReleaseDocument(document)) continue;
    if (found != nullptr) return Error{path + ": more than one HelmRelease document; give one per file"};
    found = &document;
  }
  if (found == nullptr) return Error{path + ": no document of kind HelmRelease"};
  auto object = asApiObject(*found);
  if (!object) return Error{path + ": " + object.error().message};
  auto release = controller::parseHelmRelease(*object);
  if (!release) return Error{path + ": " + release.error().message};
  return release;
}

controller::ValuesKeyReader directoryKeyReader(std::string dir) {
  return [dir = std::move(dir)](controller::ValuesObjectKind kind, const std::string& ns, const std::string& name,
                                const std::string& key) -> Result<std::optional<std::string>> {
    if (dir.empty()) return std::optional<std::string>{};
    const char* folder = kind == controller::ValuesObjectKind::Secret ? "secrets" : "configmaps";
    for (const fs::path& candidate : {fs::path(dir) / ns / folder / name / key, fs::path(dir) / folder / name / key}) {
      if (!fs::is_regular_file(candidate)) continue;
      auto text = chart::readLocalFile(candidate.string());
      if (!text) return text.error();
      return std::optional<std::string>{std::move(text).value()};
    }
    return std::optional<std::string>{};
  };
}

void addHelmReleaseInputOptions(CLI::App& cmd, HelmReleaseInputOptions& input) {
  cmd.add_option("-f,--file", input.file, "the HelmRelease manifest (one HelmRelease document)")->required();
  cmd.add_option("-n,--namespace", input.namespace_,
                 "namespace of a HelmRelease whose metadata has none (default \"default\")");
  cmd.add_option("--values-from-dir", input.valuesFromDir,
                 "folder holding valuesFrom keys: [NAMESPACE/]configmaps/NAME/KEY and [NAMESPACE/]secrets/NAME/KEY");
  cmd.add_option("--repository-cache", input.repositoryCache,
                 "folder for chart repository indexes and charts (default: a temporary one)");
  cmd.add_option("--chart-path", input.chartPath,
                 "a local chart directory or .tgz used instead of spec.chart");
  FlagSet git;
  addGitChartOptions(git, input.git);
  git.declareOn(cmd);
}

Result<HelmReleaseInput> loadHelmReleaseInput(const HelmReleaseInputOptions& options) {
  auto release = readHelmReleaseFile(options.file);
  if (!release) return release.error();
  if (release->namespace_.empty()) release->namespace_ = options.namespace_;
  auto chart = loadReleaseChart(*release, options);
  if (!chart) return chart.error();
  auto values = controller::composeValues(*release, **chart, directoryKeyReader(options.valuesFromDir));
  if (!values) return Error{options.file + ": spec.valuesFrom: " + values.error().message};
  return HelmReleaseInput{std::move(release).value(), std::move(chart).value(), std::move(values).value()};
}

}  // namespace ho::cli
