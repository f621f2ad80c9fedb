// `template NAME CHART` accepts exactly the release names Helm does
// (action.ValidateReleaseName) and refuses the rest with Helm's words.
#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "cli_test_support.h"

namespace ho::cli::testing {
namespace {

const std::string kBinary = HO_BINARY;

TEST(TemplateReleaseName, AcceptsAndRefusesLikeHelm) {
  ScratchDir dir;
  dir.write("c/Chart.yaml", "apiVersion: v2\nname: c\nversion: 0.1.0\n");
  dir.write("c/templates/x.yaml", "name: {{ .Release.Name }}\n");
  for (const std::string& name : std::vector<std::string>{"a", "my-release", "a.b-c.d9", "0", std::string(53, 'x'), "x1-2.y"}) {
    const CommandOutput result = dir.run(kBinary + " template '" + name + "' c");
    EXPECT_EQ(result.exitCode, 0) << name << ": " << result.err;
    EXPECT_NE(result.out.find("name: " + name), std::string::npos) << name;
  }
  for (const std::string& name : std::vector<std::string>{"a-", "A", "a..b", ".a", "a.", "a_b", "a.-b", std::string(54, 'x'), "a b"}) {
    const CommandOutput result = dir.run(kBinary + " template '" + name + "' c");
    EXPECT_EQ(result.exitCode, 1) << name;
    EXPECT_EQ(result.err, "Error: release name \"" + name +
                              "\": invalid release name, must match regex "
                              "^[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$ and the length must "
                              "not be longer than 53\n")
        << name;
  }
}

}  // namespace
}  // namespace ho::cli::testing
