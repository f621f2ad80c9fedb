// Which HelmRelease a Helm release belongs to, the way Flux v1 marks it: every
// object of the release carries the annotation helm.fluxcd.io/antecedent =
// NAMESPACE:helmrelease/NAME. A release whose objects name another
// HelmRelease is not ours; one whose objects name none was made outside the
// operator (the helm CLI) and may be adopted, after which it is annotated.
#pragma once

#include <string>
#include <string_view>

#include "controller/action/actions.h"
#include "controller/release/release.h"
#include "core/error.h"

namespace ho::controller {

inline constexpr std::string_view kAntecedentAnnotation = "helm.fluxcd.io/antecedent";

struct ReleaseOwnership {
  enum class Owner { ThisHelmRelease, Nobody, Another };
  Owner owner = Owner::Nobody;
  std::string antecedent;  // the annotation value that decided it ("" for Nobody)
};

// Reads the annotation from the live objects of `release` (absent objects are
// skipped). Any object naming another HelmRelease makes the release Another's;
// otherwise any naming `antecedent` makes it ours; otherwise it is Nobody's.
Result<ReleaseOwnership> releaseOwnership(ActionContext& context, const Release& release,
                                          const std::string& antecedent);

// Sets the annotation to `antecedent` on every object of `release`. Objects
// that could not be annotated are named in the error (after trying them all).
Result<void> annotateReleaseObjects(ActionContext& context, const Release& release, const std::string& antecedent);

}  // namespace ho::controller
