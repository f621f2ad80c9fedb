// .helmignore rules (Helm's pkg/ignore): gitignore-like patterns matched with
// Go's filepath.Match, "!" negation, trailing "/" for directories only, and the
// default rule that ignores dotfiles under templates/.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "core/error.h"

namespace ho::chart {

class IgnoreRules {
 public:
  // ignore.Parse: one pattern a line; blank lines and "#" comments skipped.
  static Result<IgnoreRules> parse(std::string_view text);
  // ignore.AddDefaults: "templates/.?*".
  void addDefaults();
  // Whether `path` (slash separated, relative to the chart root) is ignored.
  bool ignored(std::string_view path, bool isDirectory) const;

 private:
  struct Rule {
    std::string pattern;
    bool negate = false;
    bool mustBeDir = false;
    bool matchBasename = true;  // no '/' in the pattern: match the last path element
  };
  Result<void> addPattern(std::string_view line);
  std::vector<Rule> rules_;
};

}  // namespace ho::chart
