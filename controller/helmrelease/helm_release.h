// The HelmRelease custom resource (helm.fluxcd.io/v1) as the controller sees
// it: every field of the Flux v1 spec, the defaults Flux v1 applies (as
// accessors, so an unset field stays distinguishable from an explicit one),
// and parsing from the API object with errors that name the field.
#pragma once

#include <array>
#include <cstdint>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <string_view>
#include <variant>
#include <vector>

#include "controller/helmrelease/helm_release_status.h"
#include "controller/helmrelease/post_renderer_spec.h"
#include "core/error.h"
#include "core/value.h"

namespace ho::controller {

inline constexpr std::int64_t kDefaultTimeoutSeconds = 300;
inline constexpr std::int64_t kDefaultMaxHistory = 10;
inline constexpr std::int64_t kDefaultRollbackMaxRetries = 5;
inline constexpr std::string_view kDefaultValuesKey = "values.yaml";

struct LocalObjectReference {
  std::string name;
  bool operator==(const LocalObjectReference&) const = default;
};

struct ObjectReference {
  std::string name;
  std::string namespace_;  // "" = the HelmRelease's namespace
  bool operator==(const ObjectReference&) const = default;
};

enum class ChartSourceKind : std::uint8_t { Repository, Git };

// spec.chart: a Helm repository chart (repository + name + version) or a chart
// in a Git repository (git + ref + path). Flux v1 inlines both sets of fields.
struct ChartSource {
  ChartSourceKind kind = ChartSourceKind::Repository;
  // Helm repository source.
  std::string repository;
  std::string name;
  std::string version;  // a version or a semver range
  std::optional<LocalObjectReference> chartPullSecret;
  // Git source.
  std::string git;
  std::string ref;  // "" = the operator's default ref
  std::string path;
  std::optional<ObjectReference> secretRef;  // username/password for https URLs
  bool skipDepUpdate = false;

  std::string refOrDefault(std::string_view defaultRef) const;
  bool operator==(const ChartSource&) const = default;
};

// valuesFrom entries. ConfigMap and Secret keys share their shape.
struct KeyReference {
  std::string name;
  std::string namespace_;  // "" = the HelmRelease's namespace
  std::string key;         // "" = values.yaml
  bool optional = false;

  std::string keyOrDefault() const;
  std::string namespaceOr(std::string_view helmReleaseNamespace) const;
  bool operator==(const KeyReference&) const = default;
};
struct ConfigMapKeyReference : KeyReference {};
struct SecretKeyReference : KeyReference {};
struct ExternalSourceReference {
  std::string url;
  bool optional = false;
  bool operator==(const ExternalSourceReference&) const = default;
};
struct ChartFileReference {
  std::string path;  // relative to the chart's root
  bool optional = false;
  bool operator==(const ChartFileReference&) const = default;
};
using ValuesFromSource =
    std::variant<ConfigMapKeyReference, SecretKeyReference, ExternalSourceReference, ChartFileReference>;

struct RollbackSpec {
  bool enable = false;
  bool retry = false;
  std::optional<std::int64_t> maxRetries;  // 0 = unlimited
  bool force = false;
  bool recreate = false;
  bool disableHooks = false;
  std::optional<std::int64_t> timeout;  // seconds
  bool wait = false;

  std::int64_t maxRetriesOrDefault() const { return maxRetries.value_or(kDefaultRollbackMaxRetries); }
  std::int64_t timeoutSeconds() const { return timeout.value_or(kDefaultTimeoutSeconds); }
};

struct TestSpec {
  bool enable = false;
  std::optional<bool> ignoreFailures;
  std::optional<std::int64_t> timeout;  // seconds
  std::optional<bool> cleanup;          // Helm 2 only; accepted and ignored

