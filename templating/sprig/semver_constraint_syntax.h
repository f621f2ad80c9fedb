// Masterminds/semver v3.3's constraint grammar, matched by hand with the
// results of its regular expressions (Go regexp, leftmost-first):
//   version  v?([0-9|x|X|\*]+)(\.[0-9|x|X|\*]+)?(\.[0-9|x|X|\*]+)?(-IDENTS)?(\+IDENTS)?
//            with IDENTS = [0-9A-Za-z\-]+(\.[0-9A-Za-z\-]+)*
//   operator =||!=|>|<|>=|=>|<=|=<|~|~>|\^   (empty included)
// Compiling those patterns was a tenth of a small chart's rendering: every
// chart with a kubeVersion and every semverCompare asks for them. Each
// function runs in time linear in its text.
#pragma once

#include <cstddef>
#include <optional>
#include <string_view>
#include <vector>

namespace ho::tmpl {

// A constraint version's groups.
struct ConstraintVersionSyntax {
  std::string_view whole;
  std::string_view major;
  std::string_view minor;       // with its leading dot, or empty
  std::string_view patch;       // with its leading dot, or empty
  std::string_view prerelease;  // with its leading dash, or empty
};

// ^\s*(operator)\s*(version)\s*$ : one constraint.
struct ConstraintPartSyntax {
  std::string_view op;
  ConstraintVersionSyntax version;
};
std::optional<ConstraintPartSyntax> matchConstraintPart(std::string_view text);

// ^(\s*(operator)\s*(version)\s*)((?:\s+|,\s*)(operator)\s*(version)\s*)*$ :
// constraints joined by commas or spaces.
bool isConstraintList(std::string_view text);

// The successive leftmost matches of (operator)\s*(version) in a text that
// isConstraintList accepts (one per constraint, leading spaces included when
// the operator is empty).
std::vector<std::string_view> findConstraintParts(std::string_view text);

// The leftmost match of \s*(version)\s+-\s+(version)\s* starting at or after
// `from`: the whole match and the two versions.
struct HyphenRangeSyntax {
  std::string_view whole;
  std::string_view low;
  std::string_view high;
};
std::optional<HyphenRangeSyntax> findHyphenRange(std::string_view text, std::size_t from);

}  // namespace ho::tmpl
