// visitBlockDocument against visitPlainDocument (the full go-yaml-compatible
// parser), through fuzz/yaml_block_check.h: whenever the block reader does
// not refuse a document, the full parser accepts it and visits the same
// collections, keys and scalars with the same values. Hand-picked documents
// in and out of its subset, documents that go-yaml refuses, random documents
// and mutations of valid ones, and every document of the conformance corpus.
#include "encoding/yaml_block_reader.h"

#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <optional>
#include <random>
#include <sstream>
#include <string>
#include <vector>

#include "fuzz/yaml_block_check.h"

namespace ho::encoding::yaml {
namespace {

using fuzz::BlockVerdict;

// The block reader's verdict on `text` checked against the full parser's
// (fuzz/yaml_block_check.h): nullopt when it refused, else whether it visited
// what the parser visits.
std::optional<::testing::AssertionResult> compare(std::string_view text) {
  const fuzz::BlockCheck check = fuzz::checkBlockReader(text);
  if (check.verdict == BlockVerdict::Refused) return std::nullopt;
  if (check.verdict == BlockVerdict::Agrees) return ::testing::AssertionSuccess();
  return ::testing::AssertionFailure() << check.detail;
}

bool fullParserRejects(std::string_view text) {
  struct Ignore final : YamlVisitor {
    void mappingStart() override {}
    void mappingEnd() override {}
    void sequenceStart() override {}
    void sequenceEnd() override {}
    void key(const VisitedScalar&) override {}
    void value(const VisitedScalar&) override {}
  } ignore;
  try {
    visitPlainDocument(text, ignore);
  } catch (const SyntaxError&) {
    return true;
  } catch (const NotPlainYaml&) {
  }
  return false;
}

void expectVisitedAlike(std::string_view text) {
  const auto verdict = compare(text);
  ASSERT_TRUE(verdict.has_value()) << "refused:\n" << text;
  EXPECT_TRUE(*verdict) << text;
}

void expectRefused(std::string_view text) { EXPECT_FALSE(compare(text).has_value()) << text; }

TEST(YamlBlockReader, VisitsItsSubsetAsTheFullParserDoes) {
  for (const char* text : {
           "",
           "# only a comment\n\n",
           "kind: ConfigMap\nmetadata:\n  name: cm\n  labels:\n    a: b\ndata:\n  x: \"1\"\n",
           "a:\n- x\n- y\nb:\n  - z\n  -\n  - - nested\n    - more\nc: d\n",
           "list:\n- name: a\n  value: 1\n- name: b\n  items:\n  - p\n  - q\n  after: x\n",
           "-   a: 1\n    b: 2\n- c\n",
           "a: plain text\n  continued here\n\n  after a blank line\nb: next\n",
           "- item\n  continued\n- x\n",
           "a:\n  on its own line\n   and more\nb: 1\n",
           "a: value # a comment\n# another\nb: 'single ''quoted'''\nc: \"double \\\" \\n \\\\ escapes\"\n",
           "'quoted key': 1\n\"dq key\" : 2\nplain key with spaces: 3\nk: v:w\nurl: http://x.y/z#frag\n",
           "a: |\n  literal\n    more\n\n  end\nb: >-\n  folded\n  text\nc: |+\n  keep\n\nd: |2\n    two\ne: 1\n",
           "- |\n  in a list\n- >\n\n  after blank\n",
           "a: []\nb: {}\nc: [x, \"y\", 'z', -1, --flag]\nd: {k: v, 'q': \"w\"}\ne: [ \"get\", \"list\" ]\n",
           "a: 'multi\n  line\n single'\nb: \"two\nlines\"\nc: \"escaped \\\n  break\"\n",
           "  indented: root\n  second: key\n",
           "a:\n    deep: 1\n    deeper:\n        x: y\nb: 2\n",
           "description: Specifies the\n  output format, defaults to\n  \"1\" - or - [x]\nnext: 1\n",
           "text: caf\xc3\xa9 \xe2\x82\xac \xf0\x9f\x98\x80\n\xc3\xa9: key\n",
           "a: 1\nb: -2\nc: .5\nd: ~\ne: null\nf: true\ng: 0x1F\nh: 2001-12-14\ni: .inf\n~: n\n1: one\n",
           "- - - deep\n    - x\n  - y\n",
           "a:\nb:\n  # comment\nc: |\n  x\n# after\nd: e\n",
           "a: x\n\n\n",
           "key: -x\nother: ?x\nthird: :x\n",
           "just a scalar\n  continued\n",
           "'a quoted document'\n",
           "[a, b]\n",
           "block: |-\n  \n  x\n",
           "a: >\n  folded\n  line\n\n   more\n  last\ne: |+\n  keep\n\n\nf: |2-\n    two\n   x\n",
           "a: >\n\n  x\n\n\n  y\n  \nb: |-\n\n  x\nc: >-\n  a\n    indented\n  b\n\n  c\n",
           "a: |\n  x  \n     \n  y\nb: >+\n  z\n\n",
           "a: |\n",
           "a: |+\n\n   \n",
           "- >\n   deeper first\n   then\n",
           "a: \"multi\n\n  line\n   x\"\nb: 'sq '' x\n\n  y'\nc: \"dq \\t next\\\n  joined\"\n",
           "a: 'x\n'\nb: \"  lead\n  \n trail  \"\nc: \"\\N\\_\\L\\P\\0\\e \\\\ \\\"\"\n",
           "a: plain  with  spaces   \n   and  more  \n\n\n   end\n",
       }) {
    expectVisitedAlike(text);
  }
}

TEST(YamlBlockReader, RefusesWhatItDoesNotModel) {
  for (const char* text : {
           "a: &anchor 1\nb: *anchor\n",
           "a: !!str 1\n",
           "? complex\n: key\n",
           "a:\tb\n",
           "a: b\r\n",
           "a: [x, [nested]]\n",
           "a: {k: {nested: 1}}\n",
           "a: [x,\n  y]\n",
           "a: [x, ]\n",
           "a: \"\\x41\"\n",
           "a: \"\\u00e9\"\n",
           "a: next\xc2\x85line\n",
           "\xef\xbb\xbf"
           "a: bom\n",
           "--- a\n",
           "a: 1\n...\n",
           "%YAML 1.1\n---\na: 1\n",
           "a: |0\n  x\n",
           "a: |\n      \n  x\n",
           "a: |#c\n  x\n",
           "a: '1'#c\n",
       }) {
    expectRefused(text);
  }
}

TEST(YamlBlockReader, NeverAcceptsWhatGoYamlRejects) {
  for (const char* text : {
           "a: b: c\n",
           "a: 'b': c\n",
           "a: - b\n",
           "a: 1\n- b\n",
           "- a\nb: 1\n",
           "a:\n  b: 1\n c: 2\n",
           "a:\n    b: 1\n  c: 2\n",
           "a: 1\n  b: 2\n",
           "a: x\n  b: y\n",
           "a: 'unterminated\n",
           "a: \"bad \\q escape\"\n",
           "a: @reserved\n",
           "a: `reserved`\n",
           "a: %x\n",
           "a: ,x\n",
           "a: ]\n",
           "- a: 1\n  - b\n",
           "a:\n- x\n  - y\n",
           "a: |\n  x\n    # fine\n  y\n b: 1\n",
           "plain\nkey: value\n",
           "a: plain\n  # comment\n  more\n",
           "a: [x] y\n",
           "a: \"x\" y\n",
           "a: |x\n  y\n",
           "a: 1\n---\nb: 2\n",
           "a: 'x\n---\ny'\n",
           "a: \x01\n",
           "a: \xff\n",
       }) {
    const auto verdict = compare(text);
    if (verdict) {
      EXPECT_TRUE(*verdict) << text;  // accepted only where the full parser agrees
    }
    if (fullParserRejects(text)) {
      EXPECT_FALSE(verdict.has_value()) << text;
    }
  }
}

// Random lines from the pieces the reader's rules turn on; most documents are
// not YAML at all, and the reader must refuse each of those.
std::string randomDocument(std::mt19937& random) {
  static const std::vector<std::string> keys = {"a", "kind", "b c", "'q k'", "\"d k\"", "x:y", "~",    "null",
                                                "1", "<<",   "-k",  "?k",    ":k",      "k#x", "k #x", "é"};
  static const std::vector<std::string> scalars = {
      "v",          "a b",      "1",     "-1",        ".nan",  "~",      "",      "'q'",     "\"dq\"",    "'it''s'",
      "\"a\\\"b\"", "a#b",      "a #c",  "x:y",       "-x",    "?x",     ":x",    "[]",      "{}",        "[a, b]",
      "{a: b}",     "[a, [b]]", "|",     ">-",        "|2",    "|0",     "true",  "0x1F",    "1e999",     "a: b",
      "- x",        "é",        "'open", "\"open",    "'a' x", "&anc v", "*al",   "!t v",    "@x",        "`x`",
      "%x",         ",x",       "]",     "?",         "-",     ":",      "'a\\'", "\"\\q\"", "\"\\x41\"", "\t",
      "x\t",        "[a,",      "{a: }", "[ \"g\" ]", "'x'#c", "'x' #c"};
  static const std::vector<std::string> shapes = {"K: S", "K:",       "- S",   "- K: S", "-",   "S",     "# c",
                                                  "",     "K: S # c", "- - S", "---",    "...", "--- S", "K:  S  ",
                                                  "? S",  ": S",      "- K:",  "K: - S", "S S", "  S",   "K : S"};
  const auto pick = [&](const std::vector<std::string>& from) -> const std::string& {
    return from[std::uniform_int_distribution<std::size_t>(0, from.size() - 1)(random)];
  };
  std::string text;
  const int lines = std::uniform_int_distribution<int>(1, 10)(random);
  for (int i = 0; i < lines; ++i) {
    text.append(static_cast<std::size_t>(std::uniform_int_distribution<int>(0, 5)(random)), ' ');
    for (const char c : pick(shapes)) {
      if (c == 'K') {
        text += pick(keys);
      } else if (c == 'S') {
        text += pick(scalars);
      } else {
        text += c;
      }
    }
    text += '\n';
  }
  return text;
}

TEST(YamlBlockReader, RandomLinesAgreeWithTheFullParser) {
  std::mt19937 random(20261128);
  int visited = 0;
  for (int i = 0; i < 200000; ++i) {
    const std::string text = randomDocument(random);
    const auto verdict = compare(text);
    if (!verdict) continue;
    ++visited;
    ASSERT_TRUE(*verdict) << text;
  }
  EXPECT_GT(visited, 10000);  // the generator reaches the subset often enough to test it
}

// A random value in block style with a random layout (indentation widths,
// sequences at their key's indentation or deeper, compact entries, continued
// plain scalars, block scalars, comments), then copies with one byte changed.
class LayoutGenerator {
 public:
  explicit LayoutGenerator(std::mt19937& random) : random_(random) {}