  bool ignoreFailuresOrDefault() const { return ignoreFailures.value_or(false); }
  std::int64_t timeoutSeconds() const { return timeout.value_or(kDefaultTimeoutSeconds); }
  bool cleanupOrDefault() const { return cleanup.value_or(true); }
};

// spec.dependsOn entries (issue 13): HelmReleases that must be released first.
struct DependencyReference {
  std::string name;
  std::string namespace_;  // "" = the HelmRelease's namespace
  bool operator==(const DependencyReference&) const = default;
};

// spec.driftDetection.ignore[] (Flux v2's shape): JSON pointers left out of
// the comparison, in the objects `target` selects (every object without one).
struct DriftIgnoreRule {
  std::vector<std::string> paths;     // each starts with "/"
  std::optional<PatchTarget> target;  // kustomize's selector, as post-renderer patches use it
};

// spec.driftDetection (issue 13): whether live objects are compared with the release.
struct DriftDetectionSpec {
  std::string mode = "disabled";  // enabled | warn | disabled
  std::vector<DriftIgnoreRule> ignore;
};

// spec.install (issue 13): what only a first installation does.
struct InstallSpec {
  bool createNamespace = false;         // create targetNamespace when it is missing (helm --create-namespace)
  std::optional<std::int64_t> retries;  // remediation.retries: failed installs retried; absent = no limit
};

// spec.upgrade.crds: what an upgrade does with the chart's crds/ (Helm itself skips them).
enum class CrdUpgradePolicy : std::uint8_t { Skip, Create, CreateReplace };

// spec.upgrade (issue 13).
struct UpgradeSpec {
  CrdUpgradePolicy crds = CrdUpgradePolicy::Skip;
  std::optional<std::int64_t> retries;  // remediation.retries: failed upgrades retried; absent = no limit
};

struct HelmReleaseSpec {
  ChartSource chart;
  std::string releaseName;      // "" = generated (HelmRelease::releaseName)
  std::string targetNamespace;  // "" = the HelmRelease's namespace
  Value values;                 // a map, or nil when absent
  std::vector<ValuesFromSource> valuesFrom;
  std::vector<LocalObjectReference> valueFileSecrets;  // deprecated
  std::optional<std::int64_t> timeout;                 // seconds
  std::optional<bool> resetValues;
  bool skipCRDs = false;
  std::optional<bool> wait;
  bool forceUpgrade = false;
  std::optional<std::int64_t> maxHistory;  // 0 = unlimited
  RollbackSpec rollback;
  TestSpec test;
  std::string helmVersion;  // "" or "v3" (v2 is refused when parsing)
  bool disableOpenAPIValidation = false;
  bool suspend = false;
  std::vector<DependencyReference> dependsOn;
  std::optional<DriftDetectionSpec> driftDetection;
  InstallSpec install;
  UpgradeSpec upgrade;
  PostRenderSpec postRendering;  // spec.postRenderers and spec.commonMetadata (issue 13)

  std::int64_t timeoutSeconds() const { return timeout.value_or(kDefaultTimeoutSeconds); }
  std::int64_t maxHistoryOrDefault() const { return maxHistory.value_or(kDefaultMaxHistory); }
  // Flux v1 resets values unless resetValues is explicitly false.
  bool reuseValues() const { return resetValues.has_value() && !*resetValues; }
  // Unset wait means "wait when rollbacks or tests are enabled".
  bool waitOrDefault() const { return wait.value_or(rollback.enable || test.enable); }
  // valueFileSecrets (as secretKeyRefs) followed by valuesFrom, the order values are merged in.
  std::vector<ValuesFromSource> valuesFromSources() const;
};

// The reconcile.fluxcd.io annotations (Flux v2's), "" when absent: any value
// not yet recorded in the status is a request to handle once.
inline constexpr std::string_view kRequestedAtAnnotation = "reconcile.fluxcd.io/requestedAt";
inline constexpr std::string_view kForceAtAnnotation = "reconcile.fluxcd.io/forceAt";
inline constexpr std::string_view kResetAtAnnotation = "reconcile.fluxcd.io/resetAt";
inline constexpr std::array kReconcileRequestAnnotations = {kRequestedAtAnnotation, kForceAtAnnotation,
                                                            kResetAtAnnotation};
struct ReconcileRequests {
  std::string requestedAt;  // reconcile now
  std::string forceAt;      // install or upgrade once even when nothing changed
  std::string resetAt;      // forget failure counts (and the Stalled condition)
  bool operator==(const ReconcileRequests&) const = default;
};

struct HelmRelease {
  std::string name;
  std::string namespace_;  // "" when the object had none
  std::string uid;
  std::string resourceVersion;
  std::int64_t generation = 0;
  ReconcileRequests requests;
  HelmReleaseSpec spec;
  HelmReleaseStatus status;

  // metadata.namespace, or "default" when empty.
  std::string namespaceOrDefault() const;
  // spec.targetNamespace, or the HelmRelease's namespace.
  std::string targetNamespace() const;
  // spec.releaseName, or NAMESPACE-NAME (NAMESPACE-TARGETNAMESPACE-NAME when they differ).
  std::string releaseName() const;
  // The helm.fluxcd.io/antecedent annotation value: NAMESPACE:helmrelease/NAME.
  std::string antecedent() const;
  // NAMESPACE/NAME, as work queues and dependsOn messages name it.
  std::string key() const;
};

std::string_view crdUpgradePolicyName(CrdUpgradePolicy policy);

// Reads a HelmRelease API object. Errors name the field path, e.g.
// `spec.timeout: expected an integer number of seconds, got "abc"`.
Result<HelmRelease> parseHelmRelease(const nlohmann::json& object);

}  // namespace ho::controller
