// .Capabilities as `helm template` 3.17.3 builds it (no cluster): Kubernetes
// v1.32.0, the client-go scheme's API versions, Helm's build info.
#include "chart/capabilities.h"

#include "chart/string_values.h"
#include "chart/version_constraint.h"
#include "templating/go_format.h"

namespace ho::chart {
namespace {

// scheme.Scheme.PrioritizedVersionsAllGroups() of Helm 3.17.3 (client-go v0.32), in its order.
const char* const kDefaultApiVersions[] = {
    "v1",
    "admissionregistration.k8s.io/v1",
    "admissionregistration.k8s.io/v1alpha1",
    "admissionregistration.k8s.io/v1beta1",
    "internal.apiserver.k8s.io/v1alpha1",
    "apps/v1",
    "apps/v1beta1",
    "apps/v1beta2",
    "authentication.k8s.io/v1",
    "authentication.k8s.io/v1alpha1",
    "authentication.k8s.io/v1beta1",
    "authorization.k8s.io/v1",
    "authorization.k8s.io/v1beta1",
    "autoscaling/v1",
    "autoscaling/v2",
    "autoscaling/v2beta1",
    "autoscaling/v2beta2",
    "batch/v1",
    "batch/v1beta1",
    "certificates.k8s.io/v1",
    "certificates.k8s.io/v1beta1",
    "certificates.k8s.io/v1alpha1",
    "coordination.k8s.io/v1alpha2",
    "coordination.k8s.io/v1beta1",
    "coordination.k8s.io/v1",
    "discovery.k8s.io/v1",
    "discovery.k8s.io/v1beta1",
    "events.k8s.io/v1",
    "events.k8s.io/v1beta1",
    "extensions/v1beta1",
    "flowcontrol.apiserver.k8s.io/v1",
    "flowcontrol.apiserver.k8s.io/v1beta1",
    "flowcontrol.apiserver.k8s.io/v1beta2",
    "flowcontrol.apiserver.k8s.io/v1beta3",
    "networking.k8s.io/v1",
    "networking.k8s.io/v1alpha1",
    "networking.k8s.io/v1beta1",
    "node.k8s.io/v1",
    "node.k8s.io/v1alpha1",
    "node.k8s.io/v1beta1",
    "policy/v1",
    "policy/v1beta1",
    "rbac.authorization.k8s.io/v1",
    "rbac.authorization.k8s.io/v1beta1",
    "rbac.authorization.k8s.io/v1alpha1",
    "resource.k8s.io/v1beta1",
    "resource.k8s.io/v1alpha3",
    "scheduling.k8s.io/v1alpha1",
    "scheduling.k8s.io/v1beta1",
    "scheduling.k8s.io/v1",
    "storage.k8s.io/v1beta1",
    "storage.k8s.io/v1",
    "storage.k8s.io/v1alpha1",
    "storagemigration.k8s.io/v1alpha1",
    "apiextensions.k8s.io/v1beta1",
    "apiextensions.k8s.io/v1",
};

struct HelmBuildInfo {
  const char* version = "v3.17.3";
  const char* gitCommit = "e4da49785aa6e6ee2b86efd5dd9e43400318262b";
  const char* gitTreeState = "clean";
  const char* goVersion = "go1.23.7";
};

class KubeVersionObject : public Object {
 public:
  explicit KubeVersionObject(KubeVersion v) : v_(std::move(v)) {}
  std::string typeName() const override { return "chartutil.KubeVersion"; }
  std::string kindName() const override { return "struct"; }
  std::optional<Value> field(std::string_view name) const override {
    if (name == "Version" || name == "GitVersion" || name == "String") return Value::string(v_.version);
    if (name == "Major") return Value::string(v_.major);
    if (name == "Minor") return Value::string(v_.minor);
    return std::nullopt;
  }
  std::string format() const override { return v_.version; }  // String() on the addressable field
  Value toData() const override {
    return Value::map(Map{{"Version", Value::string(v_.version)},
                          {"Major", Value::string(v_.major)},
                          {"Minor", Value::string(v_.minor)}});
  }

 private:
  KubeVersion v_;
};

class VersionSetObject : public Object {
 public:
  explicit VersionSetObject(std::vector<std::string> versions) : versions_(std::move(versions)) {}
  std::string typeName() const override { return "chartutil.VersionSet"; }
  std::string kindName() const override { return "slice"; }
  std::optional<Value> field(std::string_view) const override { return std::nullopt; }
  bool hasMethod(std::string_view name) const override { return name == "Has"; }
  Value callMethod(std::string_view name, std::span<const Value> args) const override {
    if (name != "Has") return Object::callMethod(name, args);
    if (args.size() != 1) {
      throw Failure("wrong number of args for Has: want 1 got " + std::to_string(args.size()));
    }
    if (!args[0].isString()) {
      throw Failure("wrong type for value; expected string; got " + args[0].typeName());
    }
    for (const auto& v : versions_) {
      if (v == args[0].asString()) return Value::boolean(true);
    }
    return Value::boolean(false);
  }
  std::string format() const override { return tmpl::formatValue(stringListValue(versions_)); }
  bool truthy() const override { return !versions_.empty(); }
  Value toData() const override { return stringListValue(versions_); }
  std::optional<Value> contents() const override { return stringListValue(versions_); }