  std::string document() {
    std::string text;
    mapping(text, 0, 0);
    return text;
  }

 private:
  int roll(int most) { return std::uniform_int_distribution<int>(0, most)(random_); }

  std::string word() {
    static const std::vector<std::string> words = {"alpha", "b", "1", "true", "x-y", "a.b/c", "é", "v1", "-x"};
    return words[static_cast<std::size_t>(roll(static_cast<int>(words.size()) - 1))];
  }

  void scalarValue(std::string& text, int indent) {
    switch (roll(5)) {
      case 0:
        text += " \"" + word() + " " + word() + "\"\n";
        break;
      case 1: {
        text += roll(1) ? " |\n" : " >-\n";
        const int inner = indent + 1 + roll(2);
        text += std::string(static_cast<std::size_t>(inner), ' ') + word() + "\n";
        for (int i = roll(2); i > 0; --i)
          text += std::string(static_cast<std::size_t>(inner + roll(1)), ' ') + word() + "\n";
        break;
      }
      case 2: {
        text += " " + word() + " " + word() + "\n";
        for (int i = roll(2); i > 0; --i)
          text += std::string(static_cast<std::size_t>(indent + 1 + roll(3)), ' ') + word() + "\n";
        break;
      }
      case 3:
        text += " [" + word() + ", '" + word() + "']\n";
        break;
      default:
        text += " " + word() + (roll(3) == 0 ? " # note\n" : "\n");
    }
  }

