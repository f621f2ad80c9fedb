// YAML text -> Value with sigs.k8s.io/yaml semantics, using yaml-cpp for the
// syntax and go-yaml v2 rules (yaml_resolve) for what scalars mean, merge keys,
// map keys and error wording.
#include <yaml-cpp/yaml.h>

#include <cmath>
#include <cstdio>

#include "encoding/go_float_format.h"
#include "encoding/go_yaml.h"
#include "encoding/yaml_resolve.h"

namespace ho::encoding {
namespace {

constexpr const char* kStrTag = "tag:yaml.org,2002:str";
constexpr const char* kIntTag = "tag:yaml.org,2002:int";
constexpr const char* kFloatTag = "tag:yaml.org,2002:float";
constexpr const char* kBoolTag = "tag:yaml.org,2002:bool";
constexpr const char* kNullTag = "tag:yaml.org,2002:null";
constexpr const char* kBinaryTag = "tag:yaml.org,2002:binary";

std::string decodeBase64(std::string_view text) {
  std::string out;
  unsigned buffer = 0;
  int bits = 0;
  for (char c : text) {
    int v;
    if (c >= 'A' && c <= 'Z') v = c - 'A';
    else if (c >= 'a' && c <= 'z') v = c - 'a' + 26;
    else if (c >= '0' && c <= '9') v = c - '0' + 52;
    else if (c == '+') v = 62;
    else if (c == '/') v = 63;
    else continue;  // padding and line breaks
    buffer = (buffer << 6) | static_cast<unsigned>(v);
    bits += 6;
    if (bits >= 8) {
      bits -= 8;
      out.push_back(static_cast<char>((buffer >> bits) & 0xFF));
    }
  }
  return out;
}

class Converter {
 public:
  explicit Converter(bool jsonRoundTrip) : jsonRoundTrip_(jsonRoundTrip) {}

  Value convert(const YAML::Node& node) {
    switch (node.Type()) {
      case YAML::NodeType::Null:
        return node.Tag() == kStrTag ? Value::string("") : Value::nil();
      case YAML::NodeType::Scalar: return scalarValue(node);
      case YAML::NodeType::Sequence: {
        List items;
        items.reserve(node.size());
        for (const YAML::Node& item : node) items.push_back(convert(item));
        return Value::list(std::move(items));
      }
      case YAML::NodeType::Map: {
        Map entries;
        fillMap(node, entries);
        return Value::map(std::move(entries));
      }
      case YAML::NodeType::Undefined: break;
    }
    return Value::nil();
  }

 private:
  ResolvedScalar resolve(const YAML::Node& node) {
    const std::string& tag = node.Tag();
    const std::string& text = node.Scalar();
    if (tag == "?") return resolvePlainScalar(text);
    if (tag == kIntTag || tag == kFloatTag || tag == kBoolTag || tag == kNullTag) {
      ResolvedScalar r = resolvePlainScalar(text);
      ScalarKind want = tag == kIntTag ? ScalarKind::Int
                        : tag == kFloatTag ? ScalarKind::Float
                        : tag == kBoolTag ? ScalarKind::Bool : ScalarKind::Null;
      if (want == ScalarKind::Float && r.kind == ScalarKind::Int) {
        r.kind = ScalarKind::Float;
        r.floatValue = static_cast<double>(r.intValue);
      }
      bool matches = r.kind == want || (want == ScalarKind::Int && r.kind == ScalarKind::Uint);
      if (!matches) {
        throw Failure("yaml: cannot decode " + shortTag(r) + " `" + text + "` as a !!" +
                      tag.substr(tag.rfind(':') + 1));
      }
      return r;
    }
    return {};  // quoted, !!str, block scalars, unknown tags: a string
  }

  static std::string shortTag(const ResolvedScalar& r) {
    switch (r.kind) {
      case ScalarKind::Null: return "!!null";
      case ScalarKind::Bool: return "!!bool";
      case ScalarKind::Int:
      case ScalarKind::Uint: return "!!int";
      case ScalarKind::Float: return "!!float";
      case ScalarKind::Timestamp: return "!!timestamp";
      default: return "!!str";
    }
  }

  Value number(double f) {
    if (std::isnan(f) || std::isinf(f)) {
      throw Failure("json: unsupported value: " + formatFloatG(f));
    }
    return Value::floating(f);
  }

