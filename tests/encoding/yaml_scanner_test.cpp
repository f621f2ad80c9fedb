// The YAML tokenizer: token streams as libyaml/go-yaml v2 produce them, and
// scalar text (folding, escapes, chomping) kept as views where no copy is needed.
#include <gtest/gtest.h>

#include "encoding/yaml_scanner.h"

namespace ho::encoding::yaml {
namespace {

std::string_view typeName(TokenType type) {
  switch (type) {
    case TokenType::StreamStart: return "STREAM-START";
    case TokenType::StreamEnd: return "STREAM-END";
    case TokenType::VersionDirective: return "VERSION";
    case TokenType::TagDirective: return "TAG-DIRECTIVE";
    case TokenType::DocumentStart: return "DOC-START";
    case TokenType::DocumentEnd: return "DOC-END";
    case TokenType::BlockSequenceStart: return "BSEQ";
    case TokenType::BlockMappingStart: return "BMAP";
    case TokenType::BlockEnd: return "BEND";
    case TokenType::FlowSequenceStart: return "[";
    case TokenType::FlowSequenceEnd: return "]";
    case TokenType::FlowMappingStart: return "{";
    case TokenType::FlowMappingEnd: return "}";
    case TokenType::BlockEntry: return "-";
    case TokenType::FlowEntry: return ",";
    case TokenType::Key: return "KEY";
    case TokenType::Value: return "VALUE";
    case TokenType::Alias: return "ALIAS";
    case TokenType::Anchor: return "ANCHOR";
    case TokenType::Tag: return "TAG";
    case TokenType::Scalar: return "SCALAR";
  }
  return "?";
}

// The token stream, one word per token; scalars, anchors and tags with their text.
std::string tokens(std::string_view text) {
  std::string out;
  try {
    Scanner scanner(text);
    for (;;) {
      const Token& token = scanner.peek();
      if (!out.empty()) out += ' ';
      out += typeName(token.type);
      if (token.type == TokenType::Scalar || token.type == TokenType::Alias || token.type == TokenType::Anchor) {
        out += "(" + std::string(token.value) + ")";
      } else if (token.type == TokenType::Tag) {
        out += "(" + std::string(token.value) + "," + std::string(token.suffix) + ")";
      }
      bool last = token.type == TokenType::StreamEnd;
      scanner.consume();
      if (last) return out;
    }
  } catch (const SyntaxError& e) {
    return out + " ERROR " + e.message;
  }
}

std::string firstScalar(std::string_view text) {
  Scanner scanner(text);
  while (scanner.peek().type != TokenType::Scalar) scanner.consume();
  return std::string(scanner.peek().value);
}

TEST(YamlScanner, BlockMappingGetsKeyAndStartTokensInsertedBeforeSimpleKeys) {
  EXPECT_EQ(tokens("a: b\nc:\n  - d\n"),
            "STREAM-START BMAP KEY SCALAR(a) VALUE SCALAR(b) KEY SCALAR(c) VALUE BSEQ - SCALAR(d) BEND BEND "
            "STREAM-END");
}

TEST(YamlScanner, IndentlessSequenceUnderKeyHasNoBlockSequenceStart) {
  EXPECT_EQ(tokens("a:\n- x\n"), "STREAM-START BMAP KEY SCALAR(a) VALUE - SCALAR(x) BEND STREAM-END");
}

TEST(YamlScanner, FlowCollectionsAndComplexKeys) {
  EXPECT_EQ(tokens("{a: [1, 2], ? b}"),
            "STREAM-START { KEY SCALAR(a) VALUE [ SCALAR(1) , SCALAR(2) ] , KEY SCALAR(b) } STREAM-END");
  EXPECT_EQ(tokens("? a\n: b\n"), "STREAM-START BMAP KEY SCALAR(a) VALUE SCALAR(b) BEND STREAM-END");
}

TEST(YamlScanner, AnchorsAliasesAndTags) {
  EXPECT_EQ(tokens("a: &x !!str v\nb: *x\nc: !local w\nd: !<tag:x> z\n"),
            "STREAM-START BMAP KEY SCALAR(a) VALUE ANCHOR(x) TAG(!!,str) SCALAR(v) KEY SCALAR(b) VALUE ALIAS(x) "
            "KEY SCALAR(c) VALUE TAG(!,local) SCALAR(w) KEY SCALAR(d) VALUE TAG(,tag:x) SCALAR(z) BEND STREAM-END");
}

TEST(YamlScanner, DocumentMarkersAndDirectives) {
  EXPECT_EQ(tokens("%YAML 1.1\n---\na\n...\n---\nb\n"),
            "STREAM-START VERSION DOC-START SCALAR(a) DOC-END DOC-START SCALAR(b) STREAM-END");
}

TEST(YamlScanner, CommentsAndColonsInsidePlainScalars) {
  EXPECT_EQ(tokens("a: x#y # comment\nb: http://h:80/p\n"),
            "STREAM-START BMAP KEY SCALAR(a) VALUE SCALAR(x#y) KEY SCALAR(b) VALUE SCALAR(http://h:80/p) BEND "
            "STREAM-END");
  // go-yaml v2 keeps "a:b" whole even in flow context.
  EXPECT_EQ(tokens("[a:b]"), "STREAM-START [ SCALAR(a:b) ] STREAM-END");
}

TEST(YamlScanner, PlainScalarsFoldLineBreaks) {
  EXPECT_EQ(firstScalar("a b\n  c\n\n  d\n"), "a b c\nd");
}

TEST(YamlScanner, QuotedScalarsEscapesAndFolding) {
  EXPECT_EQ(firstScalar("'it''s\n\n  x'"), "it's\nx");
  EXPECT_EQ(firstScalar(R"("\t\x41\u00e9\U0001F600\N\\\"")"), "\tA\xC3\xA9\xF0\x9F\x98\x80\xC2\x85\\\"");
  EXPECT_EQ(firstScalar("\"a\\\n   b\""), "ab");
}

TEST(YamlScanner, BlockScalarChompingAndIndentation) {
  EXPECT_EQ(firstScalar("|\n  a\n   b\n\n"), "a\n b\n");
  EXPECT_EQ(firstScalar("|-\n  a\n\n"), "a");
  EXPECT_EQ(firstScalar("|+\n  a\n\n"), "a\n\n");
  EXPECT_EQ(firstScalar(">\n  a\n  b\n\n  c\n   d\n"), "a b\nc\n d\n");
  EXPECT_EQ(firstScalar("|2\n   a\n  b\n"), " a\nb\n");
}

TEST(YamlScanner, CrlfLineBreaksBecomeLineFeeds) {
  EXPECT_EQ(firstScalar("|\r\n  a\r\n  b\r\n"), "a\nb\n");
  EXPECT_EQ(tokens("a: 1\r\nb: 2\r\n"),
            "STREAM-START BMAP KEY SCALAR(a) VALUE SCALAR(1) KEY SCALAR(b) VALUE SCALAR(2) BEND STREAM-END");
}

TEST(YamlScanner, LeadingByteOrderMarkIsSkipped) {
  EXPECT_EQ(tokens("\xEF\xBB\xBF" "a"), "STREAM-START SCALAR(a) STREAM-END");
}

TEST(YamlScanner, SingleLineScalarsViewTheInput) {
  std::string text = "key: value\n";
  Scanner scanner(text);
  while (scanner.peek().type != TokenType::Scalar) scanner.consume();
  scanner.consume();
  while (scanner.peek().type != TokenType::Scalar) scanner.consume();
  std::string_view value = scanner.peek().value;
  EXPECT_EQ(value, "value");
  // A view into the scanner's own copy of the input, not a separately built string.
  EXPECT_EQ(std::string_view(value.data() - 5, 10), "key: value");
}

TEST(YamlScanner, ErrorsCarryGoYamlLineNumbers) {
  EXPECT_EQ(tokens("a:\n\tb: 1\n"), "STREAM-START BMAP KEY SCALAR(a) VALUE ERROR yaml: line 2: found character that cannot start any token");
  EXPECT_EQ(tokens("'abc"), "STREAM-START ERROR yaml: found unexpected end of stream");
  EXPECT_EQ(tokens("a: \x01"), " ERROR yaml: control characters are not allowed");  // before any token
}

TEST(YamlScanner, FlowNestingIsBounded) {
  std::string deep(10001, '[');
  EXPECT_NE(tokens(deep).find("ERROR yaml: exceeded max depth of 10000"), std::string::npos);
}

// Plain scalars are scanned in runs (sixteen bytes at a time where SSE2
// exists): every length up to several blocks, and every kind of byte that
// stops a run (a blank, ':' before a blank, a multibyte character, the end
// of the text, a line break) at every position, give the same scalars.
TEST(YamlScanner, PlainScalarRunsStopAtEveryPosition) {
  for (std::size_t n = 1; n <= 70; ++n) {
    const std::string run(n, 'a');
    const std::pair<std::string, std::string> cases[] = {
        {"k: " + run, run},
        {"k: " + run + "\n", run},
        {"k: " + run + " tail", run + " tail"},
        {"k: " + run + ":b", run + ":b"},
        {"k: " + run + "\xC3\xA9z", run + "\xC3\xA9z"},
        {"k: " + run + "\n  more", run + " more"},
        {"k: " + run + " # note", run},
    };
    for (const auto& [text, value] : cases) {
      Scanner scanner(text);
      std::string found;
      for (; scanner.peek().type != TokenType::StreamEnd; scanner.consume()) {
        if (scanner.peek().type == TokenType::Scalar && scanner.peek().value != "k") found = scanner.peek().value;
      }
      EXPECT_EQ(found, value) << text;
    }
  }
}

// Comment and block-scalar line bodies are skipped, and indentation counted,
// in runs (sixteen and eight bytes at a time): every length up to several
// blocks, with a multibyte character, a CRLF or the end of the text where the
// run stops, give the same tokens.
TEST(YamlScanner, LineAndIndentationRunsStopAtEveryPosition) {
  for (std::size_t n = 0; n <= 70; ++n) {
    const std::string run(n, 'a'), spaces(n + 1, ' ');
    for (const std::string& text : {"# " + run + "\xC3\xA9" + run + "\nk: v", "# " + run + "\r\nk: v",
                                    "k: v # " + run, "k: v\n# " + run}) {
      EXPECT_EQ(tokens(text), "STREAM-START BMAP KEY SCALAR(k) VALUE SCALAR(v) BEND STREAM-END") << text;
    }
    EXPECT_EQ(firstScalar("|\n  " + run + "\xC3\xA9" + run + "\n  x\n"), run + "\xC3\xA9" + run + "\nx\n");
    EXPECT_EQ(firstScalar("|\n  " + run + "\r\n  x"), run + "\nx");
    EXPECT_EQ(firstScalar("|\n" + spaces + "a\n" + spaces + " b\n"), "a\n b\n") << n;
    EXPECT_EQ(tokens("k:\n" + spaces + "v: 1"),
              "STREAM-START BMAP KEY SCALAR(k) VALUE BMAP KEY SCALAR(v) VALUE SCALAR(1) BEND BEND STREAM-END")
        << n;
  }
}

}  // namespace
}  // namespace ho::encoding::yaml
