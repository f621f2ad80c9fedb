// FlagSet parses as spf13/pflag does (the messages are pflag's, checked
// against helm 3.17 by hand and, when .reference/helm is present, by
// TemplateFlags.ErrorsMatchHelm), and `template` uses it.
#include "cli/flag_set.h"

#include <gtest/gtest.h>

#include <cstdlib>
#include <filesystem>
#include <string>
#include <vector>

#include "cli_test_support.h"

namespace ho::cli {
namespace {

struct Targets {
  std::string name;
  std::vector<std::string> files, sets;
  bool crds = false, quiet = false, verbose = false;
};

FlagSet flagsFor(Targets& t) {
  FlagSet set;
  set.addString("n,namespace", t.name, "namespace");
  set.addStringSlice("f,values", t.files, "values files");
  set.addStringArray("set", t.sets, "set values");
  set.addBool("include-crds", t.crds, "include CRDs");
  set.addBool("q,quiet", t.quiet, "quiet");
  set.addBool("v,verbose", t.verbose, "verbose");
  return set;
}

std::string errorOf(const std::vector<std::string>& args) {
  Targets t;
  auto parsed = flagsFor(t).parse(args);
  return parsed ? "" : parsed.error().message;
}

TEST(FlagSet, LongAndShortFormsSetTheirTargets) {
  Targets t;
  auto parsed =
      flagsFor(t).parse(std::vector<std::string>{"rel", "--namespace", "a", "-f", "x.yaml,y.yaml", "chart", "--set",
                                                 "a=1,b=2", "--set=c=3", "-fz.yaml", "-qv", "--include-crds", "-"});
  ASSERT_TRUE(parsed) << parsed.error().message;
  EXPECT_EQ(parsed->positional, (std::vector<std::string>{"rel", "chart", "-"}));
  EXPECT_EQ(t.name, "a");
  EXPECT_EQ(t.files, (std::vector<std::string>{"x.yaml", "y.yaml", "z.yaml"}));
  EXPECT_EQ(t.sets, (std::vector<std::string>{"a=1,b=2", "c=3"}));
  EXPECT_TRUE(t.crds && t.quiet && t.verbose);

  Targets u;
  parsed = flagsFor(u).parse(std::vector<std::string>{"-n=b", "--include-crds=false", "-nc", "--", "--set", "-q"});
  ASSERT_TRUE(parsed) << parsed.error().message;
  EXPECT_EQ(u.name, "c");  // the last one wins
  EXPECT_FALSE(u.crds);
  EXPECT_EQ(parsed->positional, (std::vector<std::string>{"--set", "-q"}));
  EXPECT_TRUE(u.sets.empty());
}

TEST(FlagSet, ValuesMayLookLikeFlags) {
  Targets t;
  auto parsed = flagsFor(t).parse(std::vector<std::string>{"--namespace", "--set", "-n", "-q"});
  ASSERT_TRUE(parsed);
  EXPECT_EQ(t.name, "-q");  // the second -n's value; the first took "--set"
  EXPECT_TRUE(t.sets.empty());
}

TEST(FlagSet, BoolSpellingsAreStrconvParseBools) {
  for (const char* yes : {"1", "t", "T", "TRUE", "true", "True"}) {
    Targets t;
    ASSERT_TRUE(flagsFor(t).parse(std::vector<std::string>{std::string("--include-crds=") + yes}));
    EXPECT_TRUE(t.crds) << yes;
  }
  for (const char* no : {"0", "f", "F", "FALSE", "false", "False"}) {
    Targets t;
    t.crds = true;
    ASSERT_TRUE(flagsFor(t).parse(std::vector<std::string>{std::string("--include-crds=") + no}));
    EXPECT_FALSE(t.crds) << no;
  }
  EXPECT_EQ(errorOf({"--include-crds=yes"}),
            "invalid argument \"yes\" for \"--include-crds\" flag: strconv.ParseBool: parsing \"yes\": invalid syntax");
  EXPECT_EQ(errorOf({"-q=2"}),
            "invalid argument \"2\" for \"-q, --quiet\" flag: strconv.ParseBool: parsing \"2\": invalid syntax");
}

TEST(FlagSet, ErrorsArePflags) {
  EXPECT_EQ(errorOf({"--foo"}), "unknown flag: --foo");
  EXPECT_EQ(errorOf({"--foo=1"}), "unknown flag: --foo");
  EXPECT_EQ(errorOf({"-x"}), "unknown shorthand flag: 'x' in -x");
  EXPECT_EQ(errorOf({"-qx"}), "unknown shorthand flag: 'x' in -x");
  EXPECT_EQ(errorOf({"-n"}), "flag needs an argument: 'n' in -n");
  EXPECT_EQ(errorOf({"-qn"}), "flag needs an argument: 'n' in -n");
  EXPECT_EQ(errorOf({"--namespace"}), "flag needs an argument: --namespace");
  EXPECT_EQ(errorOf({"--=x"}), "bad flag syntax: --=x");
  EXPECT_EQ(errorOf({"---x"}), "bad flag syntax: ---x");
}

TEST(FlagSet, SliceValuesAreOneCsvRecord) {
  auto files = [](const std::string& value) {
    Targets t;
    auto parsed = flagsFor(t).parse(std::vector<std::string>{"-f", value});
    return parsed ? t.files : std::vector<std::string>{"error: " + parsed.error().message};
  };
  EXPECT_EQ(files(""), std::vector<std::string>{});
  EXPECT_EQ(files("a,,b"), (std::vector<std::string>{"a", "", "b"}));
  EXPECT_EQ(files("\"a,b\",c"), (std::vector<std::string>{"a,b", "c"}));
  EXPECT_EQ(files("\"say \"\"hi\"\"\""), (std::vector<std::string>{"say \"hi\""}));
  EXPECT_EQ(files("a,b\nc"), (std::vector<std::string>{"a", "b"}));  // the first record only
  EXPECT_EQ(files("\"a\nb\",c"), (std::vector<std::string>{"a\nb", "c"}));
  EXPECT_EQ(files("a\"b"), std::vector<std::string>{"error: invalid argument \"a\\\"b\" for \"-f, --values\" flag: "
                                                    "parse error on line 1, column 2: bare \" in non-quoted-field"});
  EXPECT_EQ(files("x,\"a\"b"),
            std::vector<std::string>{"error: invalid argument \"x,\\\"a\\\"b\" for \"-f, --values\" flag: "
                                     "parse error on line 1, column 5: extraneous or missing \" in quoted-field"});
  EXPECT_EQ(
      files("\"a\nb\"x"),
      std::vector<std::string>{"error: invalid argument \"\\\"a\\nb\\\"x\" for \"-f, --values\" flag: record on "
                               "line 1; parse error on line 2, column 2: extraneous or missing \" in quoted-field"});
  EXPECT_EQ(files("\"a,b"), std::vector<std::string>{"error: invalid argument \"\\\"a,b\" for \"-f, --values\" flag: "
                                                     "parse error on line 1, column 5: extraneous or missing \" in "
                                                     "quoted-field"});
}

TEST(FlagSet, UsageIsPflagsTable) {
  Targets t;
  EXPECT_EQ(flagsFor(t).usage(),
            "      --include-crds       include CRDs\n"
            "  -n, --namespace string   namespace\n"
            "  -q, --quiet              quiet\n"
            "      --set stringArray    set values\n"
            "  -f, --values strings     values files\n"
            "  -v, --verbose            verbose\n");
}

TEST(FlagSet, DeclaresTheSameFlagsOnCli11) {
  Targets t;
  CLI::App app;
  flagsFor(t).declareOn(app);
  // CLI11's parse(vector) takes the arguments last first.
  app.parse(std::vector<std::string>{"ns", "-n", "c=1", "--set", "a,b", "-f", "--include-crds"});
  EXPECT_EQ(t.name, "ns");
  EXPECT_EQ(t.files, (std::vector<std::string>{"a", "b"}));
  EXPECT_EQ(t.sets, (std::vector<std::string>{"c=1"}));
  EXPECT_TRUE(t.crds);
}

// `template`'s argument errors, word for word against helm 3.17 when it is
// in .reference (skipped otherwise).
TEST(TemplateFlags, ErrorsMatchHelm) {
  const std::filesystem::path helm = std::filesystem::path(HO_SOURCE_DIR) / ".reference/helm";
  if (!std::filesystem::exists(helm)) GTEST_SKIP() << "no reference helm in " << helm;
  testing::ScratchDir dir;
  dir.write("c/Chart.yaml", "apiVersion: v2\nname: c\nversion: 0.1.0\n");
  dir.write("c/templates/x.yaml", "name: {{ .Release.Name }}\n");
  for (const std::string args :
       {"--foo", "-x", "-n", "--namespace", "--include-crds=maybe", "--=x", "-- --namespace", "extra", "extra more",
        "-f a.yaml,b.yaml", "--include-crds false", "-f '\"a\"x'", "-s"}) {
    const auto ours = dir.run(std::string(HO_BINARY) + " template r c " + args);
    const auto theirs = dir.run(helm.string() + " template r c " + args);
    EXPECT_EQ(ours.exitCode, theirs.exitCode) << args;
    EXPECT_EQ(ours.err, theirs.err) << args;
  }
  const auto ours = dir.run(std::string(HO_BINARY) + " template");
  EXPECT_EQ(ours.err,
            "Error: \"helm-operator template\" requires at least 1 argument\n\n"
            "Usage:  helm-operator template [NAME] [CHART] [flags]\n");
  EXPECT_EQ(ours.exitCode, 1);
}

}  // namespace
}  // namespace ho::cli
