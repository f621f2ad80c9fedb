// Masterminds/semver constraint checks as Helm applies them.
#include "chart/version_constraint.h"

#include <gtest/gtest.h>

namespace ho::chart {
namespace {

TEST(Semver, LooseVersionsParse) {
  EXPECT_TRUE(isValidSemver("1"));
  EXPECT_TRUE(isValidSemver("1.2"));
  EXPECT_TRUE(isValidSemver("v1.2.3-rc.1+build.5"));
  EXPECT_FALSE(isValidSemver("x"));
  EXPECT_FALSE(isValidSemver("1.2.3.4"));
  EXPECT_FALSE(isValidSemver("1.2.3-01"));
  EXPECT_FALSE(isValidSemver(""));
}

TEST(Semver, ToStringFillsMissingParts) {
  EXPECT_EQ(parseSemver("v1.31")->toString(), "1.31.0");
  EXPECT_EQ(parseSemver("1.31.02")->toString(), "1.31.2");
  EXPECT_EQ(parseSemver("x").error().message, "Invalid Semantic Version");
}

TEST(Semver, CaretTildeAndComparisons) {
  EXPECT_TRUE(isCompatibleRange("^1.2.0", "1.9.0"));
  EXPECT_FALSE(isCompatibleRange("^1.2.0", "2.0.0"));
  EXPECT_TRUE(isCompatibleRange("^0.2.3", "0.2.9"));
  EXPECT_FALSE(isCompatibleRange("^0.2.3", "0.3.0"));
  EXPECT_TRUE(isCompatibleRange("~1.2.3", "1.2.9"));
  EXPECT_FALSE(isCompatibleRange("~1.2.3", "1.3.0"));
  EXPECT_TRUE(isCompatibleRange(">=1.20.0-0", "1.32.0"));
  EXPECT_TRUE(isCompatibleRange(">= 1.2, < 2", "1.5.0"));
  EXPECT_TRUE(isCompatibleRange("<1.0 || >=2.0", "2.1.0"));
  EXPECT_FALSE(isCompatibleRange("<1.0 || >=2.0", "1.1.0"));
  EXPECT_TRUE(isCompatibleRange("1.2 - 1.4.5", "1.4.5"));
  EXPECT_FALSE(isCompatibleRange("1.2 - 1.4.5", "1.4.6"));
  EXPECT_TRUE(isCompatibleRange("1.x", "1.8.0"));
  EXPECT_TRUE(isCompatibleRange("*", "3.0.0"));
  EXPECT_TRUE(isCompatibleRange("0.1.0", "0.1.0"));
  EXPECT_TRUE(isCompatibleRange("!=1.2.3", "1.2.4"));
}

TEST(Semver, PrereleasesNeedAPrereleaseConstraint) {
  EXPECT_FALSE(isCompatibleRange(">=1.20", "1.31.0-gke.100"));
  EXPECT_TRUE(isCompatibleRange(">=1.20-0", "1.31.0-gke.100"));
}

TEST(Semver, EmptyOrBadConstraintNeverMatches) {
  EXPECT_FALSE(isCompatibleRange("", "1.0.0"));
  EXPECT_FALSE(isCompatibleRange("abc", "1.0.0"));
  EXPECT_FALSE(isCompatibleRange("^1", "bad"));
}

}  // namespace
}  // namespace ho::chart
