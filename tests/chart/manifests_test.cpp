// Splitting, sorting and printing rendered manifests, expected text from
// `helm template` on the same files.
#include "chart/manifests.h"

#include <gtest/gtest.h>
#include <re2/re2.h>

#include <random>

#include "chart/values.h"

namespace ho::chart {
namespace {

const char* kA = R"(apiVersion: apps/v1
kind: Deployment
metadata:
  name: d
---
# just a comment
---
apiVersion: v1
kind: Service
metadata:
  name: s
---

---
apiVersion: v1
kind: Pod
metadata:
  name: hook1
  annotations:
    helm.sh/hook: test
---
apiVersion: example.com/v1
kind: Zebra
metadata:
  name: z
---
apiVersion: example.com/v1
kind: Apple
metadata:
  name: a
)";

const char* kB = R"(apiVersion: v1
kind: ConfigMap
metadata:
  name: c
  annotations:
    foo: bar
---
apiVersion: batch/v1
kind: Job
metadata:
  name: j
  annotations:
    "helm.sh/hook": pre-install,post-install
    "helm.sh/hook-weight": "5"
---
apiVersion: v1
kind: Secret
metadata:
  name: hs
  annotations:
    "helm.sh/hook": pre-install
---
apiVersion: v1
kind: Secret
metadata:
  name: unknownhook
  annotations:
    "helm.sh/hook": bogus
)";

class ManifestsTest : public ::testing::Test {
 protected:
  void SetUp() override {
    chart_.metadata.name = "m1";
    chart_.files.push_back(
        File{"crds/crd.yaml",
             "apiVersion: apiextensions.k8s.io/v1\nkind: CustomResourceDefinition\nmetadata:\n  name: x\n"});
    chart_.files.push_back(File{"crds/readme.txt", "not a manifest\n"});
    rendered_ = {{"m1/templates/a.yaml", kA},
                 {"m1/templates/b.yaml", kB},
                 {"m1/templates/_helpers.tpl", "kind: Secret\n"},
                 {"m1/templates/NOTES.txt", "notes here\n"},
                 {"m1/templates/empty.yaml", "   \n\n"},
                 {"m1/templates/sub.yml", "kind: ServiceAccount\nmetadata:\n  name: sa\n"}};
    setWarningSink([this](const std::string& m) { warnings_.push_back(m); });
  }
  void TearDown() override {
    setWarningSink([](const std::string&) {});
  }

  Chart chart_;
  std::map<std::string, std::string> rendered_;
  std::vector<std::string> warnings_;
};

TEST_F(ManifestsTest, SortsByKindThenPrintsHooks) {
  auto out = formatTemplateOutput(chart_, rendered_, {});
  ASSERT_TRUE(out.ok()) << out.error().message;
  EXPECT_EQ(*out, R"(---
# Source: m1/templates/sub.yml
kind: ServiceAccount
metadata:
  name: sa
---
# Source: m1/templates/b.yaml
apiVersion: v1
kind: ConfigMap
metadata:
  name: c
  annotations:
    foo: bar
---
# Source: m1/templates/a.yaml
apiVersion: v1
kind: Service
metadata:
  name: s
---
# Source: m1/templates/a.yaml
apiVersion: apps/v1
kind: Deployment
metadata:
  name: d
---
# Source: m1/templates/a.yaml
# just a comment
---
# Source: m1/templates/a.yaml
apiVersion: example.com/v1
kind: Apple
metadata:
  name: a
---
# Source: m1/templates/a.yaml
apiVersion: example.com/v1
kind: Zebra
metadata:
  name: z
---
# Source: m1/templates/b.yaml
apiVersion: v1
kind: Secret
metadata:
  name: hs
  annotations:
    "helm.sh/hook": pre-install
---
# Source: m1/templates/a.yaml
---
apiVersion: v1
kind: Pod
metadata:
  name: hook1
  annotations:
    helm.sh/hook: test
---
# Source: m1/templates/b.yaml
apiVersion: batch/v1
kind: Job
metadata:
  name: j
  annotations:
    "helm.sh/hook": pre-install,post-install
    "helm.sh/hook-weight": "5"
)");
  EXPECT_EQ(warnings_, (std::vector<std::string>{"manifest_sorter.go:190: info: skipping unknown hook: \"bogus\""}));
}

