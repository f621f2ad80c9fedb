// The defaults Flux v1 applies to unset HelmRelease fields (its Get* helpers).
#include "controller/helmrelease/helm_release.h"

namespace ho::controller {

std::string ChartSource::refOrDefault(std::string_view defaultRef) const {
  return ref.empty() ? std::string(defaultRef) : ref;
}

std::string KeyReference::keyOrDefault() const { return key.empty() ? std::string(kDefaultValuesKey) : key; }

std::string KeyReference::namespaceOr(std::string_view helmReleaseNamespace) const {
  return namespace_.empty() ? std::string(helmReleaseNamespace) : namespace_;
}

std::vector<ValuesFromSource> HelmReleaseSpec::valuesFromSources() const {
  std::vector<ValuesFromSource> sources;
  sources.reserve(valueFileSecrets.size() + valuesFrom.size());
  for (const LocalObjectReference& secret : valueFileSecrets) {
    SecretKeyReference reference;
    reference.name = secret.name;
    sources.emplace_back(std::move(reference));
  }
  sources.insert(sources.end(), valuesFrom.begin(), valuesFrom.end());
  return sources;
}

std::string HelmRelease::namespaceOrDefault() const { return namespace_.empty() ? "default" : namespace_; }

std::string HelmRelease::targetNamespace() const {
  return spec.targetNamespace.empty() ? namespaceOrDefault() : spec.targetNamespace;
}

std::string HelmRelease::releaseName() const {
  if (!spec.releaseName.empty()) return spec.releaseName;
  const std::string own = namespaceOrDefault();
  const std::string target = targetNamespace();
  if (own != target) return own + "-" + target + "-" + name;
  return target + "-" + name;
}

std::string HelmRelease::antecedent() const { return namespaceOrDefault() + ":helmrelease/" + name; }

std::string HelmRelease::key() const { return namespaceOrDefault() + "/" + name; }

std::string_view crdUpgradePolicyName(CrdUpgradePolicy policy) {
  switch (policy) {
    case CrdUpgradePolicy::Skip: return "Skip";
    case CrdUpgradePolicy::Create: return "Create";
    case CrdUpgradePolicy::CreateReplace: return "CreateReplace";
  }
  return "";
}

}  // namespace ho::controller
