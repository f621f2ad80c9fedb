// The hand-written constraint grammar against Masterminds/semver's own regular
// expressions (run by RE2, which shares Go's syntax and leftmost-first
// matches): the same answers and groups on random strings, on random joins of
// the grammar's pieces, and in linear time on long hostile inputs.
#include "templating/sprig/semver_constraint_syntax.h"

#include <gtest/gtest.h>
#include <re2/re2.h>

#include <random>
#include <string>
#include <vector>

namespace ho::tmpl {
namespace {

const std::string kVersion =
    R"(v?([0-9|x|X|\*]+)(\.[0-9|x|X|\*]+)?(\.[0-9|x|X|\*]+)?(-([0-9A-Za-z\-]+(\.[0-9A-Za-z\-]+)*))?(\+([0-9A-Za-z\-]+(\.[0-9A-Za-z\-]+)*))?)";
const std::string kOperators = R"(=||!=|>|<|>=|=>|<=|=<|~|~>|\^)";

const RE2& partPattern() {
  static const RE2 re(R"(^\s*()" + kOperators + R"()\s*()" + kVersion + R"()\s*$)");
  return re;
}
const RE2& findPartPattern() {
  static const RE2 re("(" + kOperators + R"()\s*()" + kVersion + ")");
  return re;
}
const RE2& listPattern() {
  static const RE2 re(R"(^(\s*()" + kOperators + R"()\s*()" + kVersion + R"()\s*)((?:\s+|,\s*)()" + kOperators +
                      R"()\s*()" + kVersion + R"()\s*)*$)");
  return re;
}
const RE2& hyphenPattern() {
  static const RE2 re(R"(\s*()" + kVersion + R"()\s+-\s+()" + kVersion + R"()\s*)");
  return re;
}

std::string_view piece(const re2::StringPiece& group) { return {group.data(), group.size()}; }

// Random texts: characters of the grammar, joins of its pieces, or two joins
// around a hyphen.
std::string randomText(std::mt19937& random) {
  static const std::vector<std::string> kPieces = {
      "1",  "1.2", "1.2.3", "v1", "x", "*", "1.x", "1.2.3-beta.1", "1.0+meta", "2-", "1|2", " ", "  ", "\t", ",",
      ", ", " - ", "-",     ">=", "<", "~", "^",   "!=",           "=>",       "~>", "||",  ".", "+",  "a",  "1.",
  };
  constexpr std::string_view kAlphabet = " \t,|-+.=!<>~^vxX*0123aZ_";
  const auto join = [&](int most) {
    std::string joined;
    for (int n = 1 + static_cast<int>(random() % most); n > 0; --n) joined += kPieces[random() % kPieces.size()];
    return joined;
  };
  switch (random() % 3) {
    case 0: {
      std::string text;
      for (int n = static_cast<int>(random() % 14); n > 0; --n) text += kAlphabet[random() % kAlphabet.size()];
      return text;
    }
    case 1:
      return join(6);
    default:
      return join(3) + (random() % 2 == 0 ? " - " : " \t-  ") + join(3);
  }
}

TEST(SemverConstraintSyntax, AgreesWithMastermindsPatterns) {
  std::mt19937 random(11);
  int valid = 0, ranges = 0;
  for (int round = 0; round < 200000; ++round) {
    const std::string text = randomText(random);

    re2::StringPiece part[7];
    const bool partMatches = partPattern().Match(text, 0, text.size(), RE2::ANCHOR_BOTH, part, 7);
    const auto syntax = matchConstraintPart(text);
    ASSERT_EQ(syntax.has_value(), partMatches) << "part: [" << text << "]";
    if (syntax) {
      EXPECT_EQ(syntax->op, piece(part[1])) << text;
      EXPECT_EQ(syntax->version.whole, piece(part[2])) << text;
      EXPECT_EQ(syntax->version.major, piece(part[3])) << text;
      EXPECT_EQ(syntax->version.minor, piece(part[4])) << text;
      EXPECT_EQ(syntax->version.patch, piece(part[5])) << text;
      EXPECT_EQ(syntax->version.prerelease, piece(part[6])) << text;
    }

    const bool listMatches = RE2::FullMatch(text, listPattern());
    ASSERT_EQ(isConstraintList(text), listMatches) << "list: [" << text << "]";
    if (listMatches) {
      ++valid;
      std::vector<std::string_view> expected;
      re2::StringPiece whole;
      for (std::size_t at = 0;
           at < text.size() && findPartPattern().Match(text, at, text.size(), RE2::UNANCHORED, &whole, 1);) {
        expected.push_back(piece(whole));
        at = static_cast<std::size_t>(whole.data() - text.data()) + std::max<std::size_t>(whole.size(), 1);
      }
      EXPECT_EQ(findConstraintParts(text), expected) << "parts: [" << text << "]";
    }

    const std::size_t from = text.empty() ? 0 : random() % (text.size() + 1);
    re2::StringPiece range[12];
    const bool rangeMatches = hyphenPattern().Match(text, from, text.size(), RE2::UNANCHORED, range, 12);
    const auto found = findHyphenRange(text, from);
    ASSERT_EQ(found.has_value(), rangeMatches) << "range: [" << text << "] from " << from;
    if (found) {
      ++ranges;
      EXPECT_EQ(found->whole.data(), range[0].data()) << text;
      EXPECT_EQ(found->whole, piece(range[0])) << text;
      EXPECT_EQ(found->low, piece(range[1])) << text;
      EXPECT_EQ(found->high, piece(range[11])) << text;
    }
  }
  // The joins reach the interesting cases often enough.
  EXPECT_GT(valid, 10000);
  EXPECT_GT(ranges, 3000);
}

TEST(SemverConstraintSyntax, LongHostileTextsTakeLinearTime) {
  // Every start of these words is a version that runs to the word's end or
  // nearly: a search trying each start in turn would take quadratic time.
  std::string prerelease = "1";
  std::string digits;
  for (int i = 0; i < 200000; ++i) {
    prerelease += "-a.1";
    digits += '1';
  }
  EXPECT_FALSE(findHyphenRange(prerelease + " -x", 0));
  const auto range = findHyphenRange(digits + " - 2", 0);
  ASSERT_TRUE(range);
  EXPECT_EQ(range->low.size(), digits.size());
  EXPECT_FALSE(isConstraintList(prerelease + "!"));
  EXPECT_TRUE(isConstraintList(digits + ", " + digits));
}

}  // namespace
}  // namespace ho::tmpl
