// Native objects (.Chart, .Capabilities, .Files in Helm): fields, methods with
// arguments, and Go's errors for misuse.
#include <gtest/gtest.h>

#include "template_test_support.h"

namespace ho::tmpl {
namespace {

using namespace testing;

class Metadata final : public Object {
 public:
  std::string typeName() const override { return "*chart.Metadata"; }
  std::optional<Value> field(std::string_view name) const override {
    if (name == "Name") return Value::string("mychart");
    if (name == "Deprecated") return Value::boolean(false);
    return std::nullopt;
  }
  bool hasMethod(std::string_view name) const override { return name == "Get"; }
  Value callMethod(std::string_view name, std::span<const Value> args) const override {
    if (args.size() != 1) {
      throw Failure("wrong number of args for " + std::string(name) + ": want 1 got " + std::to_string(args.size()));
    }
    return Value::string("got:" + args[0].asString());
  }
  std::string format() const override { return "{mychart}"; }
};

Value data() { return map({{"Chart", Value::object(std::make_shared<Metadata>())}}); }

TEST(Exec_Objects, FieldsAndMethods) {
  EXPECT_EQ(out("{{ .Chart.Name }}|{{ .Chart.Deprecated }}|{{ .Chart.Get \"x\" }}|{{ \"y\" | .Chart.Get }}", data()),
            "mychart|false|got:x|got:y");
  EXPECT_EQ(out("{{ with .Chart }}{{ .Name }}{{ end }}", data()), "mychart");
}

TEST(Exec_Objects, MisuseErrors) {
  EXPECT_EQ(err("{{ .Chart.Nope }}", data()),
            "template: t:1:9: executing \"t\" at <.Chart.Nope>: can't evaluate field Nope in type interface {}");
  EXPECT_EQ(err("{{ with .Chart }}{{ .Nope }}{{ end }}", data()),
            "template: t:1:20: executing \"t\" at <.Nope>: can't evaluate field Nope in type *chart.Metadata");
  EXPECT_EQ(err("{{ .Chart.Name 1 }}", data()),
            "template: t:1:9: executing \"t\" at <.Chart.Name>: Name has arguments but cannot be invoked as function");
  EXPECT_EQ(err("{{ .Chart.Get }}", data()),
            "template: t:1:9: executing \"t\" at <.Chart.Get>: wrong number of args for Get: want 1 got 0");
}

// A map-kind object (like Helm's map[string][]byte .Files) that counts how
// often its entries are built.
class CountingFiles final : public Object {
 public:
  explicit CountingFiles(int& built) : built_(built) {}
  std::string typeName() const override { return "chartutil.Files"; }
  std::string kindName() const override { return "map"; }
  std::optional<Value> field(std::string_view) const override { return std::nullopt; }
  std::string format() const override { return "map[a:[120] b:[121]]"; }
  std::optional<Value> contents() const override {
    ++built_;
    return map({{"a", Value::string("x")}, {"b", Value::string("y")}});
  }
  std::optional<std::vector<std::string>> keys() const override { return std::vector<std::string>{"a", "b"}; }

 private:
  int& built_;
};

TEST(Exec_Objects, RangeOverMapObjectBuildsEntriesOnlyWhenTheBodyReadsThem) {
  int built = 0;
  Value files = map({{"Files", Value::object(std::make_shared<CountingFiles>(built))}, {"n", Value::string("N")}});
  // Keys only: the element variable and dot are never read in the body.
  EXPECT_EQ(out("{{ range $k, $_ := .Files }}{{ $k }}{{ $.n }}{{ end }}", files), "aNbN");
  EXPECT_EQ(out("{{ range .Files }}-{{ end }}", files), "--");
  EXPECT_EQ(out("{{ range $k, $v := .Files }}{{ break }}{{ end }}", files), "");
  EXPECT_EQ(built, 0);
  // Reading the element (by variable, dot or a field of dot) builds them.
  EXPECT_EQ(out("{{ range $k, $v := .Files }}{{ $k }}={{ $v }} {{ end }}", files), "a=x b=y ");
  EXPECT_EQ(out("{{ range .Files }}{{ . }}{{ end }}", files), "xy");
  EXPECT_EQ(out("{{ range $v := .Files }}{{ $v }}{{ end }}", files), "xy");
  EXPECT_EQ(out("{{ range .Files }}{{ if true }}{{ template \"t2\" . }}{{ end }}{{ end }}{{ define \"t2\" }}[{{ . }}]{{ end }}",
                files),
            "[x][y]");
  EXPECT_EQ(built, 4);
}

}  // namespace
}  // namespace ho::tmpl