TEST_F(ManifestsTest, IncludeCrdsAndSkipTests) {
  TemplateOutputOptions options;
  options.includeCrds = true;
  options.skipTests = true;
  EXPECT_EQ(*formatTemplateOutput(chart_, rendered_, options), R"(---
# Source: m1/crds/crd.yaml
apiVersion: apiextensions.k8s.io/v1
kind: CustomResourceDefinition
metadata:
  name: x

---
# Source: m1/templates/sub.yml
kind: ServiceAccount
metadata:
  name: sa
---
# Source: m1/templates/b.yaml
apiVersion: v1
kind: ConfigMap
metadata:
  name: c
  annotations:
    foo: bar
---
# Source: m1/templates/a.yaml
apiVersion: v1
kind: Service
metadata:
  name: s
---
# Source: m1/templates/a.yaml
apiVersion: apps/v1
kind: Deployment
metadata:
  name: d
---
# Source: m1/templates/a.yaml
# just a comment
---
# Source: m1/templates/a.yaml
apiVersion: example.com/v1
kind: Apple
metadata:
  name: a
---
# Source: m1/templates/a.yaml
apiVersion: example.com/v1
kind: Zebra
metadata:
  name: z
---
# Source: m1/templates/b.yaml
apiVersion: v1
kind: Secret
metadata:
  name: hs
  annotations:
    "helm.sh/hook": pre-install
---
# Source: m1/templates/b.yaml
apiVersion: batch/v1
kind: Job
metadata:
  name: j
  annotations:
    "helm.sh/hook": pre-install,post-install
    "helm.sh/hook-weight": "5"
)");
}

TEST_F(ManifestsTest, ShowOnlyFiltersByPatternInOrder) {
  TemplateOutputOptions options;
  options.showOnly = {"templates/*.yml", "templates/b.yaml"};
  EXPECT_EQ(*formatTemplateOutput(chart_, rendered_, options), R"(---
# Source: m1/templates/sub.yml
kind: ServiceAccount
metadata:
  name: sa
---
# Source: m1/templates/b.yaml
apiVersion: v1
kind: ConfigMap
metadata:
  name: c
  annotations:
    foo: bar
---
# Source: m1/templates/b.yaml
apiVersion: v1
kind: Secret
metadata:
  name: hs
  annotations:
    "helm.sh/hook": pre-install
---
# Source: m1/templates/b.yaml
apiVersion: batch/v1
kind: Job
metadata:
  name: j
  annotations:
    "helm.sh/hook": pre-install,post-install
    "helm.sh/hook-weight": "5"
)");
  options.showOnly = {"templates/nope.yaml"};
  EXPECT_EQ(formatTemplateOutput(chart_, rendered_, options).error().message,
            "could not find template templates/nope.yaml in chart");
}

TEST_F(ManifestsTest, NotesAreCollectedSeparately) {
  EXPECT_EQ(collectNotes(chart_, rendered_, false), "notes here\n");
}

TEST(Manifests, NothingRenderedPrintsANewline) {
  Chart chart;
  chart.metadata.name = "e1";
  EXPECT_EQ(*formatTemplateOutput(chart, {{"e1/templates/_x.yaml", "# only comment\n"}}, {}), "\n");
}

