// Parses a HelmRelease API object into the model, refusing what the operator
// cannot act on (no usable chart source, Helm 2, malformed fields) with an
// error that names the field.
#include <string>

#include "controller/helmrelease/field_reader.h"
#include "controller/helmrelease/helm_release.h"
#include "controller/helmrelease/json_value.h"

namespace ho::controller {
namespace {

ChartSource parseChart(const FieldReader& chart) {
  ChartSource source;
  source.repository = chart.string("repository");
  source.name = chart.string("name");
  source.version = chart.string("version");
  if (const auto pullSecret = chart.object("chartPullSecret")) {
    source.chartPullSecret = LocalObjectReference{pullSecret->requiredString("name")};
  }
  source.git = chart.string("git");
  source.ref = chart.string("ref");
  source.path = chart.string("path");
  if (const auto secret = chart.object("secretRef")) {
    source.secretRef = ObjectReference{secret->requiredString("name"), secret->string("namespace")};
  }
  source.skipDepUpdate = chart.boolean("skipDepUpdate");

  // Like Flux v1, a Git source wins when both are given.
  if (!source.git.empty() && !source.path.empty()) {
    source.kind = ChartSourceKind::Git;
  } else if (!source.repository.empty() && !source.name.empty() && !source.version.empty()) {
    source.kind = ChartSourceKind::Repository;
  } else {
    throw Failure(chart.path() + ": one of repository+name+version or git+path is required");
  }
  return source;
}

template <class Reference>
Reference parseKeyReference(const FieldReader& entry) {
  Reference reference;
  reference.name = entry.requiredString("name");
  reference.namespace_ = entry.string("namespace");
  reference.key = entry.string("key");
  reference.optional = entry.boolean("optional");
  return reference;
}

ValuesFromSource parseValuesFromEntry(const FieldReader& entry) {
  constexpr const char* kKinds = "configMapKeyRef, secretKeyRef, externalSourceRef or chartFileRef";
  const int present = entry.has("configMapKeyRef") + entry.has("secretKeyRef") + entry.has("externalSourceRef") +
                      entry.has("chartFileRef");
  if (present != 1) throw Failure(entry.path() + ": expected exactly one of " + std::string(kKinds));
  if (const auto configMap = entry.object("configMapKeyRef")) {
    return parseKeyReference<ConfigMapKeyReference>(*configMap);
  }
  if (const auto secret = entry.object("secretKeyRef")) return parseKeyReference<SecretKeyReference>(*secret);
  if (const auto external = entry.object("externalSourceRef")) {
    return ExternalSourceReference{external->requiredString("url"), external->boolean("optional")};
  }
  const FieldReader chartFile = *entry.object("chartFileRef");
  return ChartFileReference{chartFile.requiredString("path"), chartFile.boolean("optional")};
}

RollbackSpec parseRollback(const FieldReader& rollback) {
  RollbackSpec spec;
  spec.enable = rollback.boolean("enable");
  spec.retry = rollback.boolean("retry");
  spec.maxRetries = rollback.count("maxRetries");
  spec.force = rollback.boolean("force");
  spec.recreate = rollback.boolean("recreate");
  spec.disableHooks = rollback.boolean("disableHooks");
  spec.timeout = rollback.seconds("timeout");
  spec.wait = rollback.boolean("wait");
  return spec;
}

TestSpec parseTest(const FieldReader& test) {
  TestSpec spec;
  spec.enable = test.boolean("enable");
  spec.ignoreFailures = test.optionalBoolean("ignoreFailures");
  spec.timeout = test.seconds("timeout");
  spec.cleanup = test.optionalBoolean("cleanup");
  return spec;
}

// One spec.driftDetection.ignore entry: a non-empty list of JSON pointers and an optional target.
DriftIgnoreRule parseDriftIgnoreRule(const FieldReader& rule) {
  DriftIgnoreRule parsed;
  const nlohmann::json* paths = rule.find("paths");
  if (!paths) rule.fail("paths", "required");
  if (!paths->is_array() || paths->empty()) rule.failExpected("paths", "a non-empty list of JSON pointers", *paths);
  for (std::size_t index = 0; index < paths->size(); ++index) {
    const nlohmann::json& path = (*paths)[index];
    if (!path.is_string() || !path.get<std::string>().starts_with("/")) {
      rule.failExpected("paths[" + std::to_string(index) + "]", "a JSON pointer starting with \"/\"", path);
    }
    parsed.paths.push_back(path.get<std::string>());
  }
  if (const auto target = rule.object("target")) parsed.target = parsePatchTarget(*target);
  return parsed;
}

DriftDetectionSpec parseDriftDetection(const FieldReader& drift) {
  DriftDetectionSpec spec;
  if (drift.has("mode")) spec.mode = drift.string("mode");
  if (spec.mode != "enabled" && spec.mode != "warn" && spec.mode != "disabled") {
    drift.fail("mode", "expected one of enabled, warn or disabled, got \"" + spec.mode + "\"");
  }
  for (const FieldReader& rule : drift.objectList("ignore")) spec.ignore.push_back(parseDriftIgnoreRule(rule));
  return spec;
}

// remediation.retries of spec.install or spec.upgrade; nullopt (no limit) when absent.
std::optional<std::int64_t> parseRetries(const FieldReader& action) {
  const auto remediation = action.object("remediation");
  return remediation ? remediation->count("retries") : std::nullopt;
}

InstallSpec parseInstall(const FieldReader& install) {
  return {install.boolean("createNamespace"), parseRetries(install)};
}

UpgradeSpec parseUpgrade(const FieldReader& upgrade) {
  UpgradeSpec spec;
  spec.retries = parseRetries(upgrade);
  const std::string crds = upgrade.string("crds");
  for (const CrdUpgradePolicy policy :
       {CrdUpgradePolicy::Skip, CrdUpgradePolicy::Create, CrdUpgradePolicy::CreateReplace}) {
    if (crds == crdUpgradePolicyName(policy)) spec.crds = policy;
  }
  if (!crds.empty() && crds != crdUpgradePolicyName(spec.crds)) {
    upgrade.fail("crds", "expected one of Skip, Create or CreateReplace, got \"" + crds + "\"");
  }
  return spec;
}

std::string parseHelmVersion(const FieldReader& spec) {
  std::string version = spec.string("helmVersion");
  if (version == "v2") spec.fail("helmVersion", "v2 is not supported by this operator (Helm 3 only)");
  if (!version.empty() && version != "v3") spec.fail("helmVersion", "expected \"v3\", got \"" + version + "\"");
  return version;
}

HelmReleaseSpec parseSpec(const FieldReader& spec) {
  HelmReleaseSpec parsed;
  const auto chart = spec.object("chart");
  if (!chart) spec.fail("chart", "required");
  parsed.chart = parseChart(*chart);
  parsed.releaseName = spec.string("releaseName");
  parsed.targetNamespace = spec.string("targetNamespace");
  if (const nlohmann::json* values = spec.find("values")) {
    if (!values->is_object()) spec.failExpected("values", "an object", *values);
    parsed.values = valueFromJson(*values);
  }
  for (const FieldReader& entry : spec.objectList("valuesFrom")) {
    parsed.valuesFrom.push_back(parseValuesFromEntry(entry));
  }
  for (const FieldReader& secret : spec.objectList("valueFileSecrets")) {
    parsed.valueFileSecrets.push_back(LocalObjectReference{secret.requiredString("name")});
  }
  parsed.timeout = spec.seconds("timeout");
  parsed.resetValues = spec.optionalBoolean("resetValues");
  parsed.skipCRDs = spec.boolean("skipCRDs");
  parsed.wait = spec.optionalBoolean("wait");
  parsed.forceUpgrade = spec.boolean("forceUpgrade");
  parsed.maxHistory = spec.count("maxHistory");
  if (const auto rollback = spec.object("rollback")) parsed.rollback = parseRollback(*rollback);
  if (const auto test = spec.object("test")) parsed.test = parseTest(*test);
  parsed.helmVersion = parseHelmVersion(spec);
  parsed.disableOpenAPIValidation = spec.boolean("disableOpenAPIValidation");
  parsed.suspend = spec.boolean("suspend");
  for (const FieldReader& dependency : spec.objectList("dependsOn")) {
    parsed.dependsOn.push_back(DependencyReference{dependency.requiredString("name"), dependency.string("namespace")});
  }
  if (const auto drift = spec.object("driftDetection")) parsed.driftDetection = parseDriftDetection(*drift);
  if (const auto install = spec.object("install")) parsed.install = parseInstall(*install);
  if (const auto upgrade = spec.object("upgrade")) parsed.upgrade = parseUpgrade(*upgrade);
  parsed.postRendering = parsePostRenderSpec(spec);
  return parsed;
}

void checkTypeMeta(const FieldReader& object) {
  const std::string apiVersion = object.string("apiVersion");
  if (!apiVersion.empty() && apiVersion != kHelmReleaseApiVersion) {
    object.fail("apiVersion", "expected \"" + std::string(kHelmReleaseApiVersion) + "\", got \"" + apiVersion + "\"");
  }
  const std::string kind = object.string("kind");
  if (!kind.empty() && kind != kHelmReleaseKind) {
    object.fail("kind", "expected \"" + std::string(kHelmReleaseKind) + "\", got \"" + kind + "\"");
  }
}

HelmRelease parseObject(const FieldReader& object) {
  checkTypeMeta(object);
  HelmRelease release;
  const auto metadata = object.object("metadata");
  if (!metadata) object.fail("metadata", "required");
  release.name = metadata->requiredString("name");
  release.namespace_ = metadata->string("namespace");
  release.uid = metadata->string("uid");
  release.resourceVersion = metadata->string("resourceVersion");
  release.generation = metadata->count("generation").value_or(0);
  if (const auto annotations = metadata->object("annotations")) {
    release.requests = {annotations->string(kRequestedAtAnnotation), annotations->string(kForceAtAnnotation),
                        annotations->string(kResetAtAnnotation)};
  }
  const auto spec = object.object("spec");
  if (!spec) object.fail("spec", "required");
  release.spec = parseSpec(*spec);
  if (const nlohmann::json* status = object.find("status")) {
    Result<HelmReleaseStatus> parsed = parseHelmReleaseStatus(*status);
    if (!parsed) throw Failure(parsed.error().message);
    release.status = std::move(parsed).value();
  }
  return release;
}

}  // namespace

Result<HelmRelease> parseHelmRelease(const nlohmann::json& object) {
  if (!object.is_object()) return Error{"expected a HelmRelease object, got " + object.dump()};
  try {
    return parseObject(FieldReader(object, ""));
  } catch (const Failure& failure) {
    return Error{failure.what()};
  }
}

}  // namespace ho::controller
