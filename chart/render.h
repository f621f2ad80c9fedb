// The whole `helm template` pipeline for one chart: load, check dependencies,
// merge values, process dependencies, build render values, render, sort and
// print. Shared by the `template` and `render` commands and the controller.
#pragma once

#include <functional>
#include <string>
#include <vector>

#include "chart/engine.h"
#include "chart/manifests.h"
#include "chart/strvals.h"
#include "chart/values.h"

namespace ho::chart {

struct RenderRequest {
  std::string chartPath;  // a chart directory or .tgz
  ReleaseOptions release;
  ValueOptions values;
  std::string kubeVersion;               // --kube-version ("" = Helm's default)
  std::vector<std::string> apiVersions;  // --api-versions
  bool skipCrds = false;
  TemplateOutputOptions output;
  EngineOptions engine;
  // Receives Helm's user-facing warnings ("This chart is deprecated").
  std::function<void(const std::string&)> onWarning;
  // Helm's post-renderer: rewrites the sorted non-hook manifests (not hooks,
  // not crds/) before they are printed; unset = none.
  std::function<Result<void>(std::vector<Manifest>&)> postRender;
};

// Renders `request` and writes what `helm template` prints on stdout to `out`;
// nothing is written when an error is returned.
Result<void> renderForTemplate(const RenderRequest& request, const TextSink& out);

// The same for an already loaded chart (changed: dependencies are processed in
// place) and already merged user values; request.chartPath and request.values
// are not used. The `render` command gives it a HelmRelease's composed values.
Result<void> renderLoadedForTemplate(Chart& chart, const Value& userValues, const RenderRequest& request,
                                     const TextSink& out);

}  // namespace ho::chart
