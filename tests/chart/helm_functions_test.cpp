// The function table of a Helm template defines every function Helm 3.17
// defines (tests/data/helm-3.17-function-names.txt), and not env/expandenv.
#include <gtest/gtest.h>

#include <fstream>
#include <sstream>
#include <string>

#include "chart/helm_functions.h"

namespace ho::chart {
namespace {

// include, tpl and required are bound per render by the engine.
bool boundByEngine(const std::string& name) { return name == "include" || name == "tpl" || name == "required"; }

TEST(HelmFunctionTable, DefinesEveryFunctionHelmDefines) {
  std::ifstream in(std::string(HO_SOURCE_DIR) + "/tests/data/helm-3.17-function-names.txt");
  ASSERT_TRUE(in) << "missing tests/data/helm-3.17-function-names.txt";
  tmpl::FunctionTable table = helmFunctionTable();
  std::string line, name, missing;
  int count = 0;
  while (std::getline(in, line)) {
    if (line.empty() || line[0] == '#') continue;
    std::istringstream words(line);
    while (words >> name) {
      ++count;
      if (!table.contains(name) && !boundByEngine(name)) missing += " " + name;
    }
  }
  EXPECT_GT(count, 200);
  EXPECT_EQ(missing, "") << "functions Helm 3.17 defines that we do not";
}

TEST(HelmFunctionTable, LeavesOutEnvironmentAccess) {
  tmpl::FunctionTable table = helmFunctionTable();
  EXPECT_FALSE(table.contains("env"));
  EXPECT_FALSE(table.contains("expandenv"));
}

}  // namespace
}  // namespace ho::chart
