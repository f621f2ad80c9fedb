// renderRelease: Helm's install/upgrade rendering (action.renderResources)
// against real cluster capabilities.
#include "chart/release_render.h"

#include "chart/dependencies.h"
#include "chart/schema_validation.h"
#include "chart/version_constraint.h"

namespace ho::chart {

Result<RenderedRelease> renderRelease(const Chart& loaded, const Value& userValues, const ReleaseOptions& release,
                                      const Capabilities& capabilities, const EngineOptions& engine) {
  RenderedRelease result;
  result.chart = loaded.cloneTree();
  Chart& chart = *result.chart;
  if (auto installable = checkInstallable(chart); !installable) return installable.error();
  if (auto deps = checkDependencies(chart); !deps) return deps.error();
  if (auto processed = processDependencies(chart, userValues); !processed) return processed.error();

  auto shared = std::make_shared<const Capabilities>(capabilities);
  auto renderValues = toRenderValues(chart, userValues, release, shared);
  if (!renderValues) return renderValues.error();
  if (auto valid = validateAgainstSchema(chart, *renderValues->find("Values")); !valid) return valid.error();
  const std::string& kubeConstraint = chart.metadata.kubeVersion;
  if (!kubeConstraint.empty() && !isCompatibleRange(kubeConstraint, capabilities.kubeVersion.version)) {
    return Error{"chart requires kubeVersion: " + kubeConstraint + " which is incompatible with Kubernetes " +
                 capabilities.kubeVersion.version};
  }

  auto rendered = renderTemplates(chart, *renderValues, engine);
  if (!rendered) return rendered.error();
  result.notes = collectNotes(chart, *rendered, false);
  auto sorted = sortRenderedFiles(std::move(*rendered));
  if (!sorted) return sorted.error();
  result.hooks = std::move(sorted->hooks);
  result.manifests = std::move(sorted->manifests);
  for (const Manifest& manifest : result.manifests) {
    result.manifestText += "---\n# Source: " + manifest.name + "\n" + manifest.content + "\n";
  }
  return result;
}

}  // namespace ho::chart
