// `helm-operator template [NAME] CHART`: renders a chart like `helm template`,
// with Helm's flags, output format and error messages.
#include <iostream>

#include "chart/render.h"
#include "chart/repo/chart_locator.h"
#include "cli/command.h"
#include "cli/command_output.h"
#include "cli/git_chart_input.h"
#include "core/compact_heap.h"

namespace ho::cli {
namespace {

struct TemplateFlags {
  std::vector<std::string> positional;
  chart::RenderRequest request;
  chart::repo::ChartLocation location;  // --repo, --version, credentials
  GitChartOptions git;                  // --git, --ref, --path: the chart from git (no CHART argument)
};

// Helm's release name rule (action.ValidateReleaseName): at most 53
// characters of dot-separated labels of [a-z0-9-], each starting and ending
// with a letter or digit (checked by hand: compiling the regexp cost more than
// rendering a small chart).
bool validReleaseName(std::string_view name) {
  if (name.empty() || name.size() > 53) return false;
  std::size_t labelStart = 0;
  for (std::size_t i = 0; i <= name.size(); ++i) {
    if (i == name.size() || name[i] == '.') {
      if (i == labelStart || name[labelStart] == '-' || name[i - 1] == '-') return false;
      labelStart = i + 1;
    } else if (!((name[i] >= 'a' && name[i] <= 'z') || (name[i] >= '0' && name[i] <= '9') || name[i] == '-')) {
      return false;
    }
  }
  return true;
}

int renderFromGit(TemplateFlags& flags) {
  auto userValues = chart::mergeValueOptions(flags.request.values, chart::readLocalFile);
  if (!userValues) return failWith(userValues.error());
  auto loaded = loadGitChartInput(flags.git);
  if (!loaded) return failWith(loaded.error());
  return finishOutput(chart::renderLoadedForTemplate(**loaded, *userValues, flags.request, stdoutSink()));
}

int runTemplate(TemplateFlags& flags) {
  auto& request = flags.request;
  if (!flags.git.url.empty()) {
    // [NAME] alone: the chart comes from git.
    if (flags.positional.size() > 1) {
      std::cerr << "Error: with --git, \"helm-operator template\" takes at most 1 argument (the release name)\n";
      return 1;
    }
    flags.positional.push_back("");
  }
  if (flags.positional.empty() || flags.positional.size() > 2) {
    std::cerr << "Error: \"helm-operator template\" requires at least 1 and at most 2 arguments\n";
    return 1;
  }
  if (flags.positional.size() == 1) {
    request.release.name = "release-name";
    request.chartPath = flags.positional[0];
  } else {
    request.release.name = flags.positional[0];
    request.chartPath = flags.positional[1];
  }
  if (!validReleaseName(request.release.name)) {
    std::cerr << "Error: release name \"" << request.release.name
              << "\": invalid release name, must match regex "
                 "^[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$ and the length must "
                 "not be longer than 53\n";
    return 1;
  }
  request.onWarning = [](const std::string& message) { std::cerr << "WARNING: " << message << "\n"; };
  if (!flags.git.url.empty()) return renderFromGit(flags);
  flags.location.chart = request.chartPath;
  auto chartPath = chart::repo::locateChart(flags.location);
  if (!chartPath) return failWith(chartPath.error().toError());
  request.chartPath = *chartPath;
  return finishOutput(chart::renderForTemplate(request, stdoutSink()));
}

}  // namespace

void adoptTemplateHeap() {
  // The first 16 MiB of this thread's allocations in one huge-page region:
  // a small chart lives there entirely (two or three huge pages zeroed where
  // a general allocator's layout touched five), the largest overflow to
  // malloc. Since runs start small and freed large blocks merge, 16 MiB beats 8
  // (corpus CPU -2%, page faults -40%, kube-prometheus-stack's peak 22.1 ->
  // 21.9 MiB); before, a larger region kept blocks freed in one size class
  // from the others and raised the peak.
  adoptCompactHeap(std::size_t{16} << 20);
}

void installTemplateCommand(CLI::App& app, int& exitCode) {
  auto flags = std::make_shared<TemplateFlags>();
  auto& r = flags->request;
  CLI::App* cmd = app.add_subcommand("template", "Render a chart exactly like `helm template`");
  cmd->add_option("args", flags->positional, "[NAME] CHART: a chart directory or .tgz");
  cmd->add_option("-n,--namespace", r.release.namespace_, "namespace scope for this request");
  cmd->add_option("-f,--values", r.values.valueFiles, "values file (repeatable)")->take_all();
  cmd->add_option("--set", r.values.values, "set values on the command line (repeatable)");
  cmd->add_option("--set-string", r.values.stringValues, "set STRING values on the command line");
  cmd->add_option("--set-file", r.values.fileValues, "set values from files");
  cmd->add_option("--set-json", r.values.jsonValues, "set JSON values on the command line");
  cmd->add_option("--set-literal", r.values.literalValues, "set a literal STRING value");
  cmd->add_option("--kube-version", r.kubeVersion, "Kubernetes version used for Capabilities.KubeVersion");
  cmd->add_option("-a,--api-versions", r.apiVersions, "Kubernetes api versions used for Capabilities.APIVersions");
  cmd->add_flag("--include-crds", r.output.includeCrds, "include CRDs in the templated output");
  cmd->add_flag("--skip-crds", r.skipCrds, "skip installing CRDs");
  cmd->add_flag("--skip-tests", r.output.skipTests, "skip tests from templated output");
  cmd->add_flag("--no-hooks", r.output.disableHooks, "do not render hooks");
  cmd->add_option("-s,--show-only", r.output.showOnly, "only show manifests rendered from the given templates");
  cmd->add_flag("--is-upgrade", r.release.isUpgrade, "set .Release.IsUpgrade instead of .Release.IsInstall");
  cmd->add_flag("--strict", r.engine.strict, "fail on missing values (missingkey=error)");
  auto& where = flags->location;
  cmd->add_option("--repo", where.repoUrl, "chart repository url where to locate the requested chart");
  cmd->add_option("--version", where.version,
                  "specify a version constraint for the chart version to use (exact or a semver range)");
  cmd->add_option("--username", where.http.username, "chart repository username where to locate the requested chart");
  cmd->add_option("--password", where.http.password, "chart repository password where to locate the requested chart");
  cmd->add_option("--ca-file", where.http.caFile, "verify certificates of HTTPS-enabled servers using this CA bundle");
  cmd->add_option("--cert-file", where.http.certFile, "identify HTTPS client using this SSL certificate file");
  cmd->add_option("--key-file", where.http.keyFile, "identify HTTPS client using this SSL key file");
  cmd->add_flag("--insecure-skip-tls-verify", where.http.insecureSkipTlsVerify,
                "skip tls certificate checks for the chart download");
  cmd->add_flag("--pass-credentials", where.http.passCredentialsAll, "pass credentials to all domains");
  cmd->add_option("--repository-config", where.repositoryConfig, "path to the file containing repository names and URLs");
  cmd->add_option("--repository-cache", where.repositoryCache, "path to the directory containing cached repository indexes");
  addGitChartOptions(*cmd, flags->git);
  cmd->callback([flags, &exitCode] {
    adoptTemplateHeap();
    if (flags->request.release.isUpgrade) flags->request.release.isInstall = false;
    exitCode = runTemplate(*flags);
  });
}

}  // namespace ho::cli
