// Sprig's JSON functions over encoding/go_json: the plain forms swallow
// marshal errors into "", the must* forms report them.
#include "templating/sprig/json.h"

#include "encoding/go_json.h"

namespace ho::tmpl {
namespace {

using encoding::JsonStyle;

JsonStyle prettyStyle() {
  JsonStyle style;
  style.indent = "  ";
  return style;
}

JsonStyle rawStyle() {
  JsonStyle style;
  style.escapeHtml = false;
  return style;
}

void addEncoder(FunctionTable& table, const std::string& name, JsonStyle style) {
  table.add(name, {{ParamType::Any}, std::nullopt, [style](CallContext&, std::span<const Value> args) {
                     auto json = encoding::toJson(args[0], style);
                     return Value::string(json ? std::move(*json) : std::string());
                   }});
  std::string mustName = "must" + name;
  mustName[4] = 'T';
  table.add(mustName, {{ParamType::Any}, std::nullopt, [style](CallContext&, std::span<const Value> args) {
                         auto json = encoding::toJson(args[0], style);
                         if (!json) throw Failure(json.error().message);
                         return Value::string(std::move(*json));
                       }});
}

}  // namespace

void registerJsonFunctions(FunctionTable& table) {
  addEncoder(table, "toJson", {});
  addEncoder(table, "toPrettyJson", prettyStyle());
  addEncoder(table, "toRawJson", rawStyle());
  table.add("mustFromJson", {{ParamType::String}, std::nullopt, [](CallContext&, std::span<const Value> args) {
                               auto value = encoding::parseJson(args[0].asString());
                               if (!value) throw Failure(value.error().message);
                               return std::move(*value);
                             }});
}

}  // namespace ho::tmpl
