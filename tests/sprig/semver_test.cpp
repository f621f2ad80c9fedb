// Masterminds/semver rules through sprig's semver and semverCompare;
// expected values are what Helm 3.17.3 prints.
#include <gtest/gtest.h>
#include <re2/re2.h>

#include <random>

#include "templating/sprig/semver.h"
#include "tests/sprig/sprig_call.h"

namespace ho::tmpl {
namespace {

using namespace ho::tmpl::testing;

bool satisfies(std::string_view constraint, std::string_view version) {
  auto c = SemverConstraints::parse(constraint);
  auto v = parseSemVersion(version);
  EXPECT_TRUE(c.ok()) << constraint;
  EXPECT_TRUE(v.ok()) << version;
  return c.ok() && v.ok() && c->check(*v);
}

TEST(Semver, ConstraintOperators) {
  EXPECT_TRUE(satisfies("^1.2.3", "1.9.0"));
  EXPECT_FALSE(satisfies("~1.2.3", "1.3.0"));
  EXPECT_TRUE(satisfies("1.2.x", "1.2.9"));
  EXPECT_TRUE(satisfies("*", "5.0.0"));
  EXPECT_TRUE(satisfies("1.2 - 1.4.5", "1.4.5"));
  EXPECT_FALSE(satisfies("<1.0 || >=2.0", "1.5.0"));
  EXPECT_TRUE(satisfies(">1.0, <2.0", "1.5.0"));
  EXPECT_FALSE(satisfies("!=1.2.3", "1.2.3"));
  EXPECT_TRUE(satisfies(">= 1.2.3 < 2", "1.5.0"));
  EXPECT_TRUE(satisfies("^0.2.3", "0.2.9"));
  EXPECT_FALSE(satisfies("^0.0.3", "0.0.4"));
  EXPECT_TRUE(satisfies(">1.2.x", "1.3.0"));
  EXPECT_TRUE(satisfies("<=1.2.x", "1.2.9"));
  EXPECT_TRUE(satisfies("~1", "1.9.0"));
  EXPECT_TRUE(satisfies("=1.2", "1.2.5"));
  EXPECT_TRUE(satisfies(">=1.2.3", "1.2.3+meta"));
  EXPECT_TRUE(satisfies("1.2.3", "v1.2.3"));
}

TEST(Semver, PrereleasesNeedAPrereleaseConstraint) {
  EXPECT_TRUE(satisfies(">=1.21-0", "v1.31.0-gke.1"));
  EXPECT_FALSE(satisfies(">=1.21", "v1.31.0-gke.1"));
  EXPECT_FALSE(satisfies(">=1.21-0", "1.20.5"));
  EXPECT_TRUE(satisfies("<1.2.3-beta", "1.2.3-alpha"));
  EXPECT_FALSE(satisfies("x", "0.0.1-pre"));
  EXPECT_TRUE(satisfies(">=1.0.0-0", "1.0.0-alpha"));
}

TEST(Semver, ImproperConstraintsAndVersions) {
  EXPECT_EQ(SemverConstraints::parse("bad").error().message, "improper constraint: bad");
  EXPECT_EQ(SemverConstraints::parse("").error().message, "improper constraint: ");
  EXPECT_EQ(SemverConstraints::parse(">=1.0 <=").error().message, "improper constraint: >=1.0 <=");
  EXPECT_EQ(SemverConstraints::parse(">=1.0 || ").error().message, "improper constraint:  ");
  EXPECT_EQ(parseSemVersion("bad").error().message, "Invalid Semantic Version");
  EXPECT_EQ(parseSemVersion("1.0.0-01").error().message, "Version segment starts with 0");
  EXPECT_EQ(parseSemVersion("99999999999999999999.0.0").error().message,
            "Error parsing version segment: strconv.ParseUint: parsing \"99999999999999999999\": value out of range");
  EXPECT_EQ(parseSemVersion("1.2.03")->toString(), "1.2.3");
  EXPECT_EQ(parseSemVersion("1")->toString(), "1.0.0");
}

TEST(Semver, FunctionsAndVersionObject) {
  FunctionTable table;
  registerSemverFunctions(table);
  Value v = callFunction(table, "semver", {goStr("v1.2.3-rc.1+build.5")});
  EXPECT_EQ(v.typeName(), "*semver.Version");
  EXPECT_EQ(v.kindName(), "ptr");
  EXPECT_EQ(v.asObject().format(), "1.2.3-rc.1+build.5");
  EXPECT_EQ(v.asObject().field("Major")->asUint(), 1u);
  EXPECT_EQ(v.asObject().field("Minor")->typeName(), "uint64");
  EXPECT_EQ(v.asObject().field("Prerelease")->asString(), "rc.1");
  EXPECT_EQ(v.asObject().field("Metadata")->asString(), "build.5");
  EXPECT_EQ(v.asObject().field("Original")->asString(), "v1.2.3-rc.1+build.5");
  EXPECT_EQ(v.asObject().toData().asString(), "1.2.3-rc.1+build.5");

  Value a = callFunction(table, "semver", {goStr("1.2.3")});
  Value b = callFunction(table, "semver", {goStr("1.3")});
  const Value other[] = {b};
  EXPECT_TRUE(a.asObject().callMethod("LessThan", other).asBool());
  EXPECT_EQ(a.asObject().callMethod("Compare", other).asInt(), -1);

  EXPECT_TRUE(callFunction(table, "semverCompare", {goStr(">=1.21-0"), goStr("v1.31.0-gke.1")}).asBool());
  EXPECT_EQ(callFailure(table, "semverCompare", {goStr("bad"), goStr("1.0.0")}), "improper constraint: bad");
  EXPECT_EQ(callFailure(table, "semverCompare", {goStr(">=1.0"), goStr("bad")}), "Invalid Semantic Version");
}

// Versions are matched by hand; Masterminds/semver's own pattern decides the
// same on random strings over the characters that matter.
TEST(Semver, VersionSyntaxMatchesMastermindsPattern) {
  static const RE2 pattern(
      R"(v?([0-9]+)(\.[0-9]+)?(\.[0-9]+)?(-([0-9A-Za-z\-]+(\.[0-9A-Za-z\-]+)*))?(\+([0-9A-Za-z\-]+(\.[0-9A-Za-z\-]+)*))?)");
  constexpr std::string_view kAlphabet = "v0129..--++aZ_ \xC3";
  std::mt19937 random(7);
  for (int round = 0; round < 50000; ++round) {
    std::string text;
    for (int n = static_cast<int>(random() % 12); n > 0; --n) text += kAlphabet[random() % kAlphabet.size()];
    std::string major, minor, patch, prerelease, metadata;
    const bool matches = RE2::FullMatch(text, pattern, &major, &minor, &patch, nullptr, &prerelease, nullptr, nullptr,
                                        &metadata);
    auto parsed = parseSemVersion(text);
    if (!matches) {
      ASSERT_FALSE(parsed.ok()) << text;
      EXPECT_EQ(parsed.error().message, "Invalid Semantic Version") << text;
      continue;
    }
    if (!parsed.ok()) {
      EXPECT_NE(parsed.error().message, "Invalid Semantic Version") << text;
      continue;
    }
    EXPECT_EQ(std::to_string(parsed->major), std::to_string(std::stoull(major))) << text;
    EXPECT_EQ(parsed->minor, minor.empty() ? 0 : std::stoull(minor.substr(1))) << text;
    EXPECT_EQ(parsed->patch, patch.empty() ? 0 : std::stoull(patch.substr(1))) << text;
    EXPECT_EQ(parsed->prerelease, prerelease) << text;
    EXPECT_EQ(parsed->metadata, metadata) << text;
  }
}

}  // namespace
}  // namespace ho::tmpl
