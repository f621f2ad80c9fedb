// Flux v1's composeValues: the values a HelmRelease hands to Helm, built from
// its valuesFrom sources (ConfigMap and Secret keys, chart files) merged in
// list order, with spec.values merged last (Helm's mergeMaps: maps merge
// recursively, everything else is replaced).
#pragma once

#include <memory>

#include "chart/chart.h"
#include "controller/helmrelease/helm_release.h"
#include "core/error.h"
#include "core/value.h"
#include "kube/client/rest_client.h"

namespace ho::controller {

// Errors name the source, e.g. `configmap default/podinfo-values: key "values.yaml" not found`;
// a missing source marked optional is skipped. externalSourceRef is refused unless optional.
Result<Value> composeValues(kube::client::RestClient& client, const HelmRelease& release, const chart::Chart& chart);

}  // namespace ho::controller
