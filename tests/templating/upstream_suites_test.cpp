// The upstream template suites (Go's text/template exec/parse/lex tests,
// Sprig v3.3.0's tests, Helm's engine function tests): each suite's cases are
// in tests/data/upstream/SUITE.cases.json, and Helm 3.17's output for them in
// tests/data/golden/upstream-SUITE.*, both written by port_upstream.py. The
// charts are laid out in temporary folders the way its materialize() does it;
// `helm-operator template` must print the same bytes for every case, and fail
// with the same message and exit code where Helm fails.
#include <gtest/gtest.h>

#include <atomic>
#include <cctype>
#include <cstdlib>
#include <filesystem>
#include <map>
#include <nlohmann/json.hpp>
#include <optional>
#include <set>
#include <string>
#include <thread>
#include <vector>

#include "../cli/cli_test_support.h"

namespace {

namespace fs = std::filesystem;
using Json = nlohmann::json;
using ho::cli::testing::CommandOutput;
using ho::cli::testing::readText;
using ho::cli::testing::ScratchDir;

const fs::path kData = fs::path(HO_SOURCE_DIR) / "tests" / "data";
constexpr int kParallelRenders = 4;

// Every suite's case file by suite name ("go-exec" for go-exec.cases.json).
const std::map<std::string, Json>& suites() {
  static const std::map<std::string, Json> documents = [] {
    const std::string suffix = ".cases.json";
    std::map<std::string, Json> read;
    for (const auto& entry : fs::directory_iterator(kData / "upstream")) {
      const std::string file = entry.path().filename().string();
      if (file.ends_with(suffix)) {
        read.emplace(file.substr(0, file.size() - suffix.size()), Json::parse(readText(entry.path())));
      }
    }
    return read;
  }();
  return documents;
}

std::string goldenText(const std::string& suite, const std::string& extension) {
  return readText(kData / "golden" / ("upstream-" + suite + extension));
}

// Writes the suite's chart into `where` with `cases` as the cases it renders
// (port_upstream.py's materialize()), and runs our binary on it.
CommandOutput renderOurs(const Json& suite, const std::vector<Json>& cases) {
  ScratchDir where;
  for (const auto& [relative, text] : suite["chart"].items()) where.write("chart/" + relative, text.get<std::string>());
  Json selection = Json::array();
  for (const Json& spec : cases) {
    selection.push_back({{"id", spec["id"]}, {"data", spec["data"]}});
    where.write("chart/templates/cases/_" + spec["id"].get<std::string>() + ".tpl", spec["text"].get<std::string>());
  }
  where.write("chart/values.yaml", Json{{"data", suite["data"]}, {"cases", selection}}.dump(1) + "\n");
  return where.run(std::string("TZ=UTC '") + HO_BINARY + "' template r chart");
}

std::vector<std::string> splitLines(const std::string& text) {
  std::vector<std::string> lines;
  std::size_t start = 0;
  while (start < text.size()) {
    std::size_t end = text.find('\n', start);
    if (end == std::string::npos) end = text.size();
    lines.push_back(text.substr(start, end - start));
    start = end + 1;
  }
  return lines;
}

std::string unescapeField(const std::string& field) {
  std::string out;
  for (std::size_t i = 0; i < field.size(); ++i) {
    if (field[i] != '\\' || i + 1 == field.size()) {
      out += field[i];
      continue;
    }
    const char next = field[++i];
    out += next == 'n' ? '\n' : next == 't' ? '\t' : next;
  }
  return out;
}

std::vector<std::string> splitTabs(const std::string& line) {
  std::vector<std::string> fields;
  std::size_t start = 0;
  while (true) {
    const std::size_t tab = line.find('\t', start);
    fields.push_back(line.substr(start, tab == std::string::npos ? std::string::npos : tab - start));
    if (tab == std::string::npos) return fields;
    start = tab + 1;
  }
}

// The combined run prints one `ID DATA-SET: "json"` line per case.
std::map<std::string, std::string> casesByLine(const std::string& output) {
  std::map<std::string, std::string> cases;
  for (const std::string& line : splitLines(output)) {
    const std::size_t colon = line.find(": ");
    if (colon == std::string::npos || line[0] == '#') continue;
    cases[line.substr(0, colon)] = line.substr(colon + 2);
  }
  return cases;
}

// The isolated golden: ID, data set, exit code, stdout, stderr per line.
std::map<std::string, CommandOutput> isolatedByLine(const std::string& tsv) {
  std::map<std::string, CommandOutput> cases;
  for (const std::string& line : splitLines(tsv)) {
    const std::vector<std::string> fields = splitTabs(line);
    if (fields.size() == 5) {
      cases[fields[0] + " " + fields[1]] = {std::atoi(fields[2].c_str()), unescapeField(fields[3]),
                                            unescapeField(fields[4])};
    }
  }
  return cases;
}

// One case of a suite (spec: id, run, data, name, text) and what Helm printed
// for it (absent when the golden has no entry for it).
template <typename Expected>
struct UpstreamCase {
  std::string suite;
  Json spec;
  std::optional<Expected> expected;

