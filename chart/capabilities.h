// `.Capabilities` (Helm's chartutil.Capabilities): the Kubernetes version,
// the API versions (Helm 3.17's DefaultVersionSet plus --api-versions) and the
// Helm build info, as `helm template` fakes them without a cluster.
#pragma once

#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "core/error.h"
#include "core/value.h"

namespace ho::chart {

struct KubeVersion {
  std::string version;  // "v1.32.0"
  std::string major;    // "1"
  std::string minor;    // "32"
};

struct Capabilities {
  KubeVersion kubeVersion;
  std::vector<std::string> apiVersions;
};

// chartutil.DefaultCapabilities of Helm 3.17.3 (Kubernetes v1.32.0).
Capabilities defaultCapabilities();
// chartutil.ParseKubeVersion for --kube-version: "1.31" or "v1.31.2" (a leading
// "v" is optional); errors like Helm's ("invalid kube version \"x\": ...").
Result<KubeVersion> parseKubeVersion(std::string_view text);
// helm template's capabilities: defaults, an optional --kube-version, and the
// extra --api-versions appended.
Result<Capabilities> templateCapabilities(std::string_view kubeVersionFlag,
                                          const std::vector<std::string>& extraApiVersions);

// The chart's Chart.yaml kubeVersion against the capabilities' version:
// "chart requires kubeVersion: >=1.33 which is incompatible with Kubernetes v1.32.0".
Result<void> checkKubeVersion(std::string_view chartKubeVersion, const Capabilities& capabilities);

// The .Capabilities object: .KubeVersion (.Version .Major .Minor .GitVersion,
// prints "v1.32.0"), .APIVersions (.Has "apps/v1"), .HelmVersion (.Version ...).
Value capabilitiesObject(std::shared_ptr<const Capabilities> capabilities);

}  // namespace ho::chart
