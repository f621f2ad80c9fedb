// `template` writes its output in chunks of a pipe's capacity (and a larger
// piece whole): every byte arrives in order through a pipe, and a stdout that
// cannot be written makes the exit code 1.
#include <gtest/gtest.h>

#include <string>

#include "cli_test_support.h"

namespace ho::cli::testing {
namespace {

const std::string kBinary = HO_BINARY;

// A chart whose output spans many 64 KiB chunks, with one document larger than a chunk.
void writeLargeChart(const ScratchDir& dir) {
  dir.write("c/Chart.yaml", "apiVersion: v2\nname: c\nversion: 0.1.0\n");
  dir.write(
      "c/templates/many.yaml",
      "{{- range $i := until 3000 }}\n---\nkind: ConfigMap\nmetadata:\n  name: m{{ $i }}\ndata:\n  v: \"{{ $i }}\"\n"
      "{{- end }}\n");
  dir.write("c/templates/big.yaml", "kind: ConfigMap\nmetadata:\n  name: big\ndata:\n  v: {{ repeat 100000 \"x\" }}\n");
}

TEST(TemplateOutput, EveryByteArrivesThroughAPipe) {
  ScratchDir dir;
  writeLargeChart(dir);
  const CommandOutput result = dir.run(kBinary + " template r c");
  ASSERT_EQ(result.exitCode, 0) << result.err;
  EXPECT_GT(result.out.size(), std::size_t{300000});
  EXPECT_NE(result.out.find("  v: " + std::string(100000, 'x') + "\n"), std::string::npos);
  std::size_t from = 0;
  for (int i = 0; i < 3000; ++i) {  // in order
    from = result.out.find("name: m" + std::to_string(i) + "\n", from);
    ASSERT_NE(from, std::string::npos) << i;
  }
  const CommandOutput again = dir.run(kBinary + " template r c | cat");
  EXPECT_EQ(again.out, result.out);
}

TEST(TemplateOutput, AnUnwritableStdoutExitsWithOne) {
  ScratchDir dir;
  writeLargeChart(dir);
  const CommandOutput result = dir.run(kBinary + " template r c > /dev/full");
  EXPECT_EQ(result.exitCode, 1);
}

}  // namespace
}  // namespace ho::cli::testing