  void mapping(std::string& text, int indent, int depth) {
    for (int i = roll(3) + 1; i > 0; --i) {
      text += std::string(static_cast<std::size_t>(indent), ' ') + "k" + std::to_string(roll(9)) + ":";
      value(text, indent, depth, true);
      if (roll(6) == 0) text += std::string(static_cast<std::size_t>(roll(8)), ' ') + "# comment\n";
      if (roll(8) == 0) text += "\n";
    }
  }

  void sequence(std::string& text, int indent, int depth) {
    for (int i = roll(2) + 1; i > 0; --i) {
      text += std::string(static_cast<std::size_t>(indent), ' ') + "-";
      if (depth < 4 && roll(2) == 0) {  // a compact mapping: "- key: value" and the rest below it
        const int inner = indent + 2;
        text += " k" + std::to_string(roll(9)) + ":";
        value(text, inner, depth + 1, true);
        for (int j = roll(2); j > 0; --j) {
          text += std::string(static_cast<std::size_t>(inner), ' ') + "m" + std::to_string(roll(9)) + ":";
          value(text, inner, depth + 1, true);
        }
      } else {
        value(text, indent, depth, false);
      }
    }
  }

  void value(std::string& text, int indent, int depth, bool afterKey) {
    const int choice = depth >= 4 ? 0 : roll(3);
    if (choice == 0) return scalarValue(text, indent);
    text += "\n";
    const int inner = indent + 1 + roll(3);
    if (choice == 1) return mapping(text, inner, depth + 1);
    sequence(text, afterKey && roll(1) == 0 ? indent : inner, depth + 1);  // at the key's indentation, or deeper
  }

