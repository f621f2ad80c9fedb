// FlagSet: command-line flags parsed the way Helm's commands (spf13/pflag
// under cobra) parse them: --name VALUE, --name=VALUE, -n VALUE, -nVALUE,
// -n=VALUE, grouped boolean shorthands (-ab), positional arguments anywhere,
// "--" ending the flags, and pflag's error messages ("unknown flag: --foo",
// "flag needs an argument: 'n' in -n", ...). `template` parses with one
// (declaring a CLI11 option cost more than rendering a small chart), and
// declareOn() hands the same declarations to the commands that use CLI11.
#pragma once

#include <CLI/CLI.hpp>
#include <span>
#include <string>
#include <string_view>
#include <variant>
#include <vector>

#include "core/error.h"

namespace ho::cli {

// What parse() found besides the flags it set.
struct ParsedArgs {
  std::vector<std::string> positional;  // in order, with everything after "--"
};

class FlagSet {
 public:
  // `names` is "name" or "x,name" (a one-letter shorthand first); `help` is
  // the usage line.
  void addString(std::string_view names, std::string& target, std::string help);
  // Repeatable; each value taken whole (pflag's stringArray: --set).
  void addStringArray(std::string_view names, std::vector<std::string>& target, std::string help);
  // Repeatable; each value split as one CSV record (pflag's stringSlice: -f a.yaml,b.yaml).
  void addStringSlice(std::string_view names, std::vector<std::string>& target, std::string help);
  // Set by --name alone or --name=BOOL (strconv.ParseBool's spellings).
  void addBool(std::string_view names, bool& target, std::string help);

  // Sets the flags `args` name and returns the other arguments, or pflag's
  // error for the first bad one.
  Result<ParsedArgs> parse(std::span<const std::string> args) const;

  // The "Flags:" block of cobra's usage: one aligned line per flag.
  std::string usage() const;

  // Declares every flag on a CLI11 command, bound to the same targets.
  void declareOn(CLI::App& app) const;

 private:
  enum class Kind { String, StringArray, StringSlice, Bool };
  struct Flag {
    std::string name;
    char shorthand = 0;  // 0: none
    Kind kind;
    std::variant<std::string*, std::vector<std::string>*, bool*> target;
    std::string help;
  };

  void add(std::string_view names, Kind kind, decltype(Flag::target) target, std::string help);
  const Flag* findLong(std::string_view name) const;
  const Flag* findShort(char shorthand) const;
  // Stores `value` into `flag`'s target; pflag's "invalid argument" error otherwise.
  Result<void> set(const Flag& flag, std::string_view value) const;

  std::vector<Flag> flags_;
};

}  // namespace ho::cli
