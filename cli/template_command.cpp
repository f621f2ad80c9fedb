// `helm-operator template [NAME] CHART`: renders a chart like `helm template`,
// with Helm's flags, output format and error messages.
#include <iostream>

#include "chart/render.h"
#include "chart/repo/chart_locator.h"
#include "cli/command.h"
#include "cli/command_output.h"
#include "cli/flag_set.h"
#include "cli/git_chart_input.h"
#include "core/compact_heap.h"

namespace ho::cli {
namespace {

constexpr std::string_view kUsageLine = "helm-operator template [NAME] [CHART] [flags]";

struct TemplateFlags {
  std::vector<std::string> positional;
  chart::RenderRequest request;
  chart::repo::ChartLocation location;  // --repo, --version, credentials
  GitChartOptions git;                  // --git, --ref, --path: the chart from git (no CHART argument)
  bool help = false;                    // -h, --help
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
      return failWith(Error{"with --git, \"helm-operator template\" takes at most 1 argument (the release name)"});
    }
    flags.positional.push_back("");
  }
  if (flags.positional.empty()) {
    return failWith(
        Error{"\"helm-operator template\" requires at least 1 argument\n\nUsage:  " + std::string(kUsageLine)});
  }
  if (flags.positional.size() > 2) {
    std::string extra;
    for (std::size_t i = 2; i < flags.positional.size(); ++i) extra += (i > 2 ? ", " : "") + flags.positional[i];
    return failWith(Error{"expected at most two arguments, unexpected arguments: " + extra});
  }
  if (flags.positional.size() == 1) {
    request.release.name = "release-name";
    request.chartPath = flags.positional[0];
  } else {
    request.release.name = flags.positional[0];
    request.chartPath = flags.positional[1];
  }
  if (!validReleaseName(request.release.name)) {
    return failWith(Error{"release name \"" + request.release.name +
                          "\": invalid release name, must match regex "
                          "^[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$ and the length must "
                          "not be longer than 53"});
  }
  request.onWarning = [](const std::string& message) { std::cerr << "WARNING: " << message << "\n"; };
  if (!flags.git.url.empty()) return renderFromGit(flags);
  flags.location.chart = request.chartPath;
  auto chartPath = chart::repo::locateChart(flags.location);
  if (!chartPath) return failWith(chartPath.error().toError());
  request.chartPath = *chartPath;
  return finishOutput(chart::renderForTemplate(request, stdoutSink()));
}

// `template`'s flags: Helm's for the flags they share (names, shorthands,
// value types), with --strict and the git options added.
FlagSet templateFlags(TemplateFlags& flags) {
  FlagSet set;
  auto& r = flags.request;
  set.addString("n,namespace", r.release.namespace_, "namespace scope for this request");
  set.addStringSlice("f,values", r.values.valueFiles, "specify values in a YAML file or a URL (can specify multiple)");
  set.addStringArray("set", r.values.values,
                     "set values on the command line (can specify multiple or separate "
                     "values with commas: key1=val1,key2=val2)");
  set.addStringArray("set-string", r.values.stringValues, "set STRING values on the command line");
  set.addStringArray("set-file", r.values.fileValues,
                     "set values from respective files specified via the command line");
  set.addStringArray("set-json", r.values.jsonValues, "set JSON values on the command line");
  set.addStringArray("set-literal", r.values.literalValues, "set a literal STRING value on the command line");
  set.addString("kube-version", r.kubeVersion, "Kubernetes version used for Capabilities.KubeVersion");
  set.addStringSlice("a,api-versions", r.apiVersions, "Kubernetes api versions used for Capabilities.APIVersions");
  set.addBool("include-crds", r.output.includeCrds, "include CRDs in the templated output");
  set.addBool("skip-crds", r.skipCrds, "if set, no CRDs will be installed");
  set.addBool("skip-tests", r.output.skipTests, "skip tests from templated output");
  set.addBool("no-hooks", r.output.disableHooks, "prevent hooks from running during install");
  set.addStringArray("s,show-only", r.output.showOnly, "only show manifests rendered from the given templates");
  set.addBool("is-upgrade", r.release.isUpgrade, "set .Release.IsUpgrade instead of .Release.IsInstall");
  set.addBool("strict", r.engine.strict, "fail on missing values (missingkey=error)");
  auto& where = flags.location;
  set.addString("repo", where.repoUrl, "chart repository url where to locate the requested chart");
  set.addString("version", where.version,
                "specify a version constraint for the chart version to use (exact or a semver range)");
  set.addString("username", where.http.username, "chart repository username where to locate the requested chart");
  set.addString("password", where.http.password, "chart repository password where to locate the requested chart");
  set.addString("ca-file", where.http.caFile, "verify certificates of HTTPS-enabled servers using this CA bundle");
  set.addString("cert-file", where.http.certFile, "identify HTTPS client using this SSL certificate file");
  set.addString("key-file", where.http.keyFile, "identify HTTPS client using this SSL key file");
  set.addBool("insecure-skip-tls-verify", where.http.insecureSkipTlsVerify,
              "skip tls certificate checks for the chart download");
  set.addBool("pass-credentials", where.http.passCredentialsAll, "pass credentials to all domains");
  set.addString("repository-config", where.repositoryConfig, "path to the file containing repository names and URLs");
  set.addString("repository-cache", where.repositoryCache,
                "path to the directory containing cached repository indexes");
  addGitChartOptions(set, flags.git);
  set.addBool("h,help", flags.help, "help for template");
  return set;
}

}  // namespace

int runTemplateCommand(std::span<const std::string> args) {
  adoptTemplateHeap();
  TemplateFlags flags;
  const FlagSet set = templateFlags(flags);
  auto parsed = set.parse(args);
  if (!parsed) return failWith(parsed.error());
  if (flags.help) {
    std::cout << "Render chart templates locally and display the output, exactly as `helm template` does.\n\n"
              << "Usage:\n  " << kUsageLine << "\n\nFlags:\n"
              << set.usage();
    return 0;
  }
  flags.positional = std::move(parsed->positional);
  if (flags.request.release.isUpgrade) flags.request.release.isInstall = false;
  return runTemplate(flags);
}

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
  // Everything after `template` is parsed by the command's FlagSet, as Helm
  // parses it (CLI11 only routes here).
  CLI::App* cmd = app.add_subcommand("template", "Render a chart exactly like `helm template`");
  cmd->prefix_command();
  cmd->set_help_flag();
  cmd->callback([cmd, &exitCode] { exitCode = runTemplateCommand(cmd->remaining()); });
}

}  // namespace ho::cli