  std::mt19937& random_;
};

TEST(YamlBlockReader, RandomLayoutsAndTheirMutationsAgreeWithTheFullParser) {
  std::mt19937 random(424242);
  LayoutGenerator generator(random);
  int visited = 0;
  for (int i = 0; i < 20000; ++i) {
    const std::string text = generator.document();
    auto verdict = compare(text);
    if (verdict) {
      ++visited;
      ASSERT_TRUE(*verdict) << text;
    }
    for (int m = 0; m < 5; ++m) {
      std::string mutated = text;
      const auto at = std::uniform_int_distribution<std::size_t>(0, mutated.size() - 1)(random);
      static const std::string bytes = " \n:-#'\"|>[]{},?&*!x1\t";
      const char c = bytes[std::uniform_int_distribution<std::size_t>(0, bytes.size() - 1)(random)];
      switch (std::uniform_int_distribution<int>(0, 2)(random)) {
        case 0:
          mutated.insert(at, 1, c);
          break;
        case 1:
          mutated.erase(at, 1);
          break;
        default:
          mutated[at] = c;
      }
      verdict = compare(mutated);
      if (verdict) {
        ASSERT_TRUE(*verdict) << mutated;
      }
    }
  }
  EXPECT_GT(visited, 15000);  // unmutated layouts are in the subset
}

// Every document helm rendered for the conformance corpus.
TEST(YamlBlockReader, CorpusDocumentsAgreeWithTheFullParser) {
  const std::filesystem::path golden =
      std::filesystem::path(HO_SOURCE_DIR) / ".." / "shared" / "conformance" / "golden";
  if (!std::filesystem::is_directory(golden)) GTEST_SKIP() << "no conformance corpus at " << golden;
  int documents = 0, visited = 0;
  for (const auto& entry : std::filesystem::directory_iterator(golden)) {
    std::ifstream in(entry.path(), std::ios::binary);
    std::stringstream buffer;
    buffer << in.rdbuf();
    const std::string text = buffer.str();
    for (std::size_t start = 0; start < text.size();) {
      std::size_t next = text.find("\n---", start);
      if (next == std::string::npos) next = text.size();
      const std::string_view document(text.data() + start, next - start);
      ++documents;
      if (const auto verdict = compare(document)) {
        ++visited;
        ASSERT_TRUE(*verdict) << entry.path() << ":\n" << document;
      }
      start = next == text.size() ? next : text.find('\n', next + 1);
      if (start == std::string::npos) break;
      ++start;
    }
  }
  EXPECT_GT(visited, documents * 9 / 10) << documents << " documents";
}

}  // namespace
}  // namespace ho::encoding::yaml
