// The test function table and render helpers (see template_test_support.h).
#include "template_test_support.h"

#include <cctype>

#include "core/error.h"

namespace ho::tmpl::testing {

std::shared_ptr<const FunctionTable> testFunctions() {
  static const auto table = [] {
    auto t = std::make_shared<FunctionTable>();
    t->add("upper", {{ParamType::String}, std::nullopt, [](CallContext&, std::span<const Value> a) {
                       std::string s = a[0].asString();
                       for (char& c : s) c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
                       return Value::string(s);
                     }});
    t->add("fail", {{ParamType::String}, std::nullopt, [](CallContext&, std::span<const Value> a) -> Value {
                      throw Failure(a[0].asString());
                    }});
    t->add("add1", {{ParamType::Int64}, std::nullopt, [](CallContext&, std::span<const Value> a) {
                      return Value::integer(a[0].asInt() + 1);
                    }});
    t->add("half", {{ParamType::Float64}, std::nullopt, [](CallContext&, std::span<const Value> a) {
                      return Value::floating(a[0].asFloat() / 2);
                    }});
    t->add("typeOf", {{ParamType::Any}, std::nullopt, [](CallContext&, std::span<const Value> a) {
                        return Value::string(a[0].typeName());
                      }});
    t->add("list", {{}, ParamType::Any, [](CallContext&, std::span<const Value> a) {
                      return Value::list(List(a.begin(), a.end()));
                    }});
    t->add("dict", {{}, ParamType::Any, [](CallContext&, std::span<const Value> a) {
                      Map m;
                      for (std::size_t i = 0; i + 1 < a.size(); i += 2) m[a[i].asString()] = a[i + 1];
                      return Value::map(std::move(m));
                    }});
    t->add("join", {{ParamType::String, ParamType::StringList}, std::nullopt, [](CallContext&, std::span<const Value> a) {
                      std::string s;
                      for (const Value& v : a[1].asList()) s += (s.empty() ? "" : a[0].asString()) + v.asString();
                      return Value::string(s);
                    }});
    t->add("include", {{ParamType::String, ParamType::Any}, std::nullopt, [](CallContext& ctx, std::span<const Value> a) {
                         return Value::string(ctx.executeTemplate(a[0].asString(), a[1]));
                       }});
    t->add("tpl", {{ParamType::String, ParamType::Any}, std::nullopt, [](CallContext& ctx, std::span<const Value> a) {
                     return Value::string(ctx.executeText(a[0].asString(), a[1]));
                   }});
    return std::shared_ptr<const FunctionTable>(t);
  }();
  return table;
}

Rendered renderWith(const TemplateSet& set, std::string_view name, const Value& data) {
  auto result = set.execute(name, data);
  if (!result) return {false, result.error().message};
  return {true, *result};
}

Rendered render(std::string_view text, const Value& data, MissingKey mode) {
  TemplateSet set(testFunctions());
  set.setMissingKey(mode);
  if (auto parsed = set.parse("t", text); !parsed) return {false, parsed.error().message};
  return renderWith(set, "t", data);
}

}  // namespace ho::tmpl::testing
