// What an upgrade would change, object by object, in the style of the
// helm-diff plugin: the two release manifests are matched by object
// (namespace, name, kind, apiVersion) and each added, removed or changed
// object is printed under a header with its YAML lines prefixed "+ ", "- "
// or "  ".
#pragma once

#include <string>
#include <string_view>
#include <vector>

namespace ho::cli {

enum class LineChange : char { Same = ' ', Removed = '-', Added = '+' };

struct DiffLine {
  LineChange change = LineChange::Same;
  std::string text;
};

// A shortest edit script from `before` to `after` (removals before additions
// within a changed run).
std::vector<DiffLine> diffLines(const std::vector<std::string>& before, const std::vector<std::string>& after);

// The report for `current` -> `proposed` (release manifest texts, "---\n#
// Source: ..." documents); objects with no namespace are shown in
// `releaseNamespace`. `context` is the number of unchanged lines kept around
// each change (negative = whole objects), the rest shown as "...".
// Empty when nothing changes.
std::string diffReleaseManifests(std::string_view current, std::string_view proposed,
                                 const std::string& releaseNamespace, int context = -1);

}  // namespace ho::cli
