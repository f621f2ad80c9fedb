// End-to-end: `helm-operator template` on the charts under tests/data/charts
// prints exactly what Helm 3.17 printed for them (tests/data/golden, recorded
// with tests/data/record-golden.sh), and fails like Helm on the error cases.
#include <gtest/gtest.h>

#include <array>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>

namespace {

namespace fs = std::filesystem;

struct CommandResult {
  int exitCode = -1;
  std::string output;
};

// Runs a shell command, capturing stdout (stderr goes to a file beside it).
CommandResult run(const std::string& command) {
  CommandResult result;
  FILE* pipe = popen(command.c_str(), "r");
  if (pipe == nullptr) return result;
  std::array<char, 65536> buffer{};
  std::size_t n;
  while ((n = fread(buffer.data(), 1, buffer.size(), pipe)) > 0) result.output.append(buffer.data(), n);
  int status = pclose(pipe);
  result.exitCode = WIFEXITED(status) ? WEXITSTATUS(status) : -1;
  return result;
}

std::string readFile(const fs::path& path) {
  std::ifstream in(path, std::ios::binary);
  std::ostringstream out;
  out << in.rdbuf();
  return out.str();
}

const fs::path kData = fs::path(HO_SOURCE_DIR) / "tests" / "data";

// One case per line of tests/data/cases.txt: ID<TAB>EXPECT<TAB>ARGS (ARGS
// relative to tests/data, passed to `template`).
struct GoldenCase {
  std::string id;
  std::string expect;
  std::string args;
};

void PrintTo(const GoldenCase& c, std::ostream* os) { *os << c.id; }

std::vector<GoldenCase> loadCases() {
  std::vector<GoldenCase> cases;
  std::ifstream in(kData / "cases.txt");
  std::string line;
  while (std::getline(in, line)) {
    if (line.empty() || line[0] == '#') continue;
    auto t1 = line.find('\t');
    auto t2 = line.find('\t', t1 + 1);
    cases.push_back({line.substr(0, t1), line.substr(t1 + 1, t2 - t1 - 1), line.substr(t2 + 1)});
  }
  return cases;
}

class TemplateGolden : public ::testing::TestWithParam<GoldenCase> {};

TEST_P(TemplateGolden, MatchesHelm) {
  const GoldenCase& c = GetParam();
  std::string command = "cd '" + kData.string() + "' && '" + HO_BINARY + "' template " + c.args + " 2>/dev/null";
  CommandResult result = run(command);
  if (c.expect == "error") {
    EXPECT_NE(result.exitCode, 0) << "Helm fails on this case; we printed:\n" << result.output;
    return;
  }
  ASSERT_EQ(result.exitCode, 0) << command;
  EXPECT_EQ(result.output, readFile(kData / "golden" / (c.id + ".out"))) << command;
}

INSTANTIATE_TEST_SUITE_P(Charts, TemplateGolden, ::testing::ValuesIn(loadCases()),
                         [](const auto& info) {
                           std::string name = info.param.id;
                           for (char& ch : name) if (!isalnum(static_cast<unsigned char>(ch))) ch = '_';
                           return name;
                         });

}  // namespace
