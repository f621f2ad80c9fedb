// `helm-operator render -f HELMRELEASE.yaml`: prints the manifests a
// HelmRelease would install, exactly as `helm template` prints them for the
// same chart, release name, namespace and values (post-rendered with its
// postRenderers and commonMetadata), so CI can preview a HelmRelease change
// without a cluster.
#include <iostream>

#include "chart/render.h"
#include "cli/command.h"
#include "cli/command_output.h"
#include "cli/helmrelease_input.h"
#include "controller/action/post_render.h"

namespace ho::cli {
namespace {

struct RenderFlags {
  HelmReleaseInputOptions input;
  chart::RenderRequest request;  // output and capability flags
};

int runRender(RenderFlags& flags) {
  auto input = loadHelmReleaseInput(flags.input);
  if (!input) return failWith(input.error());
  chart::RenderRequest& request = flags.request;
  request.release.name = input->release.releaseName();
  request.release.namespace_ = input->release.targetNamespace();
  request.skipCrds = input->release.spec.skipCRDs;
  request.onWarning = [](const std::string& message) { std::cerr << "WARNING: " << message << "\n"; };
  const controller::PostRenderSpec& postRender = input->release.spec.postRendering;
  if (!postRender.empty()) {
    request.postRender = [&postRender, &request](std::vector<chart::Manifest>& manifests) {
      return controller::postRenderManifests(postRender, manifests, request.release.namespace_);
    };
  }
  return finishOutput(chart::renderLoadedForTemplate(*input->chart, input->values, request, stdoutSink()));
}

}  // namespace

void installRenderCommand(CLI::App& app, int& exitCode) {
  auto flags = std::make_shared<RenderFlags>();
  CLI::App* cmd = app.add_subcommand("render", "Render a HelmRelease's manifests as the controller would install them");
  addHelmReleaseInputOptions(*cmd, flags->input);
  chart::RenderRequest& r = flags->request;
  cmd->add_option("--kube-version", r.kubeVersion, "Kubernetes version used for Capabilities.KubeVersion");
  cmd->add_option("-a,--api-versions", r.apiVersions, "Kubernetes api versions used for Capabilities.APIVersions");
  cmd->add_flag("--include-crds", r.output.includeCrds, "include CRDs in the output (unless spec.skipCRDs)");
  cmd->add_flag("--skip-tests", r.output.skipTests, "skip tests from the output");
  cmd->callback([flags, &exitCode] { exitCode = runRender(*flags); });
}

}  // namespace ho::cli
