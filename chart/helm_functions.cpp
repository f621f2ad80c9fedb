// Helm's own template functions. Like Helm, the non-must forms never fail the
// render: marshal errors become "" and parse errors land in an "Error" entry.
#include "chart/helm_functions.h"

#include "core/error.h"
#include "encoding/go_json.h"
#include "encoding/go_toml.h"
#include "encoding/go_yaml.h"
#include "templating/sprig/sprig.h"

namespace ho::chart {
namespace {

using tmpl::CallContext;
using tmpl::FunctionSpec;
using tmpl::FunctionTable;
using tmpl::ParamType;

std::string trimTrailingNewline(std::string text) {
  if (!text.empty() && text.back() == '\n') text.pop_back();
  return text;
}

// fromYaml/fromJson: the map (empty for null); on failure {"Error": message}.
Value mapOrError(Result<Value> parsed) {
  if (parsed && parsed->isMap()) return std::move(*parsed);
  Map result;
  if (!parsed) result.emplace("Error", Value::string(parsed.error().message));
  return Value::map(std::move(result));
}

// fromYamlArray/fromJsonArray: a list; on failure a one-element list with the message.
Value listOrError(Result<Value> parsed, std::string_view sourceKind) {
  if (parsed && (parsed->isList() || parsed->isNil())) {
    return parsed->isNil() ? Value::list() : std::move(*parsed);
  }
  std::string message = parsed ? "json: cannot unmarshal " + std::string(sourceKind) +
                                     " into Go value of type []interface {}"
                               : parsed.error().message;
  return Value::list({Value::string(std::move(message))});
}

// The JSON type name Go's decoder reports for a value of the wrong shape.
std::string jsonKindOf(const Value& v) {
  if (v.isMap()) return "object";
  if (v.isList()) return "array";
  if (v.isString()) return "string";
  if (v.isBool()) return "bool";
  return "number";
}

FunctionSpec unary(ParamType param, std::function<Value(const Value&)> body) {
  return {{param}, std::nullopt, [body = std::move(body)](CallContext&, std::span<const Value> args) {
            return body(args[0]);
          }};
}

}  // namespace

void registerHelmFunctions(FunctionTable& table) {
  table.add("toYaml", unary(ParamType::Any, [](const Value& v) {
              auto yaml = encoding::toYaml(v);
              return Value::string(yaml ? trimTrailingNewline(std::move(*yaml)) : std::string());
            }));
  table.add("fromYaml", unary(ParamType::String, [](const Value& v) {
              return mapOrError(encoding::parseYaml(v.asString()));
            }));
  table.add("fromYamlArray", unary(ParamType::String, [](const Value& v) {
              auto parsed = encoding::parseYamlAny(v.asString());
              return listOrError(std::move(parsed), parsed && !parsed->isNil() ? jsonKindOf(*parsed) : "");
            }));
  table.add("toJson", unary(ParamType::Any, [](const Value& v) {
              auto json = encoding::toJson(v);
              return Value::string(json ? std::move(*json) : std::string());
            }));
  table.add("fromJson", unary(ParamType::String, [](const Value& v) {
              return mapOrError(encoding::parseJsonMap(v.asString()));
            }));
  table.add("fromJsonArray", unary(ParamType::String, [](const Value& v) {
              auto parsed = encoding::parseJson(v.asString());
              std::string kind = parsed ? jsonKindOf(*parsed) : "";
              return listOrError(std::move(parsed), kind);
            }));
  table.add("toToml", unary(ParamType::Any, [](const Value& v) {
              auto toml = encoding::toToml(v);
              return Value::string(toml ? std::move(*toml) : toml.error().message);
            }));
  // Offline rendering (helm template) has no cluster: lookup finds nothing.
  table.add("lookup", {{ParamType::String, ParamType::String, ParamType::String, ParamType::String},
                       std::nullopt,
                       [](CallContext&, std::span<const Value>) { return Value::map(); }});
}

tmpl::FunctionTable helmFunctionTable() {
  FunctionTable table;
  tmpl::registerSprigFunctions(table);
  registerHelmFunctions(table);
  return table;
}

}  // namespace ho::chart
