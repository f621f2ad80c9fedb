// Helm's own template functions. Like Helm, the non-must forms never fail the
// render: marshal errors become "" and parse errors land in an "Error" entry.
#include "chart/helm_functions.h"

#include "core/error.h"
#include "encoding/go_json.h"
#include "encoding/go_toml.h"
#include "encoding/go_yaml.h"
#include "templating/go_format.h"
#include "templating/go_strconv.h"
#include "templating/go_unicode.h"
#include "templating/sprig/go_time.h"
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

// The JSON type name Go's decoder reports for a value of the wrong shape.
std::string jsonKindOf(const Value& v) {
  if (v.isMap()) return "object";
  if (v.isList()) return "array";
  if (v.isString()) return "string";
  if (v.isBool()) return "bool";
  return "number";
}

// fromYamlArray/fromJsonArray: a list; on failure a one-element list with the
// message. A document of another kind fails in encoding/json, whose message
// sigs.k8s.io/yaml wraps in `wrapping` (empty for fromJsonArray).
Value listOrError(Result<Value> parsed, std::string_view wrapping) {
  if (parsed && (parsed->isList() || parsed->isNil())) {
    return parsed->isNil() ? Value::list() : std::move(*parsed);
  }
  std::string message = parsed ? std::string(wrapping) + "json: cannot unmarshal " + jsonKindOf(*parsed) +
                                     " into Go value of type []interface {}"
                               : parsed.error().message;
  return Value::list({Value::string(std::move(message))});
}

FunctionSpec unary(ParamType param, std::function<Value(const Value&)> body) {
  return {{param}, std::nullopt, [body = std::move(body)](CallContext&, std::span<const Value> args) {
            return body(args[0]);
          }};
}

// toYaml/toYamlPretty: the document without its final newline; "" when it cannot be marshalled.
FunctionSpec toYamlFunction(Result<std::string> (*emit)(const Value&)) {
  return unary(ParamType::Any, [emit](const Value& v) {
    auto yaml = emit(v);
    return Value::string(yaml ? trimTrailingNewline(std::move(*yaml)) : std::string());
  });
}

// A TOML datetime as BurntSushi makes it: offset datetimes in time.Local, the
// local kinds in the fixed zones "datetime-local", "date-local" and
// "time-local" at the local offset.
std::optional<Value> tomlTime(const encoding::TomlDatetime& datetime) {
  std::shared_ptr<const tmpl::GoLocation> location = tmpl::GoLocation::local();
  if (datetime.kind != encoding::TomlDatetimeKind::Offset) {
    const int offset = location->zoneAt(tmpl::GoTime::now().unixSeconds).offsetSeconds;
    const char* name = datetime.kind == encoding::TomlDatetimeKind::LocalDatetime ? "datetime-local"
                       : datetime.kind == encoding::TomlDatetimeKind::LocalDate   ? "date-local"
                                                                                  : "time-local";
    location = tmpl::GoLocation::fixed(name, offset);
  }
  auto parsed = tmpl::parseGoTime(datetime.layout, datetime.text, location);
  if (!parsed) return std::nullopt;
  return tmpl::timeValue(std::move(*parsed));
}

const encoding::TomlDecodeHooks& tomlHooks() {
  static const encoding::TomlDecodeHooks hooks{
      .parseDatetime = tomlTime,
      .isLetter = tmpl::unicode::isLetter,
      .quote = tmpl::quoteGo,
      .quoteRune = [](char32_t r) { return tmpl::quoteRune(r); },
  };
  return hooks;
}

}  // namespace

void registerHelmFunctions(FunctionTable& table) {
  table.add("toYaml", toYamlFunction(encoding::toYaml));
  table.add("toYamlPretty", toYamlFunction(encoding::toYamlV3));
  table.add("fromYaml", unary(ParamType::String, [](const Value& v) {
              return mapOrError(encoding::parseYaml(v.asString()));
            }));
  table.add("fromYamlArray", unary(ParamType::String, [](const Value& v) {
              return listOrError(encoding::parseYamlAny(v.asString()),
                                 "error unmarshaling JSON: while decoding JSON: ");
            }));
  table.add("toJson", unary(ParamType::Any, [](const Value& v) {
              auto json = encoding::toJson(v);
              return Value::string(json ? std::move(*json) : std::string());
            }));
  table.add("fromJson", unary(ParamType::String, [](const Value& v) {
              return mapOrError(encoding::parseJsonMap(v.asString()));
            }));
  table.add("fromJsonArray", unary(ParamType::String, [](const Value& v) {
              return listOrError(encoding::parseJson(v.asString()), "");
            }));
  table.add("toToml", unary(ParamType::Any, [](const Value& v) {
              auto toml = encoding::toToml(v);
              return Value::string(toml ? std::move(*toml) : toml.error().message);
            }));
  table.add("fromToml", unary(ParamType::String, [](const Value& v) {
              return mapOrError(encoding::parseToml(v.asString(), tomlHooks()));
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
