// renderForTemplate: Helm's install action in client-only dry-run mode, as
// `helm template` runs it.
#include "chart/render.h"

#include "chart/capabilities.h"
#include "chart/dependencies.h"
#include "chart/loader.h"
#include "chart/schema_validation.h"
#include "chart/version_constraint.h"

namespace ho::chart {

Result<std::string> renderForTemplate(const RenderRequest& request) {
  auto loaded = loadChart(request.chartPath);
  if (!loaded) return loaded.error();
  auto userValues = mergeValueOptions(request.values, readLocalFile);
  if (!userValues) return userValues.error();
  if (auto installable = checkInstallable(**loaded); !installable) return installable.error();
  if (auto deps = checkDependencies(**loaded); !deps) return deps.error();

  Chart& chart = **loaded;
  if (auto processed = processDependencies(chart, *userValues); !processed) return processed.error();

  auto caps = templateCapabilities(request.kubeVersion, request.apiVersions);
  if (!caps) return caps.error();
  auto capabilities = std::make_shared<const Capabilities>(std::move(*caps));
  auto renderValues = toRenderValues(chart, *userValues, request.release, capabilities);
  if (!renderValues) return renderValues.error();
  if (auto valid = validateAgainstSchema(chart, *renderValues->find("Values")); !valid) return valid.error();

  const std::string& kubeConstraint = chart.metadata.kubeVersion;
  if (!kubeConstraint.empty() && !isCompatibleRange(kubeConstraint, capabilities->kubeVersion.version)) {
    return Error{"chart requires kubeVersion: " + kubeConstraint + " which is incompatible with Kubernetes " +
                 capabilities->kubeVersion.version};
  }

  auto rendered = renderTemplates(chart, *renderValues, request.engine);
  if (!rendered) return rendered.error();
  TemplateOutputOptions output = request.output;
  if (request.skipCrds) output.includeCrds = false;
  return formatTemplateOutput(chart, *rendered, output);
}

}  // namespace ho::chart