  std::string id() const { return spec["id"].get<std::string>(); }
  std::string text() const { return spec["text"].get<std::string>(); }
  // How both goldens name the case: `ID DATA-SET`.
  std::string key() const { return id() + " " + spec["data"].get<std::string>(); }
};
using CombinedCase = UpstreamCase<std::string>;
using IsolatedCase = UpstreamCase<CommandOutput>;

template <typename Expected>
void PrintTo(const UpstreamCase<Expected>& c, std::ostream* os) {
  *os << c.suite << "/" << c.id();
}

template <typename Expected>
std::vector<UpstreamCase<Expected>> casesThatRun(const std::string& run,
                                                 std::map<std::string, Expected> (*golden)(const std::string& suite)) {
  std::vector<UpstreamCase<Expected>> cases;
  for (const auto& [suite, document] : suites()) {
    const std::map<std::string, Expected> expected = golden(suite);
    for (const Json& spec : document["cases"]) {
      if (spec["run"] != run) continue;
      UpstreamCase<Expected>& c = cases.emplace_back(UpstreamCase<Expected>{suite, spec, std::nullopt});
      const auto found = expected.find(c.key());
      if (found != expected.end()) c.expected = found->second;
    }
  }
  return cases;
}

std::vector<CombinedCase> combinedCases() {
  return casesThatRun<std::string>("combined", [](const std::string& suite) {
    return casesByLine(goldenText(suite, ".out"));
  });
}

std::vector<IsolatedCase> isolatedCases() {
  return casesThatRun<CommandOutput>("isolated", [](const std::string& suite) {
    return isolatedByLine(goldenText(suite, ".isolated.tsv"));
  });
}

std::string testName(const std::string& suite, const std::string& id) {
  std::string name = suite + "_" + id;
  for (char& ch : name) {
    if (!isalnum(static_cast<unsigned char>(ch))) ch = '_';
  }
  return name;
}

// Our output for each suite's combined chart, rendered once per process.
const CommandOutput& combinedOutput(const std::string& suite) {
  static std::map<std::string, CommandOutput> outputs;
  auto found = outputs.find(suite);
  if (found == outputs.end()) {
    std::vector<Json> combined;
    for (const Json& spec : suites().at(suite)["cases"]) {
      if (spec["run"] == "combined") combined.push_back(spec);
    }
    found = outputs.emplace(suite, renderOurs(suites().at(suite), combined)).first;
  }
  return found->second;
}

// Our output for every isolated case the test filter selects (matched by the
// printed parameter), rendered on first use, kParallelRenders at a time.
const std::map<std::string, CommandOutput>& isolatedOutputs() {
  static const std::map<std::string, CommandOutput> outputs = [] {
    std::set<std::string> selectedParams;
    const ::testing::UnitTest& unit = *::testing::UnitTest::GetInstance();
    for (int s = 0; s < unit.total_test_suite_count(); ++s) {
      const ::testing::TestSuite& testSuite = *unit.GetTestSuite(s);
      if (std::string(testSuite.name()) != "UpstreamIsolated") continue;
      for (int t = 0; t < testSuite.total_test_count(); ++t) {
        const ::testing::TestInfo& info = *testSuite.GetTestInfo(t);
        if (info.should_run() && info.value_param() != nullptr) selectedParams.insert(info.value_param());
      }
    }
    std::vector<IsolatedCase> selected;
    for (IsolatedCase& c : isolatedCases()) {
      if (selectedParams.contains(::testing::PrintToString(c))) selected.push_back(std::move(c));
    }
    std::vector<CommandOutput> rendered(selected.size());
    std::atomic<std::size_t> next = 0;
    {
      std::vector<std::jthread> workers;
      for (int n = 0; n < kParallelRenders; ++n) {
        workers.emplace_back([&] {
          for (std::size_t i = next++; i < selected.size(); i = next++) {
            rendered[i] = renderOurs(suites().at(selected[i].suite), {selected[i].spec});
          }
        });
      }
    }
    std::map<std::string, CommandOutput> byCase;
    for (std::size_t i = 0; i < selected.size(); ++i) {
      byCase[::testing::PrintToString(selected[i])] = std::move(rendered[i]);
    }
    return byCase;
  }();
  return outputs;
}

// One test per suite for the combined cases: CTest runs every test in a
// process of its own, and a combined chart renders all of a suite's cases at once.
class UpstreamCombined : public ::testing::TestWithParam<std::string> {};

TEST_P(UpstreamCombined, EveryCasePrintsWhatHelmPrints) {
  const std::string& suite = GetParam();
  const CommandOutput& ours = combinedOutput(suite);
  ASSERT_EQ(ours.exitCode, 0) << ours.err;
  const auto printed = casesByLine(ours.out);
  for (const CombinedCase& c : combinedCases()) {
    if (c.suite != suite) continue;
    SCOPED_TRACE(c.id() + "\ntemplate:\n" + c.text());
    ASSERT_TRUE(c.expected) << "no line for " << c.id() << " in the golden";
    const auto found = printed.find(c.key());
    ASSERT_NE(found, printed.end()) << "no line for " << c.id();
    EXPECT_EQ(found->second, *c.expected);
  }
}

std::vector<std::string> suiteNames() {
  std::vector<std::string> names;
  for (const auto& [suite, document] : suites()) names.push_back(suite);
  return names;
}

INSTANTIATE_TEST_SUITE_P(, UpstreamCombined, ::testing::ValuesIn(suiteNames()),
                         [](const auto& info) { return testName(info.param, "cases"); });

class UpstreamIsolated : public ::testing::TestWithParam<IsolatedCase> {};

TEST_P(UpstreamIsolated, FailsOrPrintsLikeHelm) {
  const IsolatedCase& c = GetParam();
  ASSERT_TRUE(c.expected) << "no entry for " << c.id() << " in the golden";
  const CommandOutput& ours = isolatedOutputs().at(::testing::PrintToString(c));
  EXPECT_EQ(ours.exitCode, c.expected->exitCode) << "template:\n" << c.text() << "\nstderr: " << ours.err;
  EXPECT_EQ(ours.err, c.expected->err) << "template:\n" << c.text();
  EXPECT_EQ(ours.out, c.expected->out) << "template:\n" << c.text();
}

INSTANTIATE_TEST_SUITE_P(, UpstreamIsolated, ::testing::ValuesIn(isolatedCases()),
                         [](const auto& info) { return testName(info.param.suite, info.param.id()); });

}  // namespace
