// Drift detection (spec.driftDetection): how the live objects of a deployed
// release differ from its manifest. The comparison is field-level and one-way:
// every field the manifest sets must have an equal live value, so what the
// server adds or defaults is never drift. Nulls and zero values the server
// omits (false, 0, "", {}, []) match an absent field, and an empty string
// outside data/labels/annotations maps is unset (the server may default it); lists are compared item
// by item as the manifest gives them (a missing or extra item is drift);
// numbers compare by value and a quantity ("500m", "1Gi") equals the number or
// quantity of the same value; a Secret's stringData is compared with its
// decoded data; status is never compared. An object that no longer exists is
// drift as a whole. Ignore rules remove JSON pointers (and all below them)
// from the comparison of the objects their target matches.
#pragma once

#include <cstdint>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <vector>

#include "controller/action/actions.h"
#include "controller/action/manifest_objects.h"
#include "controller/action/patch_target.h"
#include "controller/helmrelease/helm_release.h"
#include "controller/release/release.h"
#include "core/error.h"

namespace ho::controller {

// One drifted field of an object, named by a JSON pointer (RFC 6901) into it.
struct FieldDrift {
  enum class Change : std::uint8_t {
    Differs,      // both have the field, with different values
    MissingLive,  // the manifest sets it, the live object lacks it
    ExtraLive,    // a list item the live object has beyond the manifest's
  };
  std::string pointer;
  Change change = Change::Differs;
  bool operator==(const FieldDrift&) const = default;
};

// The drift of one object of the release: gone from the cluster, or drifted fields.
struct ObjectDrift {
  ManifestObject object;  // as the release manifest has it
  bool missing = false;
  std::vector<FieldDrift> fields;

  // "Deployment/default/web" ("ClusterRole/admin" for cluster-scoped kinds).
  std::string name() const;
};

// The fields of `manifest` that `live` does not match (object keys in sorted order);
// `ignored` pointers (and what is below them) are skipped.
std::vector<FieldDrift> compareObject(const nlohmann::json& manifest, const nlohmann::json& live,
                                      const std::vector<std::string>& ignored = {});

// spec.driftDetection.ignore ready to match objects: targets select as
// post-renderer patch targets do (anchored regular expressions, label and
// annotation selectors; empty fields match all).
class DriftIgnoreRules {
 public:
  // Errors name the rule's field, e.g. `spec.driftDetection.ignore[0].target.name: missing ): (`.
  // `rules` must outlive the result.
  static Result<DriftIgnoreRules> compile(const std::vector<DriftIgnoreRule>& rules);

  // The paths of every rule that applies to `object` of a release in `releaseNamespace`.
  std::vector<std::string> pointersFor(const ManifestObject& object, const std::string& releaseNamespace) const;

 private:
  struct Rule {
    const std::vector<std::string>* paths;
    std::optional<PatchTargetMatcher> target;
  };
  std::vector<Rule> rules_;
};

// Reads each object of `deployed`'s manifest (one GET each) and compares it;
// only objects with drift are returned.
Result<std::vector<ObjectDrift>> detectDrift(ActionContext& context, const Release& deployed,
                                             const DriftIgnoreRules& rules);

// One "Kind/namespace/name: /json/pointer" entry per drifted field, or
// "Kind/namespace/name: (missing)" for an object that no longer exists.
std::vector<std::string> describeDrift(const std::vector<ObjectDrift>& drift);

}  // namespace ho::controller
