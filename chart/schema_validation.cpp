// Helm's layer over the validator (see schema_validation.h): decoding the
// schema the way gojsonschema's bytes loader does (a json.Decoder: only the
// first value counts, "EOF" for nothing), the chart recursion and the message.
#include "chart/schema_validation.h"

#include "chart/schema_node.h"
#include "encoding/go_json.h"

namespace ho::chart {
namespace {

constexpr std::string_view kHeader =
    "values don't meet the specifications of the schema(s) in the following chart(s):\n";

bool isJsonSpace(char c) { return c == ' ' || c == '\t' || c == '\n' || c == '\r'; }

// Where the first JSON value of `text` (starting at `start`) ends, for an
// object, array or string; the whole text otherwise.
size_t firstValueEnd(std::string_view text, size_t start) {
  int depth = 0;
  bool inString = false;
  for (size_t i = start; i < text.size(); ++i) {
    char c = text[i];
    if (inString) {
      if (c == '\\') {
        ++i;
      } else if (c == '"') {
        inString = false;
        if (depth == 0) return i + 1;
      }
    } else if (c == '"') {
      inString = true;
    } else if (c == '{' || c == '[') {
      ++depth;
    } else if (c == '}' || c == ']') {
      if (--depth <= 0) return i + 1;
    } else if (depth == 0) {
      return text.size();
    }
  }
  return text.size();
}

// gojsonschema's decodeJSONUsingNumber: json.NewDecoder(...).Decode.
Result<Value> decodeFirstJsonValue(std::string_view text) {
  size_t start = 0;
  while (start < text.size() && isJsonSpace(text[start])) ++start;
  if (start == text.size()) return Error{"EOF"};
  Result<Value> parsed = encoding::parseJson(text);
  if (parsed) return parsed;
  const std::string& message = parsed.error().message;
  if (message == "unexpected end of JSON input") return Error{"unexpected EOF"};
  if (message.find("after top-level value") != std::string::npos) {
    return encoding::parseJson(text.substr(0, firstValueEnd(text, start)));
  }
  return parsed;
}

// ValidateAgainstSchema without the header: "<chart>:\n<errors>" per chart.
std::string schemaFailures(const Chart& chart, const Value& values) {
  std::string out;
  if (!chart.schema.empty()) {
    Result<void> checked = validateAgainstSingleSchema(values, chart.schema);
    if (!checked) out += chart.name() + ":\n" + checked.error().message;
  }
  for (const auto& subchart : chart.dependencies()) {
    const Value* subValues = values.find(subchart->name());
    out += schemaFailures(*subchart, subValues != nullptr ? *subValues : Value::nil());
  }
  return out;
}

}  // namespace

Result<void> validateAgainstSingleSchema(const Value& values, std::string_view schemaJson) {
  Result<Value> document = decodeFirstJsonValue(schemaJson);
  if (!document) return document.error();
  Result<CompiledSchema> schema = compileSchema(*document);
  if (!schema) return schema.error();
  // Helm validates the values' JSON form, and null as an empty object.
  const Value& subject = values.isNil() ? Value::map() : values;
  std::string lines;
  for (const SchemaViolation& violation : validateDocument(*schema, subject)) {
    lines += "- " + violation.line() + "\n";
  }
  if (lines.empty()) return {};
  return Error{lines};
}

Result<void> validateAgainstSchema(const Chart& chart, const Value& values) {
  std::string failures = schemaFailures(chart, values);
  if (failures.empty()) return {};
  return Error{std::string(kHeader) + failures};
}

}  // namespace ho::chart
