// Command-line values (Helm's pkg/strvals and pkg/cli/values): --set,
// --set-string, --set-file, --set-json, --set-literal parsed into a values
// map with Helm's type inference and error messages, and the merge of all
// value sources in Helm's order.
#pragma once

#include <functional>
#include <string>
#include <string_view>
#include <vector>

#include "core/error.h"
#include "core/value.h"

namespace ho::chart {

// strvals.ParseInto: "a.b=1,c[0]=x,d={e,f}" merged into `dest` (a map);
// ints become int64, true/false bools, null nil.
Result<void> parseSetInto(std::string_view line, Value& dest);
// strvals.ParseIntoString: every value stays a string.
Result<void> parseSetStringInto(std::string_view line, Value& dest);
// strvals.ParseJSON: "a.b={\"x\":1}"; the right side is JSON.
Result<void> parseSetJsonInto(std::string_view line, Value& dest);
// strvals.ParseLiteralInto: "a.b=any text, with commas" (one key, a literal string value).
Result<void> parseSetLiteralInto(std::string_view line, Value& dest);
// strvals.ParseIntoFile with a reader: "a.b=path" -> the file contents as a string.
using FileReader = std::function<Result<std::string>(const std::string& path)>;
Result<void> parseSetFileInto(std::string_view line, Value& dest, const FileReader& readFile);

// values.Options: the value flags of helm template/install, in the order given.
struct ValueOptions {
  std::vector<std::string> valueFiles;     // -f/--values (local paths; "-" is stdin)
  std::vector<std::string> jsonValues;     // --set-json
  std::vector<std::string> values;         // --set
  std::vector<std::string> stringValues;   // --set-string
  std::vector<std::string> fileValues;     // --set-file
  std::vector<std::string> literalValues;  // --set-literal
};

// values.Options.MergeValues: files merged with mergeMaps, then --set-json,
// --set, --set-string, --set-file, --set-literal; errors worded like Helm's
// ("failed parsing --set data: ...").
Result<Value> mergeValueOptions(const ValueOptions& options, const FileReader& readFile);
// Reads a local file (the default FileReader).
Result<std::string> readLocalFile(const std::string& path);

}  // namespace ho::chart
