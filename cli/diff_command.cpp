// `helm-operator diff -f HELMRELEASE.yaml --kubeconfig FILE`: renders the
// HelmRelease as `render` does, but with the cluster's capabilities and as
// the upgrade of its live release (read from Helm's release Secrets), and
// prints what the upgrade would change, object by object, like helm-diff.
#include <iostream>

#include "chart/release_render.h"
#include "chart/values.h"
#include "cli/command.h"
#include "cli/command_output.h"
#include "cli/helmrelease_input.h"
#include "cli/manifest_diff.h"
#include "controller/action/action_support.h"
#include "controller/action/post_render.h"
#include "controller/release/secret_storage.h"
#include "kube/client/kubeconfig.h"

namespace ho::cli {
namespace {

struct DiffFlags {
  HelmReleaseInputOptions input;
  std::string kubeconfig;
  std::string kubeContext;
  int context = -1;
  bool detailedExitCode = false;
};

constexpr int kExitChanges = 2;

Result<controller::ActionContext> connect(const DiffFlags& flags) {
  auto config = kube::client::defaultRestConfig(flags.kubeconfig, flags.kubeContext);
  if (!config) return config.error();
  auto client = kube::client::RestClient::create(*config);
  if (!client) return Error{client.error().message};
  return controller::ActionContext{*client, std::make_shared<kube::client::RestMapper>(*client)};
}

// The release manifest now, and the one an upgrade to `input` would write.
struct ManifestPair {
  std::string current;
  std::string proposed;
};

Result<ManifestPair> releaseManifests(controller::ActionContext& context, const HelmReleaseInput& input) {
  const controller::HelmRelease& release = input.release;
  controller::SecretStorage storage(context.client, release.targetNamespace());
  auto history = storage.history(release.releaseName());
  if (!history) return history.error();
  std::optional<controller::Release> live = controller::lastDeployed(*history);
  if (!live) live = controller::lastRevision(*history);

  Value config = input.values;
  if (live && release.spec.reuseValues()) config = chart::mergeMaps(controller::orEmptyMap(live->config), config);
  auto capabilities = controller::clusterCapabilities(context);
  if (!capabilities) return capabilities.error();
  const int revision = history->empty() ? 1 : controller::lastRevision(*history)->version + 1;
  const bool upgrade = !history->empty();
  chart::ReleaseOptions options{release.releaseName(), release.targetNamespace(), revision, upgrade, !upgrade};
  auto rendered = chart::renderRelease(*input.chart, config, options, *capabilities);
  if (!rendered) return rendered.error();
  if (auto posted = controller::postRenderRelease(release.spec.postRendering, *rendered, release.targetNamespace());
      !posted) {
    return posted.error();
  }
  return ManifestPair{live ? live->manifest : std::string(), rendered->manifestText};
}

int runDiff(const DiffFlags& flags) {
  auto input = loadHelmReleaseInput(flags.input);
  if (!input) return failWith(input.error());
  auto context = connect(flags);
  if (!context) return failWith(context.error());
  auto manifests = releaseManifests(*context, *input);
  if (!manifests) return failWith(manifests.error());
  const std::string report = diffReleaseManifests(manifests->current, manifests->proposed,
                                                  input->release.targetNamespace(), flags.context);
  std::cout << report;
  std::cout.flush();
  if (!std::cout) return 1;
  return flags.detailedExitCode && !report.empty() ? kExitChanges : 0;
}

}  // namespace

void installDiffCommand(CLI::App& app, int& exitCode) {
  auto flags = std::make_shared<DiffFlags>();
  CLI::App* cmd = app.add_subcommand("diff", "Show what upgrading a HelmRelease's live release would change");
  addHelmReleaseInputOptions(*cmd, flags->input);
  cmd->add_option("--kubeconfig", flags->kubeconfig, "kubeconfig file (default: $KUBECONFIG, ~/.kube/config)");
  cmd->add_option("--kube-context", flags->kubeContext, "kubeconfig context to use");
  cmd->add_option("-C,--context", flags->context,
                  "unchanged lines shown around each change (default: whole objects)");
  cmd->add_flag("--detailed-exitcode", flags->detailedExitCode, "exit with 2 when there are changes, 0 when none");
  cmd->callback([flags, &exitCode] { exitCode = runDiff(*flags); });
}

}  // namespace ho::cli