 private:
  std::vector<std::string> versions_;
};

class HelmVersionObject : public Object {
 public:
  std::string typeName() const override { return "version.BuildInfo"; }
  std::string kindName() const override { return "struct"; }
  std::optional<Value> field(std::string_view name) const override {
    HelmBuildInfo info;
    if (name == "Version") return Value::string(info.version);
    if (name == "GitCommit") return Value::string(info.gitCommit);
    if (name == "GitTreeState") return Value::string(info.gitTreeState);
    if (name == "GoVersion") return Value::string(info.goVersion);
    return std::nullopt;
  }
  std::string format() const override {
    HelmBuildInfo info;
    return std::string("{") + info.version + " " + info.gitCommit + " " + info.gitTreeState + " " + info.goVersion +
           "}";
  }
  Value toData() const override {
    HelmBuildInfo info;
    return Value::map(Map{{"version", Value::string(info.version)},
                          {"git_commit", Value::string(info.gitCommit)},
                          {"git_tree_state", Value::string(info.gitTreeState)},
                          {"go_version", Value::string(info.goVersion)}});
  }
};

class CapabilitiesObject : public Object {
 public:
  explicit CapabilitiesObject(std::shared_ptr<const Capabilities> caps) : caps_(std::move(caps)) {}
  std::string typeName() const override { return "*chartutil.Capabilities"; }
  std::optional<Value> field(std::string_view name) const override {
    if (name == "KubeVersion") return Value::object(std::make_shared<KubeVersionObject>(caps_->kubeVersion));
    if (name == "APIVersions") return Value::object(std::make_shared<VersionSetObject>(caps_->apiVersions));
    if (name == "HelmVersion") return Value::object(std::make_shared<HelmVersionObject>());
    return std::nullopt;
  }
  std::string format() const override {
    const KubeVersion& kv = caps_->kubeVersion;
    return "{{" + kv.version + " " + kv.major + " " + kv.minor + "} " +
           tmpl::formatValue(stringListValue(caps_->apiVersions)) + " " + HelmVersionObject().format() + "}";
  }
  Value toData() const override {
    return Value::map(Map{{"KubeVersion", KubeVersionObject(caps_->kubeVersion).toData()},
                          {"APIVersions", stringListValue(caps_->apiVersions)},
                          {"HelmVersion", HelmVersionObject().toData()}});
  }

 private:
  std::shared_ptr<const Capabilities> caps_;
};

}  // namespace

Capabilities defaultCapabilities() {
  Capabilities caps;
  caps.kubeVersion = KubeVersion{"v1.32.0", "1", "32"};
  caps.apiVersions.assign(std::begin(kDefaultApiVersions), std::end(kDefaultApiVersions));
  return caps;
}

Result<KubeVersion> parseKubeVersion(std::string_view text) {
  auto parsed = parseSemver(text);
  if (!parsed) return Error{"invalid kube version '" + std::string(text) + "': " + parsed.error().message};
  return KubeVersion{"v" + parsed->toString(), std::to_string(parsed->major), std::to_string(parsed->minor)};
}

Result<Capabilities> templateCapabilities(std::string_view kubeVersionFlag,
                                          const std::vector<std::string>& extraApiVersions) {
  Capabilities caps = defaultCapabilities();
  if (!kubeVersionFlag.empty()) {
    auto kv = parseKubeVersion(kubeVersionFlag);
    if (!kv) return kv.error();
    caps.kubeVersion = *kv;
  }
  caps.apiVersions.insert(caps.apiVersions.end(), extraApiVersions.begin(), extraApiVersions.end());
  return caps;
}

Result<void> checkKubeVersion(std::string_view chartKubeVersion, const Capabilities& capabilities) {
  if (chartKubeVersion.empty()) return {};
  if (isCompatibleRange(chartKubeVersion, capabilities.kubeVersion.version)) return {};
  return Error{"chart requires kubeVersion: " + std::string(chartKubeVersion) +
               " which is incompatible with Kubernetes " + capabilities.kubeVersion.version};
}

Value capabilitiesObject(std::shared_ptr<const Capabilities> capabilities) {
  return Value::object(std::make_shared<CapabilitiesObject>(std::move(capabilities)));
}

}  // namespace ho::chart
