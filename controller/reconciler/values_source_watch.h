// Watches the ConfigMaps and Secrets that HelmReleases read values from
// (valuesFrom configMapKeyRef/secretKeyRef, the deprecated valueFileSecrets),
// so a change to one of them queues the HelmReleases that reference it at
// once instead of at the next resync. An index from object to HelmRelease
// keys is kept up to date from the HelmRelease informer's events; two
// informers (ConfigMaps; Secrets other than Helm's release records) report
// data changes.
#pragma once

#include <memory>
#include <nlohmann/json.hpp>
#include <set>
#include <string>

#include "controller/reconciler/reference_index.h"
#include "kube/client/informer.h"
#include "kube/client/work_queue.h"

namespace ho::controller {

// "configmap/NAMESPACE/NAME" or "secret/NAMESPACE/NAME" -> HelmRelease keys.
class ValuesSourceIndex {
 public:
  // Replaces what `helmRelease` (an API object) references.
  void track(const nlohmann::json& helmRelease);
  void forget(const nlohmann::json& helmRelease);
  // The HelmRelease keys ("namespace/name") referencing `source`.
  std::set<std::string> referencing(const std::string& source) const;

  static std::string configMapSource(const std::string& ns, const std::string& name);
  static std::string secretSource(const std::string& ns, const std::string& name);

 private:
  ReferenceIndex references_;  // HelmRelease key -> sources
};

class ValuesSourceWatch {
 public:
  // Watches ConfigMaps and Secrets in `ns` ("" = all namespaces), queueing into `queue`.
  ValuesSourceWatch(std::shared_ptr<kube::client::RestClient> client, const std::string& ns,
                    kube::client::WorkQueue& queue);

  // `helmReleaseHandlers` with the index kept up to date before each of them runs.
  kube::client::InformerHandlers tracking(kube::client::InformerHandlers helmReleaseHandlers);

  void start();
  void stop();

 private:
  kube::client::InformerHandlers onChange(const char* kind);

  ValuesSourceIndex index_;
  kube::client::WorkQueue& queue_;
  kube::client::Informer configMaps_;
  kube::client::Informer secrets_;
};

}  // namespace ho::controller
