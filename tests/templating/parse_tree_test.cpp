// Parser tests: a template parses to a tree that prints back as Go's parse
// nodes print (cases in the spirit of Go's parse_test.go), and malformed
// templates fail with Go's messages.
#include <gtest/gtest.h>
#include <sys/mman.h>

#include <memory>

#include "template_test_support.h"
#include "templating/parser.h"

namespace ho::tmpl {
namespace {

using testing::testFunctions;

// The main tree printed back, or "ERROR: <message>".
std::string tree(std::string_view text) {
  auto trees = parseTemplate("t", text, *testFunctions());
  if (!trees) return "ERROR: " + trees.error().message;
  return trees->back()->root->str();
}

std::string parseError(std::string_view text) {
  auto trees = parseTemplate("t", text, *testFunctions());
  return trees ? "OK: " + trees->back()->root->str() : trees.error().message;
}

TEST(Parse_Tree, PrintsActionsAndPipelinesBack) {
  EXPECT_EQ(tree(""), "");
  EXPECT_EQ(tree("some text"), "some text");
  EXPECT_EQ(tree("{{.X}}"), "{{.X}}");
  EXPECT_EQ(tree("{{ .X.Y.Z }}"), "{{.X.Y.Z}}");
  EXPECT_EQ(tree("{{$}}"), "{{$}}");
  EXPECT_EQ(tree("{{$x := 3}}{{$x.Y}}"), "{{$x := 3}}{{$x.Y}}");
  EXPECT_EQ(tree("{{.X | upper | printf \"%s\"}}"), "{{.X | upper | printf \"%s\"}}");
  EXPECT_EQ(tree("{{(.X).Y (1) | print}}"), "{{(.X).Y (1) | print}}");
  EXPECT_EQ(tree("{{3 `raw` 'a' 0x1F 1e3 -7 true nil}}"), "{{3 `raw` 'a' 0x1F 1e3 -7 true nil}}");
  EXPECT_EQ(tree("{{$x := 1}}{{$x = 2}}"), "{{$x := 1}}{{$x = 2}}");
}

TEST(Parse_Tree, PrintsControlStructuresBack) {
  EXPECT_EQ(tree("{{if .X}}a{{end}}"), "{{if .X}}a{{end}}");
  EXPECT_EQ(tree("{{if .X}}a{{else}}b{{end}}"), "{{if .X}}a{{else}}b{{end}}");
  EXPECT_EQ(tree("{{if .X}}a{{else if .Y}}b{{else}}c{{end}}"),
            "{{if .X}}a{{else}}{{if .Y}}b{{else}}c{{end}}{{end}}");
  EXPECT_EQ(tree("{{with .X}}a{{else with .Y}}b{{end}}"), "{{with .X}}a{{else}}{{with .Y}}b{{end}}{{end}}");
  EXPECT_EQ(tree("{{range $i, $v := .X}}{{$i}}{{break}}{{continue}}{{else}}e{{end}}"),
            "{{range $i, $v := .X}}{{$i}}{{break}}{{continue}}{{else}}e{{end}}");
  EXPECT_EQ(tree("{{template `x`}}{{template \"y\" .Z}}"), "{{template \"x\"}}{{template \"y\" .Z}}");
  EXPECT_EQ(tree("{{block \"b\" .}}body{{end}}"), "{{template \"b\" .}}");
  EXPECT_EQ(tree("a{{/* comment */}}b"), "ab");
}

TEST(Parse_Tree, TrimMarkersEatSurroundingSpace) {
  EXPECT_EQ(tree("a  {{- 1 -}}  b"), "a{{1}}b");
  EXPECT_EQ(tree("x \n {{- /* c */ -}} \n y"), "xy");
  EXPECT_EQ(tree("{{-1}}"), "{{-1}}");  // no space: a negative number, not a trim marker
}

TEST(Parse_Tree, DefinesBecomeTheirOwnTrees) {
  auto trees = parseTemplate("file", "a{{define \"x\"}}X{{end}}b{{block \"y\" .}}Y{{end}}", *testFunctions());
  ASSERT_TRUE(trees);
  ASSERT_EQ(trees->size(), 3u);
  EXPECT_EQ((*trees)[0]->name, "x");
  EXPECT_EQ((*trees)[0]->root->str(), "X");
  EXPECT_EQ((*trees)[1]->name, "y");
  EXPECT_EQ((*trees)[2]->name, "file");
  EXPECT_EQ((*trees)[2]->root->str(), "ab{{template \"y\" .}}");
  EXPECT_EQ((*trees)[0]->parseName, "file");
}

TEST(Parse_Errors, ReportGoMessages) {
  EXPECT_EQ(parseError("{{ foo }}"), "template: t:1: function \"foo\" not defined");
  EXPECT_EQ(parseError("{{ $x }}"), "template: t:1: undefined variable \"$x\"");
  EXPECT_EQ(parseError("{{ .a\n"), "template: t:2: unclosed action started at t:1");
  EXPECT_EQ(parseError("{{ .a"), "template: t:1: unclosed action");
  EXPECT_EQ(parseError("{{ 3}\n"), "template: t:1: unexpected \"}\" in operand");
  EXPECT_EQ(parseError("{{ if 1 }}\n"), "template: t:2: unexpected EOF");
  EXPECT_EQ(parseError("{{ end }}"), "template: t:1: unexpected {{end}}");
  EXPECT_EQ(parseError("{{ else }}"), "template: t:1: unexpected {{else}}");
  EXPECT_EQ(parseError("{{/* c */ }}"), "template: t:1: comment ends before closing delimiter");
  EXPECT_EQ(parseError("{{/* c "), "template: t:1: unclosed comment");
  EXPECT_EQ(parseError("{{ \"abc }}"), "template: t:1: unterminated quoted string");
  EXPECT_EQ(parseError("{{ `abc }}"), "template: t:1: unterminated raw quoted string");
  EXPECT_EQ(parseError("{{ 'ab }}"), "template: t:1: unterminated character constant");
  EXPECT_EQ(parseError("{{ break }}"), "template: t:1: {{break}} outside {{range}}");
  EXPECT_EQ(parseError("{{ range .}}{{ else }}{{ continue }}{{ end }}"), "template: t:1: {{continue}} outside {{range}}");
  EXPECT_EQ(parseError("{{ with 1 }}{{ else if 2 }}{{ end }}"), "template: t:1: unexpected <if> in input");
  EXPECT_EQ(parseError("{{ if 1 }}{{ else with 2 }}{{ end }}"), "template: t:1: unexpected <with> in input");
  EXPECT_EQ(parseError("{{ 1 | 2 }}"), "template: t:1: non executable command in pipeline stage 2");
  EXPECT_EQ(parseError("{{ .a-}}"), "template: t:1: bad character U+002D '-'");
  EXPECT_EQ(parseError("{{ $x, $y := 1 }}"), "template: t:1: too many declarations in command");
  EXPECT_EQ(parseError("{{ range $x, $y, $z := . }}{{ end }}"), "template: t:1: too many declarations in range");
  EXPECT_EQ(parseError("{{ ( }}"), "template: t:1: unclosed left paren");
  EXPECT_EQ(parseError("{{ ) }}"), "template: t:1: unexpected right paren");
  EXPECT_EQ(parseError("{{ }}"), "template: t:1: missing value for command");
  EXPECT_EQ(parseError("{{ if }}{{ end }}"), "template: t:1: missing value for if");
  EXPECT_EQ(parseError("{{ 1.x }}"), "template: t:1: bad number syntax: \"1.x\"");
  EXPECT_EQ(parseError("{{ \"a\".x }}"), "template: t:1: unexpected . after term \"\\\"a\\\"\"");
  EXPECT_EQ(parseError("{{ template . }}"), "template: t:1: unexpected <.> in template clause");
  EXPECT_EQ(parseError("{{ define \"a\" }}x{{ else }}{{ end }}"), "template: t:1: unexpected {{else}} in define clause");
  EXPECT_EQ(parseError("{{ x := 1 }}"), "template: t:1: function \"x\" not defined");
  EXPECT_EQ(parseError("{{ .a b }}"), "template: t:1: function \"b\" not defined");
  EXPECT_EQ(parseError("{{ \"a\" | \"looooooooooong\" }}"), "template: t:1: non executable command in pipeline stage 2");
  EXPECT_EQ(parseError("{{ if 1 }}{{ else }}{{ else }}{{ end }}"), "template: t:1: expected end; found {{else}}");
  EXPECT_EQ(parseError("{{ .x \x01 }}"), "template: t:1: unrecognized character in action: U+0001");
}

TEST(Parse_Errors, MultipleDefinitionInOneText) {
  EXPECT_EQ(parseError("{{ define \"a\" }}x{{ end }}{{ define \"a\" }}y{{ end }}"),
            "template: t:1: template: multiple definition of template \"a\"");
  // An empty redefinition is ignored.
  EXPECT_EQ(parseError("{{ define \"a\" }}x{{ end }}{{ define \"a\" }} {{ end }}ok"), "OK: ok");
}

TEST(Parse_Numbers, AcceptGoForms) {
  EXPECT_EQ(parseError("{{ 0x1p-2 }}{{ 1_000 }}{{ 0b101 }}{{ 0o17 }}{{ 017 }}{{ 0X1F }}{{ .5 }}{{ +5 }}"),
            "OK: {{0x1p-2}}{{1_000}}{{0b101}}{{0o17}}{{017}}{{0X1F}}{{.5}}{{+5}}");
}

TEST(Parse_Numbers, RejectMalformedOnes) {
  EXPECT_EQ(parseError("{{ 08 }}"), "template: t:1: integer overflow: \"08\"");
  EXPECT_EQ(parseError("{{ 99999999999999999999 }}"), "template: t:1: integer overflow: \"99999999999999999999\"");
  EXPECT_EQ(parseError("{{ 0x1.8 }}"), "template: t:1: illegal number syntax: \"0x1.8\"");
  EXPECT_EQ(parseError("{{ 1e }}"), "template: t:1: illegal number syntax: \"1e\"");
  EXPECT_EQ(parseError("{{ 1__0 }}"), "template: t:1: illegal number syntax: \"1__0\"");
  EXPECT_EQ(parseError("{{ 0x }}"), "template: t:1: illegal number syntax: \"0x\"");
}

TEST(Parse_Errors, LineIsThatOfTheFurthestToken) {
  EXPECT_EQ(parseError("a\nb\n{{ nope }}"), "template: t:3: function \"nope\" not defined");
  EXPECT_EQ(parseError("{{ if 1 }}\n\n{{ end }}{{ end }}"), "template: t:3: unexpected {{end}}");
}

TEST(Parse_Errors, HostileNestingFailsCleanly) {
  std::string deep(200000, '(');
  deep = "{{ " + deep + "1" + std::string(200000, ')') + " }}";
  EXPECT_EQ(parseError(deep).rfind("template: t:1: exceeded maximum template nesting depth", 0), 0u);
}

// Node offsets are 32 bits: a source past 4 GiB is refused before any byte of
// it is read (an untouched, unbacked mapping stands in for the text).
TEST(ParseTree, SourcesOver4GiBAreRefused) {
  constexpr std::size_t size = (std::size_t{1} << 32) + 1;
  void* pages = mmap(nullptr, size, PROT_READ, MAP_PRIVATE | MAP_ANONYMOUS | MAP_NORESERVE, -1, 0);
  ASSERT_NE(pages, MAP_FAILED);
  std::shared_ptr<const void> owner(pages, [](const void* p) { munmap(const_cast<void*>(p), size); });
  auto trees = parseTemplate("huge", SharedText(owner, std::string_view(static_cast<const char*>(pages), size)),
                             *testFunctions());
  ASSERT_FALSE(trees.ok());
  EXPECT_EQ(trees.error().message, "template: huge: source larger than 4 GiB");
}

}  // namespace
}  // namespace ho::tmpl
