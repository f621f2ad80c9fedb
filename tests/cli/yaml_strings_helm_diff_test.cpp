// Differential test against the reference `helm template`: random strings
// built from the characters YAML treats specially (blanks, breaks, indicators,
// quotes, non-ASCII) go through toYaml as values and as map keys, and through
// fromYaml back, and both binaries must print the same bytes. It pins the
// fast paths of the emitter's scalar analysis and key ordering and of the
// scanner's plain-scalar runs to go-yaml's behaviour. Skips without helm.
#include <gtest/gtest.h>
#include <unistd.h>

#include <random>
#include <set>
#include <string>
#include <vector>

#include "cli_test_support.h"
#include "core/value.h"
#include "encoding/go_json.h"

namespace ho::cli::testing {
namespace {

const std::string kBinary = HO_BINARY;
const std::string kHelm = std::string(HO_SOURCE_DIR) + "/.reference/helm";

// Pieces strings are made of: mostly plain words and single spaces, with
// everything that changes how go-yaml writes or reads a scalar.
const std::vector<std::string> kPieces = {
    "a", "b", "word", "Key", "x1", "10", "9", "007", "0x1F", "1e3", "true", "null", "~", " ", " ", " ", "  ",
    "\n", "\n", "\t", ":", ": ", " #", "#", "-", "- ", "? ", ",", "[", "]", "{", "}", "&", "*", "!", "|", ">",
    "'", "\"", "%", "@", "`", "\\", "/", ".", "=", "é", "日本", "\xE2\x80\xA8", "---", "...", "\r\n"};

// A JSON string literal as Go's encoding/json writes it (values files may be
// JSON, which YAML reads as is; the line separators come out escaped).
std::string jsonQuoted(const std::string& text) { return *encoding::toJson(Value::string(text)); }

std::string randomString(std::mt19937& random, const std::vector<std::string>& pieces) {
  std::uniform_int_distribution<std::size_t> length(1, 7), piece(0, pieces.size() - 1);
  std::string text;
  for (std::size_t n = length(random); n > 0; --n) text += pieces[piece(random)];
  return text;
}

// Keys without digits: go-yaml's key order compares digit runs as numbers and
// is not transitive across them ("9\r" < "10" < "1e3" < "9\r"); Helm prints
// such a set in a different order on every run (Go randomizes map iteration
// before sorting), so there is nothing to match (docs/architecture.md "Fidelity").
std::vector<std::string> piecesWithoutDigits() {
  std::vector<std::string> pieces;
  for (const std::string& piece : kPieces) {
    if (piece.find_first_of("0123456789") == std::string::npos) pieces.push_back(piece);
  }
  return pieces;
}

TEST(YamlStringsHelmDiff, ToYamlAndFromYamlOfRandomStringsMatchHelm) {
  if (access(kHelm.c_str(), X_OK) != 0) GTEST_SKIP() << "reference helm not found at " << kHelm;
  ScratchDir dir;
  std::mt19937 random(20261127);
  std::string values = "{\"items\": [";
  for (int i = 0; i < 300; ++i) values += (i ? ", " : "") + jsonQuoted(randomString(random, kPieces));
  values += "], \"keyed\": {";
  std::set<std::string> keys;  // distinct: a repeated key is a YAML error
  const std::vector<std::string> keyPieces = piecesWithoutDigits();
  while (keys.size() < 200) keys.insert(randomString(random, keyPieces));
  int number = 0;
  for (const std::string& key : keys) {
    values += (number ? ", " : "") + jsonQuoted(key) + ": " + std::to_string(number);
    ++number;
  }
  values += "}}\n";
  dir.write("values.json", values);
  dir.write("chart/Chart.yaml", "apiVersion: v2\nname: strings\nversion: 0.1.0\n");
  // Quoted, so that the document stays YAML whatever toYaml printed.
  dir.write("chart/templates/strings.yaml",
            "items: {{ toYaml .Values.items | quote }}\n"
            "keyed: {{ toYaml .Values.keyed | quote }}\n"
            "roundTrip: {{ toYaml .Values | fromYaml | toJson | quote }}\n");
  const std::string args = " template strings chart -f values.json";
  const CommandOutput theirs = dir.run("'" + kHelm + "'" + args);
  const CommandOutput ours = dir.run("'" + kBinary + "'" + args);
  ASSERT_EQ(theirs.exitCode, 0) << theirs.err;
  EXPECT_EQ(ours.exitCode, 0) << ours.err;
  EXPECT_EQ(ours.out, theirs.out);
}

}  // namespace
}  // namespace ho::cli::testing