  Value scalarValue(const YAML::Node& node) {
    if (node.Tag() == kBinaryTag) return Value::string(decodeBase64(node.Scalar()));
    ResolvedScalar r = resolve(node);
    switch (r.kind) {
      case ScalarKind::Null: return Value::nil();
      case ScalarKind::Bool: return Value::boolean(r.boolValue);
      case ScalarKind::Int:
        return jsonRoundTrip_ ? number(static_cast<double>(r.intValue))
                              : Value::integer(r.intValue, GoType::Int);
      case ScalarKind::Uint:
        if (!jsonRoundTrip_ && r.uintValue <= 0x7FFFFFFFFFFFFFFFULL) {
          return Value::integer(static_cast<std::int64_t>(r.uintValue), GoType::Int);
        }
        return jsonRoundTrip_ ? number(static_cast<double>(r.uintValue))
                              : Value::unsignedInteger(r.uintValue, GoType::Uint64);
      case ScalarKind::Float: return number(r.floatValue);
      default: return Value::string(node.Scalar());
    }
  }

  // sigs.k8s.io/yaml's key spelling: ints in decimal, floats as float32 'g', bools.
  std::string keyString(const YAML::Node& key, const Value& valueForError) {
    if (key.Type() != YAML::NodeType::Scalar && key.Type() != YAML::NodeType::Null) {
      throw Failure("yaml: invalid map key: " + describe(valueForError));
    }
    if (key.Type() == YAML::NodeType::Null) {
      throw Failure("unsupported map key of type: %!s(<nil>), key: <nil>, value: " +
                    describe(valueForError));
    }
    ResolvedScalar r = resolve(key);
    switch (r.kind) {
      case ScalarKind::Null:
        throw Failure("unsupported map key of type: %!s(<nil>), key: <nil>, value: " +
                      describe(valueForError));
      case ScalarKind::Bool: return r.boolValue ? "true" : "false";
      case ScalarKind::Int: return std::to_string(r.intValue);
      case ScalarKind::Uint: {
        char hex[32];
        std::snprintf(hex, sizeof hex, "0x%llx", static_cast<unsigned long long>(r.uintValue));
        throw Failure("unsupported map key of type: uint64, key: " + std::string(hex) +
                      ", value: " + describe(valueForError));
      }
      case ScalarKind::Float: {
        std::string s = formatFloatG(r.floatValue, true);
        if (s == "+Inf") return ".inf";
        if (s == "-Inf") return "-.inf";
        if (s == "NaN") return ".nan";
        return s;
      }
      default: return key.Scalar();
    }
  }

  // Go's %+#v for the simple values that show up in key errors.
  static std::string describe(const Value& v) {
    if (v.isString()) return "\"" + v.asString() + "\"";
    if (v.isNil()) return "<nil>";
    if (v.isBool()) return v.asBool() ? "true" : "false";
    if (v.isInt()) return std::to_string(v.asInt());
    if (v.isFloat()) return formatFloatG(v.asFloat());
    return "map[interface {}]interface {}{...}";
  }

  static bool isMergeKey(const YAML::Node& key) {
    return key.Type() == YAML::NodeType::Scalar && key.Tag() == "?" && key.Scalar() == "<<";
  }

  // go-yaml v2 merges in document order: merged keys overwrite earlier keys and
  // are overwritten by later ones; in a list of maps the first map wins.
  void merge(const YAML::Node& source, Map& entries) {
    if (source.IsMap()) {
      fillMap(source, entries);
      return;
    }
    if (source.IsSequence()) {
      for (size_t i = source.size(); i-- > 0;) {
        if (!source[i].IsMap()) throw Failure("yaml: map merge requires map or sequence of maps as the value");
        fillMap(source[i], entries);
      }
      return;
    }
    throw Failure("yaml: map merge requires map or sequence of maps as the value");
  }

  void fillMap(const YAML::Node& node, Map& entries) {
    for (const auto& pair : node) {
      if (isMergeKey(pair.first)) {
        merge(pair.second, entries);
        continue;
      }
      Value value = convert(pair.second);
      std::string key = keyString(pair.first, value);
      entries.insert_or_assign(std::move(key), std::move(value));
    }
  }

