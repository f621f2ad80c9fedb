// renderForTemplate: Helm's install action in client-only dry-run mode, in
// the order `helm template` runs its steps (so the same error wins).
#include "chart/render.h"

#include "chart/capabilities.h"
#include "chart/dependencies.h"
#include "chart/loader.h"
#include "chart/schema_validation.h"

namespace ho::chart {
namespace {

// helm template adds this to errors raised once the release exists (render,
// kubeVersion check, manifest sorting), not to earlier ones.
Error renderStageError(const Error& error) {
  return Error{error.message + "\n\nUse --debug flag to render out invalid YAML"};
}

// Everything up to the sorted (and post-rendered) manifests; the values and
// rendered files it builds are gone by the time the output is written.
Result<SortedManifests> renderSorted(Chart& chart, const Value& userValues, const RenderRequest& request) {
  if (auto installable = checkInstallable(chart); !installable) return installable.error();
  if (chart.metadata.deprecated && request.onWarning) request.onWarning("This chart is deprecated");
  if (auto deps = checkDependencies(chart); !deps) return deps.error();
  if (auto processed = processDependencies(chart, userValues); !processed) return processed.error();

  auto caps = templateCapabilities(request.kubeVersion, request.apiVersions);
  if (!caps) return caps.error();
  auto capabilities = std::make_shared<const Capabilities>(std::move(*caps));
  auto renderValues = toRenderValues(chart, userValues, request.release, capabilities);
  if (!renderValues) return renderValues.error();
  if (auto valid = validateAgainstSchema(chart, *renderValues->find("Values")); !valid) return valid.error();

  if (auto compatible = checkKubeVersion(chart.metadata.kubeVersion, *capabilities); !compatible) {
    return renderStageError(compatible.error());
  }
  auto rendered = renderTemplates(chart, *renderValues, request.engine);
  if (!rendered) return renderStageError(rendered.error());
  auto sorted = sortRenderedFiles(std::move(*rendered));
  if (!sorted) return renderStageError(sorted.error());
  if (request.postRender) {
    if (auto posted = request.postRender(sorted->manifests); !posted) return posted.error();
  }
  return sorted;
}

}  // namespace

Result<void> renderForTemplate(const RenderRequest& request, const TextSink& out) {
  if (!request.kubeVersion.empty()) {
    if (auto parsed = parseKubeVersion(request.kubeVersion); !parsed) return parsed.error();
  }
  auto userValues = mergeValueOptions(request.values, readLocalFile);
  if (!userValues) return userValues.error();
  auto loaded = loadChart(request.chartPath);
  if (!loaded) return loaded.error();
  return renderLoadedForTemplate(**loaded, *userValues, request, out);
}

Result<void> renderLoadedForTemplate(Chart& chart, const Value& userValues, const RenderRequest& request,
                                     const TextSink& out) {
  auto sorted = renderSorted(chart, userValues, request);
  if (!sorted) return sorted.error();
  TemplateOutputOptions output = request.output;
  if (request.skipCrds) output.includeCrds = false;
  return writeSortedOutput(chart, *sorted, output, out);
}

}  // namespace ho::chart
