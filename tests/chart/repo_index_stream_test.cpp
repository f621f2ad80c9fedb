// The streaming index reader against the generic reading of the same index:
// the same model, the same entry fields (parsed from the kept text on demand),
// the same skipped entries; and the generic reading still takes what the
// streaming one does not model (tags, anchors, flow entries).
#include <gtest/gtest.h>

#include "chart/repo/index.h"
#include "chart/repo/index_stream.h"
#include "index_compare.h"

namespace ho::chart::repo {
namespace {

using testing::expectSameIndex;
using testing::yamlOf;

// Helm's block layout with the scalar kinds and oddities a real index holds.
constexpr std::string_view kIndex = R"(apiVersion: v1
entries:
  alpha:
  - apiVersion: v2
    appVersion: 1.10
    created: "2024-05-01T10:00:00.123456789Z"
    description: |
      multi
      line
    digest: 0123abc
    maintainers:
    - email: team@example.com
      name: Team
    name: alpha
    removed: yes
    urls:
    - https://example.com/alpha-1.2.3.tgz
    - alpha-1.2.3.tgz
    version: 1.2.3
  # a comment between entries
  - name: alpha
    version: "2.0.0-rc.1"
    digest:
    urls: []
    keywords: [a, b]
    annotations: {category: "x: y"}
  - name: alpha
    version: not-semver
  - just a string
  beta:
    - name: beta
      version: 0.1.0
      removed: "true"
      urls: [beta-0.1.0.tgz]
  gamma: nothing
  "quoted-name":
  - name: quoted-name
    version: 3.0.0
    created: 2024-01-01
generated: 2024-05-01T10:00:00Z
extra:
  ignored: [1, 2]
)";

TEST(RepoIndexStream, ReadsTheModelTheGenericParseReads) {
  ASSERT_TRUE(streamIndex(SharedText(kIndex)).has_value());
  auto streamed = parseIndex(SharedText(kIndex));
  // An anchor on an unrelated key sends the same index down the generic path.
  auto generic = parseIndex(std::string(kIndex) + "unused: &anchor 1\n");
  ASSERT_TRUE(streamed.ok() && generic.ok());
  expectSameIndex(*streamed, *generic);
  const auto& alpha = streamed->entries.at("alpha");
  ASSERT_EQ(alpha.size(), 2u);
  EXPECT_EQ(alpha[0].version, "2.0.0-rc.1");  // the not-semver entry and the string are skipped
  EXPECT_TRUE(alpha[1].removed);                // yes is a YAML 1.1 bool
  EXPECT_EQ(alpha[1].appVersion, "1.1");        // a float, as Helm's struct decoding spells it
  EXPECT_EQ(entryFields(alpha[1]).find("description")->asString(), "multi\nline\n");
  EXPECT_FALSE(streamed->entries.at("beta")[0].removed);  // the string "true" is no bool
  EXPECT_FALSE(streamed->entries.contains("gamma"));
}

TEST(RepoIndexStream, ByteOrderMarkAndRepeatedChartKeys) {
  const std::string text = "\xEF\xBB\xBF" "apiVersion: v1\nentries:\n  app:\n  - name: app\n    version: 1.0.0\n"
                           "  app:\n  - name: app\n    version: 2.0.0\n    urls: [u]\n";
  auto streamed = parseIndex(text);
  ASSERT_TRUE(streamed.ok()) << streamed.error().message;
  ASSERT_EQ(streamed->entries.at("app").size(), 1u);  // the later key replaces the earlier one
  EXPECT_EQ(streamed->entries.at("app")[0].version, "2.0.0");
  EXPECT_EQ(yamlOf(entryFields(streamed->entries.at("app")[0])), "name: app\nurls:\n- u\nversion: 2.0.0\n");
}

TEST(RepoIndexStream, LeavesWhatItDoesNotModelToTheGenericParse) {
  EXPECT_FALSE(streamIndex(SharedText("apiVersion: v1\nentries: {app: [{name: app, version: 1.0.0}]}\n")));
  EXPECT_FALSE(streamIndex(SharedText("apiVersion: v1\nentries:\n  app:\n  - &e {name: app, version: 1.0.0}\n")));
  EXPECT_FALSE(streamIndex(SharedText("apiVersion: !!str v1\nentries: {}\n")));
  EXPECT_FALSE(streamIndex(SharedText("apiVersion: v1\napiVersion: v2\n")));
  EXPECT_FALSE(streamIndex(SharedText("- not\n- a map\n")));
  EXPECT_FALSE(streamIndex(SharedText("apiVersion: v1\nentries:\n  app:\n  - name: [x]\n    version: 1.0.0\n")));
  EXPECT_FALSE(streamIndex(SharedText("apiVersion: v1\nentries: [\n")));  // a syntax error: the generic words
  auto flow = parseIndex("apiVersion: v1\nentries: {app: [{name: app, version: 1.0.0, urls: [a.tgz]}]}\n");
  ASSERT_TRUE(flow.ok());
  EXPECT_EQ(flow->entries.at("app")[0].urls, std::vector<std::string>{"a.tgz"});
  EXPECT_FALSE(parseIndex("apiVersion: v1\nentries: [\n").ok());
}

}  // namespace
}  // namespace ho::chart::repo
