// Which rendered objects a post-renderer patch applies to, as kustomize's
// resmap Select decides it: group, version, kind, name and namespace are
// regular expressions anchored at both ends (an empty one matches all), the
// label and annotation selectors are Kubernetes label selectors.
#pragma once

#include <memory>
#include <nlohmann/json.hpp>
#include <string>

#include "controller/helmrelease/post_renderer_spec.h"
#include "core/error.h"

namespace re2 {
class RE2;
}

namespace ho::kube {
class LabelSelector;
}

namespace ho::controller {

class PatchTargetMatcher {
 public:
  // Errors name `field` (the patch's field path) and the invalid expression.
  static Result<PatchTargetMatcher> compile(const PatchTarget& target, const std::string& field);
  ~PatchTargetMatcher();
  PatchTargetMatcher(PatchTargetMatcher&&) noexcept;
  PatchTargetMatcher& operator=(PatchTargetMatcher&&) noexcept;

  // An object without metadata.namespace is taken to be in `releaseNamespace`,
  // where Helm creates it (kustomize would say "default").
  bool matches(const nlohmann::json& object, const std::string& releaseNamespace) const;

 private:
  PatchTargetMatcher();
  struct Compiled;
  std::unique_ptr<Compiled> compiled_;
};

// The group and version of an apiVersion: "apps/v1" -> {"apps", "v1"}, "v1" -> {"", "v1"}.
std::pair<std::string, std::string> splitApiVersion(const std::string& apiVersion);

}  // namespace ho::controller
