// Reading an index in parts on several threads against reading it whole: the
// same model for every way of cutting it, and the whole reading wherever a
// cut could change what the YAML means (a chart named twice, column-0 lines
// among the entries, a quoted scalar cut in two).
#include <gtest/gtest.h>

#include <random>

#include "chart/repo/index_parts.h"
#include "chart/repo/index_stream.h"
#include "index_compare.h"

namespace ho::chart::repo {
namespace {

using testing::expectSameIndex;

std::string chartBlock(const std::string& name, int versions) {
  std::string block = "  " + name + ":\n";
  for (int v = versions; v > 0; --v) {
    block += "  - apiVersion: v2\n    created: \"2024-01-0" + std::to_string(v % 9 + 1) +
             "T00:00:00Z\"\n"
             "    description: |\n      " +
             name +
             " chart\n      second line\n"
             "    digest: abc" +
             std::to_string(v) + "\n    name: " + name + "\n    urls:\n    - " + name + "-" + std::to_string(v) +
             ".0.0.tgz\n    version: " + std::to_string(v) + ".0.0\n";
  }
  return block;
}

std::string blockIndex(int charts) {
  std::string text = "apiVersion: v1\nentries:\n";
  for (int c = 0; c < charts; ++c) text += chartBlock("chart-" + std::to_string(c), 1 + c % 4);
  return text + "generated: \"2024-06-01T00:00:00Z\"\n";
}

TEST(RepoIndexParts, EveryNumberOfPartsReadsWhatTheWholeReadingReads) {
  const SharedText text(blockIndex(40));
  auto whole = streamIndex(text);
  ASSERT_TRUE(whole);
  for (unsigned parts = 1; parts <= 9; ++parts) {
    auto split = streamIndexInParts(text, parts);
    ASSERT_TRUE(split) << parts << " parts";
    EXPECT_EQ(split->entries.size(), 40u);
    expectSameIndex(*split, *whole);
  }
}

TEST(RepoIndexParts, CutsThatCouldChangeTheMeaningAreLeftToTheWholeReading) {
  const std::string head = "apiVersion: v1\nentries:\n";
  const std::string tail = "generated: now\n";
  const std::string a = chartBlock("a", 2), b = chartBlock("b", 2);
  // The same chart in two parts: the later list replaces the earlier one.
  EXPECT_FALSE(streamIndexInParts(SharedText(head + a + b + a + tail), 3));
  // A chart whose value is not a list erases an earlier list of that name.
  EXPECT_FALSE(streamIndexInParts(SharedText(head + a + b + "  a: nothing\n" + tail), 3));
  // A document end among the entries: the whole reading stops there.
  EXPECT_FALSE(streamIndexInParts(SharedText(head + a + "...\n" + b + tail), 2));
  // A quoted scalar whose next line starts at column 0.
  EXPECT_FALSE(streamIndexInParts(
      SharedText(head + a + "  - name: q\n    version: 1.0.0\n    description: \"x\ny\"\n" + b + tail), 2));
  // A sequence at column 0 after the entries.
  EXPECT_FALSE(streamIndexInParts(SharedText(head + a + b + "- item\n"), 2));
  // Not the block layout.
  EXPECT_FALSE(streamIndexInParts(SharedText("apiVersion: v1\nentries: {}\n"), 2));
  EXPECT_FALSE(streamIndexInParts(SharedText("apiVersion: v1\n"), 2));
  // Comments and blank lines anywhere, CRLF line ends and a document start are fine.
  std::string crlf;
  for (char c : head + a + "# a comment\n\n" + b + tail) crlf += c == '\n' ? std::string("\r\n") : std::string(1, c);
  for (const std::string& text : {"---\n" + head + a + "# a comment\n\n  # another\n" + b + tail, crlf}) {
    auto whole = streamIndex(SharedText(text));
    auto split = streamIndexInParts(SharedText(text), 2);
    ASSERT_TRUE(whole && split) << text;
    expectSameIndex(*split, *whole);
  }
}

// Random indexes made of the lines that make cutting hard: whenever the parts
// reading answers, it answers what the whole reading does.
TEST(RepoIndexParts, RandomIndexesReadInPartsAsWhole) {
  std::mt19937 random(20261128);
  const std::vector<std::string> oddities = {
      "# column-0 comment\n",
      "\n",
      "  # indented comment\n",
      "  - name: q\n    version: 1.0.0\n    description: \"first\n  second: "
      "line\"\n",
      "  - name: q\n    version: 1.0.1\n    description: \"first\nsecond\"\n",
      "  - name: q\n    version: 1.0.2\n    keywords: [a,\n  b]\n",
      "  gamma: nothing\n",
      "...\n",
      "  chart-1:\n  - name: chart-1\n    version: 9.9.9\n",
      "    - name: deeper\n      version: 2.0.0\n",
  };
  int readInParts = 0;
  for (int round = 0; round < 400; ++round) {
    std::string text = "apiVersion: v1\nentries:\n";
    const int charts = 2 + static_cast<int>(random() % 12);
    for (int c = 0; c < charts; ++c) {
      text += chartBlock("chart-" + std::to_string(c), 1 + static_cast<int>(random() % 3));
      if (random() % 4 == 0) text += oddities[random() % oddities.size()];
    }
    if (random() % 2) text += "generated: now\n";
    const SharedText shared(text);
    auto whole = streamIndex(shared);
    for (unsigned parts = 2; parts <= 4; ++parts) {
      auto split = streamIndexInParts(shared, parts);
      if (!split) continue;
      ++readInParts;
      ASSERT_TRUE(whole) << "read in parts but not whole:\n" << text;
      expectSameIndex(*split, *whole);
      if (::testing::Test::HasFailure()) FAIL() << parts << " parts of:\n" << text;
    }
  }
  EXPECT_GT(readInParts, 400);  // most cuts are plain: the test does not only see fallbacks
}

}  // namespace
}  // namespace ho::chart::repo
