// gobwas/glob (Files.Glob), filepath.Match and .helmignore rules.
#include "chart/glob.h"

#include <gtest/gtest.h>

#include "chart/helmignore.h"

namespace ho::chart {
namespace {

TEST(Glob, StarStopsAtSlashDoubleStarDoesNot) {
  EXPECT_TRUE(globMatch("files/*", "files/a.txt"));
  EXPECT_FALSE(globMatch("files/*", "files/sub/a.txt"));
  EXPECT_TRUE(globMatch("files/**", "files/sub/a.txt"));
  EXPECT_TRUE(globMatch("**.yaml", "a/b/c.yaml"));
  EXPECT_FALSE(globMatch("*.yaml", "a/c.yaml"));
}

TEST(Glob, ClassesAlternativesAndEscapes) {
  EXPECT_TRUE(globMatch("f?le[0-9].{txt,md}", "file1.md"));
  EXPECT_FALSE(globMatch("f?le[!0-9].txt", "file1.txt"));
  EXPECT_TRUE(globMatch("a\\*b", "a*b"));
  EXPECT_FALSE(globMatch("a\\*b", "axb"));
  EXPECT_TRUE(globMatch("{conf/**,*.ini}", "conf/x/y"));
  EXPECT_FALSE(isValidGlob("files/[a"));
  EXPECT_FALSE(isValidGlob("{a,b"));
  EXPECT_TRUE(isValidGlob("files/*"));
}

TEST(PathMatch, GoFilepathMatch) {
  EXPECT_TRUE(*pathMatch("templates/*.yaml", "templates/x.yaml"));
  EXPECT_FALSE(*pathMatch("templates/*", "templates/a/b.yaml"));
  EXPECT_TRUE(*pathMatch("[^a]bc", "xbc"));
  EXPECT_TRUE(*pathMatch("*", ".hidden"));
  EXPECT_FALSE(pathMatch("[", "a").ok());
  EXPECT_FALSE(pathMatch("a[", "b").ok());
}

IgnoreRules rules(const std::string& text) {
  auto parsed = IgnoreRules::parse(text);
  EXPECT_TRUE(parsed.ok());
  IgnoreRules r = *parsed;
  r.addDefaults();
  return r;
}

TEST(HelmIgnore, BasenameRulesMatchAnywhere) {
  auto r = rules("# comment\n*.tmp\n\n.git/\n/top.txt\ndocs/*.md\n");
  EXPECT_TRUE(r.ignored("a/b/x.tmp", false));
  EXPECT_TRUE(r.ignored(".git", true));
  EXPECT_FALSE(r.ignored(".git", false));
  EXPECT_TRUE(r.ignored("top.txt", false));
  EXPECT_FALSE(r.ignored("sub/top.txt", false));
  EXPECT_TRUE(r.ignored("docs/a.md", false));
  EXPECT_FALSE(r.ignored("x/docs/a.md", false));
}

TEST(HelmIgnore, DefaultsIgnoreDotfilesInTemplates) {
  auto r = rules("");
  EXPECT_TRUE(r.ignored("templates/.swp", false));
  EXPECT_FALSE(r.ignored("templates/x.yaml", false));
  EXPECT_FALSE(r.ignored(".helmignore", false));
}

TEST(HelmIgnore, NegationIgnoresEverythingElse) {
  // Helm's quirk: a "!pattern" rule ignores every path it does not match.
  auto r = rules("!keep.txt\n");
  EXPECT_FALSE(r.ignored("keep.txt", false));
  EXPECT_TRUE(r.ignored("other.txt", false));
}

TEST(HelmIgnore, DoubleStarIsRejected) {
  EXPECT_EQ(IgnoreRules::parse("a/**/b\n").error().message, "double-star (**) syntax is not supported");
}

}  // namespace
}  // namespace ho::chart