  bool jsonRoundTrip_;
};

struct GoYamlWording {
  std::string_view yamlCpp;
  std::string_view goYaml;
  bool scannerError;  // go-yaml counts scanner error lines from 1, parser errors from 0
};

constexpr GoYamlWording kWordings[] = {
    {"illegal map value", "mapping values are not allowed in this context", true},
    {"end of map not found", "did not find expected key", false},
    {"end of sequence not found", "did not find expected '-' indicator", false},
    {"end of sequence flow not found", "did not find expected ',' or ']'", false},
    {"end of map flow not found", "did not find expected ',' or '}'", false},
    {"unknown token", "found character that cannot start any token", true},
    {"illegal EOF in scalar", "found unexpected end of stream", true},
    {"illegal block entry", "block sequence entries are not allowed in this context", true},
    {"illegal map key", "mapping keys are not allowed in this context", true},
    {"unknown escape character: ", "found unknown escape character while parsing a quoted scalar", true},
    {"illegal flow end", "did not find expected node content", false},
};

// The anchor name after '*' at `pos` in the source, for go-yaml's wording.
std::string aliasNameAt(std::string_view text, size_t pos) {
  size_t star = text.find('*', pos);
  if (star == std::string_view::npos) return "";
  size_t end = star + 1;
  while (end < text.size() && text[end] != ' ' && text[end] != '\n' && text[end] != ',' &&
         text[end] != ']' && text[end] != '}' && text[end] != '\r' && text[end] != '\t') {
    ++end;
  }
  return std::string(text.substr(star + 1, end - star - 1));
}

std::string goYamlMessage(const YAML::Exception& e, std::string_view text) {
  std::string msg = e.msg;
  if (msg.starts_with("the referenced anchor is not defined")) {
    size_t lineStart = 0;
    for (int line = 0; line < e.mark.line && lineStart < text.size(); ++line) {
      lineStart = text.find('\n', lineStart);
      lineStart = lineStart == std::string_view::npos ? text.size() : lineStart + 1;
    }
    return "yaml: unknown anchor '" + aliasNameAt(text, lineStart) + "' referenced";
  }
  bool scanner = true;
  for (const GoYamlWording& w : kWordings) {
    if (msg.starts_with(w.yamlCpp)) {
      msg = std::string(w.goYaml);
      scanner = w.scannerError;
      break;
    }
  }
  int line = e.mark.line;
  if (line > 0) {
    int shown = scanner ? line + 1 : line;
    return "yaml: line " + std::to_string(shown) + ": " + msg;
  }
  return "yaml: " + msg;
}

constexpr std::string_view kConvertPrefix = "error converting YAML to JSON: ";

Result<Value> convertDocument(const YAML::Node& doc, bool jsonRoundTrip) {
  try {
    return Converter(jsonRoundTrip).convert(doc);
  } catch (const Failure& f) {
    return Error{std::string(kConvertPrefix) + f.what()};
  }
}

Result<Value> loadFirstDocument(std::string_view text, bool jsonRoundTrip) {
  YAML::Node doc;
  try {
    doc = YAML::Load(std::string(text));
  } catch (const YAML::Exception& e) {
    return Error{std::string(kConvertPrefix) + goYamlMessage(e, text)};
  }
  return convertDocument(doc, jsonRoundTrip);
}

// encoding/json's name for the JSON type of a value.
std::string_view jsonTypeName(const Value& v) {
  if (v.isString()) return "string";
  if (v.isBool()) return "bool";
  if (v.isList()) return "array";
  if (v.isMap()) return "object";
  return "number";
}

}  // namespace

Result<Value> parseYamlAny(std::string_view text) { return loadFirstDocument(text, true); }

Result<Value> parseYamlTyped(std::string_view text) { return loadFirstDocument(text, false); }

Result<Value> parseYaml(std::string_view text) {
  Result<Value> parsed = parseYamlAny(text);
  if (!parsed) return parsed;
  if (parsed->isNil()) return Value::map();
  if (!parsed->isMap()) {
    return Error{"error unmarshaling JSON: while decoding JSON: json: cannot unmarshal " +
                 std::string(jsonTypeName(*parsed)) +
                 " into Go value of type map[string]interface {}"};
  }
  return parsed;
}

Result<std::vector<Value>> parseYamlDocuments(std::string_view text) {
  std::vector<YAML::Node> docs;
  try {
    docs = YAML::LoadAll(std::string(text));
  } catch (const YAML::Exception& e) {
    return Error{std::string(kConvertPrefix) + goYamlMessage(e, text)};
  }
  std::vector<Value> values;
  values.reserve(docs.size());
  for (const YAML::Node& doc : docs) {
    Result<Value> v = convertDocument(doc, true);
    if (!v) return v.error();
    values.push_back(std::move(*v));
  }
  return values;
}

}  // namespace ho::encoding
