// Semantic versions and version constraints with the rules of
// github.com/Masterminds/semver v3.3 (what sprig's semver/semverCompare and
// Helm's chart version ranges use): lenient versions ("v1.2", "1.2.03"),
// constraints with =, !=, >, <, >=, <=, ~, ^, x/X/* wildcards, hyphen ranges,
// comma/space AND and || OR; prereleases only match constraints that name one
// (hence the ">=1.21-0" idiom).
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "core/error.h"

namespace ho::tmpl {

struct SemVersion {
  std::uint64_t major = 0;
  std::uint64_t minor = 0;
  std::uint64_t patch = 0;
  std::string prerelease;
  std::string metadata;
  std::string original;  // the text it was parsed from

  // "MAJOR.MINOR.PATCH[-PRERELEASE][+METADATA]".
  std::string toString() const;
};

// semver.NewVersion; errors carry the library's messages ("Invalid Semantic Version").
Result<SemVersion> parseSemVersion(std::string_view text);

// -1, 0 or 1 by semver precedence (metadata ignored).
int compareSemVersions(const SemVersion& a, const SemVersion& b);

class SemverConstraints {
 public:
  // semver.NewConstraint; errors read "improper constraint: ...".
  static Result<SemverConstraints> parse(std::string_view text);
  // Constraints.Check: some ||-alternative whose every part accepts `version`.
  bool check(const SemVersion& version) const;

  struct Part {
    std::string op;          // as written: "", "=", "!=", ">", "<", ">=", "=>", "<=", "=<", "~", "~>", "^"
    SemVersion bound;        // wildcards filled with 0
    bool dirty = false;      // some component was a wildcard or missing
    bool minorDirty = false; // the minor (and patch) were wildcards
    bool patchDirty = false; // only the patch was a wildcard
  };

 private:
  std::vector<std::vector<Part>> alternatives_;
};

}  // namespace ho::tmpl
