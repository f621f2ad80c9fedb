// Flux v1's composeValues: the values a HelmRelease hands to Helm, built from
// its valuesFrom sources (ConfigMap and Secret keys, external URLs, chart
// files) merged in list order, with spec.values merged last (Helm's
// mergeMaps: maps merge recursively, everything else is replaced). Where
// ConfigMap and Secret keys come from is pluggable: the controller reads the
// cluster, `helm-operator render` reads local files.
#pragma once

#include <cstdint>
#include <functional>
#include <optional>
#include <string>

#include "chart/chart.h"
#include "controller/helmrelease/helm_release.h"
#include "controller/reconciler/secret_redactor.h"
#include "core/error.h"
#include "core/value.h"
#include "kube/client/rest_client.h"

namespace ho::controller {

enum class ValuesObjectKind : std::uint8_t { ConfigMap, Secret };

// The text under `key` of the ConfigMap or Secret NAMESPACE/NAME (a Secret's
// value already decoded); nullopt when the object or the key is absent.
using ValuesKeyReader = std::function<Result<std::optional<std::string>>(
    ValuesObjectKind kind, const std::string& ns, const std::string& name, const std::string& key)>;

// Errors name the source, e.g. `configmap default/podinfo-values: key "values.yaml" not found`.
// An optional source that is missing, unreadable or not valid YAML is skipped.
// externalSourceRef URLs (http and https only) are fetched; a non-2xx answer is an error.
Result<Value> composeValues(const HelmRelease& release, const chart::Chart& chart, const ValuesKeyReader& readKey);

// composeValues with ConfigMaps and Secrets read from the cluster; the text of
// every Secret key read is given to `secretsRead` (when not null) for redaction.
Result<Value> composeValues(kube::client::RestClient& client, const HelmRelease& release, const chart::Chart& chart,
                            SecretRedactor* secretsRead = nullptr);

}  // namespace ho::controller
