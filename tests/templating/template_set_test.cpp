// TemplateSet: templates from several texts, redefinition rules, include- and
// tpl-style nested execution through CallContext, and concurrent rendering.
#include <gtest/gtest.h>

#include <thread>
#include <vector>

#include "template_test_support.h"

namespace ho::tmpl {
namespace {

using namespace testing;

std::string run(const TemplateSet& set, std::string_view name, const Value& data = Value()) {
  Rendered r = renderWith(set, name, data);
  return r.ok ? r.text : "ERROR: " + r.text;
}

TEST(TemplateSet_Parse, DefinesFromEveryTextAreShared) {
  TemplateSet set(testFunctions());
  ASSERT_TRUE(set.parse("a.yaml", "{{ define \"helper\" }}H{{ . }}{{ end }}"));
  ASSERT_TRUE(set.parse("b.yaml", "b:{{ template \"helper\" 1 }}{{ include \"helper\" 2 }}"));
  EXPECT_TRUE(set.has("helper"));
  EXPECT_TRUE(set.has("a.yaml"));
  EXPECT_FALSE(set.has("c.yaml"));
  EXPECT_EQ(run(set, "b.yaml"), "b:H1H2");
  EXPECT_EQ(run(set, "a.yaml"), "");
}

TEST(TemplateSet_Parse, LaterDefinitionsReplaceButEmptyOnesDoNot) {
  TemplateSet set(testFunctions());
  ASSERT_TRUE(set.parse("1", "{{ define \"x\" }}first{{ end }}"));
  ASSERT_TRUE(set.parse("2", "{{ define \"x\" }}second{{ end }}"));
  ASSERT_TRUE(set.parse("3", "{{ define \"x\" }}  {{ end }}"));
  ASSERT_TRUE(set.parse("main", "{{ template \"x\" }}"));
  EXPECT_EQ(run(set, "main"), "second");
}

TEST(TemplateSet_Parse, ParseErrorsNameTheText) {
  TemplateSet set(testFunctions());
  auto result = set.parse("chart/templates/x.yaml", "ok\n{{ nope }}");
  ASSERT_FALSE(result);
  EXPECT_EQ(result.error().message, "template: chart/templates/x.yaml:2: function \"nope\" not defined");
}

// A text parsed again under another name (vendored library charts) shares the
// first parse's trees; everything that names the file names the new one.
TEST(TemplateSet_Parse, RepeatedTextsActAsTheirOwnFiles) {
  TemplateSet set(testFunctions());
  const std::string text = "{{ define \"lib.name\" }}N{{ . }}{{ end }}{{ template \"lib.name\" 1 }}\n{{ .Missing.x }}";
  ASSERT_TRUE(set.parse("a/charts/lib/templates/_x.tpl", text));
  ASSERT_TRUE(set.parse("b/charts/lib/templates/_x.tpl", text));
  EXPECT_TRUE(set.has("lib.name"));
  const Value data = Value::map(Map{{"Missing", Value::map()}});
  EXPECT_EQ(run(set, "a/charts/lib/templates/_x.tpl", data), "N1\n<no value>");
  EXPECT_EQ(run(set, "b/charts/lib/templates/_x.tpl", data), "N1\n<no value>");
  const Value wrong = Value::map(Map{{"Missing", Value::string("s")}});
  EXPECT_EQ(run(set, "b/charts/lib/templates/_x.tpl", wrong),
            "ERROR: template: b/charts/lib/templates/_x.tpl:2:11: executing \"b/charts/lib/templates/_x.tpl\" at "
            "<.Missing.x>: can't evaluate field x in type interface {}");
  // The define of the later text wins, as with a fresh parse: both are the same.
  EXPECT_EQ(run(set, "lib.name", Value::integer(2, GoType::Int)), "N2");
}

// A text that names its own file (or the new one) in a define is parsed again:
// the define keeps its literal name.
TEST(TemplateSet_Parse, RepeatedTextsNamingAFileAreParsedAgain) {
  TemplateSet set(testFunctions());
  const std::string text = "{{ define \"x.yaml\" }}define{{ end }}";
  ASSERT_TRUE(set.parse("x.yaml", text));
  ASSERT_TRUE(set.parse("y.yaml", text));
  EXPECT_EQ(run(set, "x.yaml"), "define");
  EXPECT_EQ(run(set, "y.yaml"), "");
  const std::string other = "{{ define `z.yaml` }}z{{ end }}body";
  ASSERT_TRUE(set.parse("w.yaml", other));
  ASSERT_FALSE(set.parse("z.yaml", other));  // a second non-empty z.yaml, as Go says
}

TEST(TemplateSet_Execute, UnknownTemplate) {
  TemplateSet set(testFunctions());
  EXPECT_EQ(run(set, "x"), "ERROR: template: no template \"x\" associated with template \"gotpl\"");
  ASSERT_TRUE(set.parse("t", "{{ include \"nope\" . }}"));
  EXPECT_EQ(run(set, "t"), "ERROR: template: t:1:3: executing \"t\" at <include \"nope\" .>: error calling include: "
                           "template: no template \"nope\" associated with template \"gotpl\"");
}

TEST(TemplateSet_Execute, IncludeErrorsCarryTheInnerError) {
  TemplateSet set(testFunctions());
  ASSERT_TRUE(set.parse("t", "{{ define \"d\" }}{{ .x.y }}{{ end }}{{ include \"d\" 1 }}"));
  EXPECT_EQ(run(set, "t"), "ERROR: template: t:1:38: executing \"t\" at <include \"d\" 1>: error calling include: "
                           "template: t:1:21: executing \"d\" at <.x.y>: can't evaluate field x in type int");
}

TEST(TemplateSet_Execute, IncludeNestsAndRecursesWithData) {
  TemplateSet set(testFunctions());
  ASSERT_TRUE(set.parse("t", R"({{ define "count" }}{{ if gt . 0 }}{{ . }}{{ include "count" (len (slice (list 1 2 3 4 5 6 7 8 9) 1 .)) }}{{ end }}{{ end }}{{ include "count" 5 }})"));
  EXPECT_EQ(run(set, "t"), "54321");
}

TEST(TemplateSet_Execute, TplSeesDefinesButItsOwnDoNotLeak) {
  TemplateSet set(testFunctions());
  ASSERT_TRUE(set.parse("helpers", "{{ define \"h\" }}H{{ end }}"));
  ASSERT_TRUE(set.parse("t", "{{ tpl \"{{ define \\\"own\\\" }}O{{ end }}{{ include \\\"h\\\" . }}{{ include \\\"own\\\" . }}{{ .v }}\" . }}"
                             "|{{ include \"own\" . }}"));
  EXPECT_EQ(run(set, "t", map({{"v", str("V")}})),
            "ERROR: template: t:1:100: executing \"t\" at <include \"own\" .>: error calling include: "
            "template: no template \"own\" associated with template \"gotpl\"");
  ASSERT_TRUE(set.parse("u", "{{ tpl \"{{ define \\\"own\\\" }}O{{ end }}{{ include \\\"h\\\" . }}{{ include \\\"own\\\" . }}{{ .v }}\" . }}"));
  EXPECT_EQ(run(set, "u", map({{"v", str("V")}})), "HOV");
  EXPECT_FALSE(set.has("own"));
}

TEST(TemplateSet_Execute, TplErrorsNameTheRootTemplate) {
  TemplateSet set(testFunctions());
  ASSERT_TRUE(set.parse("t", "{{ tpl \"{{ nope }}\" . }}"));
  EXPECT_EQ(run(set, "t"), "ERROR: template: t:1:3: executing \"t\" at <tpl \"{{ nope }}\" .>: error calling tpl: "
                           "template: gotpl:1: function \"nope\" not defined");
  ASSERT_TRUE(set.parse("u", "{{ tpl \"{{ .a.b }}\" 1 }}"));
  EXPECT_EQ(run(set, "u"), "ERROR: template: u:1:3: executing \"u\" at <tpl \"{{ .a.b }}\" 1>: error calling tpl: "
                           "template: gotpl:1:5: executing \"gotpl\" at <.a.b>: can't evaluate field a in type int");
}

TEST(TemplateSet_Execute, DeepIncludeRecursionFailsCleanly) {
  TemplateSet set(testFunctions());
  ASSERT_TRUE(set.parse("t", "{{ define \"r\" }}{{ include \"r\" . }}{{ end }}{{ include \"r\" . }}"));
  auto result = set.execute("t", Value());
  ASSERT_FALSE(result);
  EXPECT_NE(result.error().message.find("exceeded maximum template depth"), std::string::npos);
}

TEST(TemplateSet_Execute, ConcurrentExecutionsShareOneParsedSet) {
  TemplateSet set(testFunctions());
  ASSERT_TRUE(set.parse("t", "{{ define \"row\" }}{{ .k }}={{ .v }};{{ end }}"
                             "{{ range $k, $v := .items }}{{ include \"row\" (dict \"k\" $k \"v\" $v) }}{{ end }}"));
  Value data = map({{"items", map({{"a", num(1)}, {"b", str("x")}})}});
  std::vector<std::thread> threads;
  std::vector<std::string> results(4);
  for (std::size_t t = 0; t < results.size(); ++t) {
    threads.emplace_back([&, t] {
      for (int i = 0; i < 200; ++i) results[t] = run(set, "t", data);
    });
  }
  for (auto& thread : threads) thread.join();
  for (const auto& r : results) EXPECT_EQ(r, "a=1;b=x;");
}

TEST(TemplateSet_Execute, ExecuteIntoKeepsOutputWrittenBeforeAnError) {
  TemplateSet set(testFunctions());
  ASSERT_TRUE(set.parse("t", "before{{ fail \"x\" }}after"));
  std::string out = "prefix:";
  EXPECT_FALSE(set.executeInto("t", Value(), out));
  EXPECT_EQ(out, "prefix:before");
}

}  // namespace
}  // namespace ho::tmpl

namespace ho::tmpl {
namespace {

TEST(TemplateSet_Execute, ExecuteTextSignalsParseFailuresApart) {
  auto table = std::make_shared<FunctionTable>();
  table->add("tplKind", {{ParamType::String}, std::nullopt, [](CallContext& ctx, std::span<const Value> a) {
                           try {
                             return Value::string(ctx.executeText(a[0].asString(), Value()));
                           } catch (const TextParseFailure& parse) {
                             return Value::string(std::string("parse: ") + parse.what());
                           } catch (const Failure& exec) {
                             return Value::string(std::string("exec: ") + exec.what());
                           }
                         }});
  TemplateSet set(table);
  ASSERT_TRUE(set.parse("t", "{{ tplKind \"{{ (\" }}|{{ tplKind \"{{ nil }}\" }}"));
  auto result = set.execute("t", Value());
  ASSERT_TRUE(result) << result.error().message;
  EXPECT_EQ(*result, "parse: template: gotpl:1: unclosed action|"
                     "exec: template: gotpl:1:3: executing \"gotpl\" at <nil>: nil is not a command");
}

}  // namespace
}  // namespace ho::tmpl
