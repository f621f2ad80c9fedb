// Numbers and JSON text as gojsonschema sees them: it decodes documents with
// json.Number, so a number is its encoding/json text, compared as an exact
// rational (math/big.Rat), and const/enum/uniqueItems compare canonical JSON
// (numbers re-read as float64 and printed again).
#pragma once

#include <string>
#include <string_view>

#include "core/value.h"

namespace ho::chart {

// The text encoding/json prints for a number Value ("1", "0.1", "1e+21").
std::string jsonNumberText(const Value& number);
// A number Value as a float64.
double numberAsDouble(const Value& number);
// Whether the number's JSON text is an integer (big.Rat.IsInt): 1.0 is.
bool isIntegralNumber(const Value& number);
// Whether value / divisor is an integer, computed exactly on the decimal texts
// (so 0.3 is a multiple of 0.1). `divisor` is positive.
bool isMultipleOf(std::string_view valueText, std::string_view divisorText);
// How a big.Float prints in an error message (%v: shortest digits, exponent
// form from 1e+06 up and below 1e-04): "5", "0.1", "1e+06".
std::string formatSchemaNumber(double value);
// gojsonschema's marshalWithoutNumber: json.Marshal after a float64 round trip
// (sorted keys, HTML-escaped strings, 1.0 printed as 1).
std::string canonicalJson(const Value& value);

}  // namespace ho::chart