TEST(Manifests, HooksOnlyOutputStartsWithABlankLineAndIgnoresWeights) {
  Chart chart;
  chart.metadata.name = "hk";
  const std::string file =
      "kind: Job\nmetadata:\n  name: late\n  annotations:\n    helm.sh/hook: post-install\n"
      "    helm.sh/hook-weight: \"5\"\n---\nkind: Job\nmetadata:\n  name: early\n  annotations:\n"
      "    helm.sh/hook: \" Pre-Install , post-install\"\n    helm.sh/hook-weight: \"-5\"\n";
  EXPECT_EQ(*formatTemplateOutput(chart, {{"hk/templates/a.yaml", file}}, {}),
            "\n---\n# Source: hk/templates/a.yaml\nkind: Job\nmetadata:\n  name: late\n  annotations:\n"
            "    helm.sh/hook: post-install\n    helm.sh/hook-weight: \"5\"\n---\n# Source: hk/templates/a.yaml\n"
            "kind: Job\nmetadata:\n  name: early\n  annotations:\n    helm.sh/hook: \" Pre-Install , post-install\"\n"
            "    helm.sh/hook-weight: \"-5\"\n");
  auto sorted = sortRenderedFiles({{"hk/templates/a.yaml", file}});
  ASSERT_TRUE(sorted.ok());
  EXPECT_EQ(sorted->hooks[1].events, (std::vector<std::string>{"pre-install", "post-install"}));
  EXPECT_EQ(sorted->hooks[1].weight, -5);
}

TEST(Manifests, YamlErrorsNameTheTemplate) {
  Chart chart;
  chart.metadata.name = "e1";
  EXPECT_EQ(formatTemplateOutput(chart, {{"e1/templates/bad.yaml", "- a\n- b\n"}}, {}).error().message,
            "YAML parse error on e1/templates/bad.yaml: error unmarshaling JSON: while decoding JSON: json: cannot "
            "unmarshal array into Go value of type releaseutil.SimpleHead");
  // Helm: "...yaml: line 1: did not find expected node content"; the YAML parser's wording is encoding's.
  EXPECT_TRUE(
      formatTemplateOutput(chart, {{"e1/templates/bad.yaml", "a: [\n"}}, {})
          .error()
          .message.starts_with("YAML parse error on e1/templates/bad.yaml: error converting YAML to JSON: yaml: "));
}

TEST(Manifests, SplitKeepsAStraySeparatorAfterAnEmptyDocument) {
  EXPECT_EQ(splitManifests("a: 1\n---\n\n---\nb: 2\n"), (std::vector<std::string>{"a: 1", "---\nb: 2"}));
  EXPECT_EQ(splitManifests("---\na: 1\n--- \nb: 2"), (std::vector<std::string>{"a: 1", "b: 2"}));
  EXPECT_EQ(splitManifests("a: x---y"), (std::vector<std::string>{"a: x---y"}));
}

std::string_view trimmed(std::string_view s) {
  const std::string_view space = " \t\n\v\f\r";
  while (!s.empty() && space.find(s.front()) != std::string_view::npos) s.remove_prefix(1);
  while (!s.empty() && space.find(s.back()) != std::string_view::npos) s.remove_suffix(1);
  return s;
}

// The oracle: releaseutil.SplitManifests as Go writes it, a regexp split.
std::vector<std::string> splitWithRegexp(std::string_view text) {
  static const RE2 separator(R"((?:^|\s*\n)---\s*)");
  std::string_view whole = trimmed(text);
  std::vector<std::string> documents;
  auto keep = [&documents](std::string_view piece) {
    if (!trimmed(piece).empty()) documents.emplace_back(trimmed(piece));
  };
  std::size_t begin = 0;
  re2::StringPiece match;
  while (begin <= whole.size() && separator.Match(whole, begin, whole.size(), RE2::UNANCHORED, &match, 1)) {
    auto start = static_cast<std::size_t>(match.data() - whole.data());
    keep(whole.substr(begin, start - begin));
    begin = start + match.size();
  }
  keep(whole.substr(begin));
  return documents;
}

TEST(Manifests, SplitMatchesTheRegexpOnEveryShortInput) {
  const std::string alphabet = "-\n \ta\r\f";
  std::mt19937 random(7);
  for (int round = 0; round < 20000; ++round) {
    std::string text(random() % 14, ' ');
    for (char& c : text) c = alphabet[random() % alphabet.size()];
    ASSERT_EQ(splitManifests(text), splitWithRegexp(text)) << "input: " << ::testing::PrintToString(text);
  }
}

}  // namespace
}  // namespace ho::chart
