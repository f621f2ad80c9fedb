// YAML text -> Value with sigs.k8s.io/yaml semantics: our scanner and parser
// (yaml_scanner, yaml_parser, yaml_document) for the syntax, go-yaml v2's decode
// rules for tags, aliases and merge keys, yaml_resolve for what plain scalars
// mean, then the JSON round trip's key spelling and number rules.
#include <algorithm>
#include <cmath>
#include <cstdio>
#include <deque>
#include <optional>

#include "core/go_float.h"
#include "core/stack_guard.h"
#include "encoding/go_yaml.h"
#include "encoding/yaml_document.h"
#include "encoding/yaml_plain_events.h"
#include "encoding/yaml_resolve.h"

namespace ho::encoding {
namespace {

using yaml::Document;
using yaml::kNoNode;
using yaml::Node;
using yaml::NodeKind;

constexpr std::string_view kTagPrefix = "tag:yaml.org,2002:";
constexpr std::string_view kConvertPrefix = "error converting YAML to JSON: ";
// Nesting the decoder accepts; the scanner allows 10000 flow levels plus 10000
// indentation levels, more than a recursive decoder's stack should carry. A
// thread whose stack runs out first (a small stack, a sanitizer's large
// frames) refuses the document with the same error.
constexpr int kMaxDecodeDepth = 10000;

// go-yaml's limit on alias expansion (decode.go allowedAliasRatio): 99% of the
// decoded nodes may come from aliases in small documents, 10% in huge ones.
double allowedAliasRatio(long decoded) {
  constexpr double low = 400000;
  constexpr double high = 4000000;
  if (decoded <= low) return 0.99;
  if (decoded >= high) return 0.10;
  return 0.99 - 0.89 * ((static_cast<double>(decoded) - low) / (high - low));
}

// base64.StdEncoding.DecodeString: padding required, no stray characters.
std::optional<std::string> decodeBase64(std::string_view text) {
  if (text.size() % 4 != 0) return std::nullopt;
  std::string out;
  out.reserve(text.size() / 4 * 3);
  unsigned buffer = 0;
  int bits = 0;
  size_t padding = 0;
  for (size_t i = 0; i < text.size(); ++i) {
    char c = text[i];
    int v;
    if (c >= 'A' && c <= 'Z') v = c - 'A';
    else if (c >= 'a' && c <= 'z') v = c - 'a' + 26;
    else if (c >= '0' && c <= '9') v = c - '0' + 52;
    else if (c == '+') v = 62;
    else if (c == '/') v = 63;
    else if (c == '=' && i + 2 >= text.size()) {
      ++padding;
      continue;
    } else return std::nullopt;
    if (padding > 0) return std::nullopt;
    buffer = (buffer << 6) | static_cast<unsigned>(v);
    bits += 6;
    if (bits >= 8) {
      bits -= 8;
      out.push_back(static_cast<char>((buffer >> bits) & 0xFF));
    }
  }
  return out;
}

std::string shortTag(std::string_view tag) {
  if (tag.starts_with(kTagPrefix)) return "!!" + std::string(tag.substr(kTagPrefix.size()));
  return std::string(tag);
}

std::string shortTag(ScalarKind kind) {
  switch (kind) {
    case ScalarKind::Null: return "!!null";
    case ScalarKind::Bool: return "!!bool";
    case ScalarKind::Int:
    case ScalarKind::Uint: return "!!int";
    case ScalarKind::Float: return "!!float";
    case ScalarKind::Timestamp: return "!!timestamp";
    default: return "!!str";
  }
}

// Go's strconv.Quote, as %#v prints strings.
std::string goQuote(std::string_view text) {
  std::string out = "\"";
  for (char c : text) {
    switch (c) {
      case '"': out += "\\\""; break;
      case '\\': out += "\\\\"; break;
      case '\n': out += "\\n"; break;
      case '\r': out += "\\r"; break;
      case '\t': out += "\\t"; break;
      default:
        if (static_cast<unsigned char>(c) < 0x20 || c == 0x7F) {
          char hex[8];
          std::snprintf(hex, sizeof hex, "\\x%02x", static_cast<unsigned char>(c));
          out += hex;
        } else {
          out.push_back(c);
        }
    }
  }
  out.push_back('"');
  return out;
}

// One document's nodes -> Value, as go-yaml decodes into interface{} and
// sigs.k8s.io/yaml then converts for JSON. go-yaml's own errors stop decoding at
// once; the JSON conversion's errors (keys, NaN) are reported only if decoding
// succeeds, as they come from a later pass.
class Decoder {
 public:
  Decoder(const Document& doc, bool jsonRoundTrip)
      : nodes_(doc.nodes), visiting_(doc.nodes.size(), false), jsonRoundTrip_(jsonRoundTrip) {}

  Value decodeDocument(std::uint32_t root) {
    ++decoded_;  // the document node
    Value v = decode(root);
    if (keyError_) throw Failure(*keyError_);
    if (numberError_) throw Failure(*numberError_);
    return v;
  }

 private:
  // go-yaml's d.unmarshal bookkeeping: counts and the alias expansion limit.
  void count() {
    ++decoded_;
    if (aliasDepth_ > 0) ++aliasDecoded_;
    if (aliasDecoded_ > 100 && decoded_ > 1000 &&
        static_cast<double>(aliasDecoded_) / static_cast<double>(decoded_) > allowedAliasRatio(decoded_)) {
      throw Failure("yaml: document contains excessive aliasing");
    }
  }

  class DepthGuard {
   public:
    explicit DepthGuard(int& depth) : depth_(depth) {
      if (++depth_ > kMaxDecodeDepth || stackNearlyExhausted()) throw Failure("yaml: exceeded max depth of 10000");
    }
    ~DepthGuard() { --depth_; }
    DepthGuard(const DepthGuard&) = delete;
    DepthGuard& operator=(const DepthGuard&) = delete;

   private:
    int& depth_;
  };

  // Runs `body` on an alias's target, refusing an anchor that contains itself.
  template <typename Body>
  auto throughAlias(std::uint32_t alias, Body body) {
    if (visiting_[alias]) {
      throw Failure("yaml: anchor '" + std::string(nodes_[alias].value) + "' value contains itself");
    }
    visiting_[alias] = true;
    ++aliasDepth_;
    struct Restore {
      Decoder& d;
      std::uint32_t alias;
      ~Restore() {
        d.visiting_[alias] = false;
        --d.aliasDepth_;
      }
    } restore{*this, alias};
    return body(nodes_[alias].target);
  }

  Value decode(std::uint32_t index) {
    DepthGuard guard(depth_);
    count();
    const Node& node = nodes_[index];
    switch (node.kind) {
      case NodeKind::Alias: return throughAlias(index, [this](std::uint32_t target) { return decode(target); });
      case NodeKind::Scalar: return scalarValue(node);
      case NodeKind::Sequence: {
        List items;
        for (std::uint32_t child = node.firstChild; child != kNoNode; child = nodes_[child].next) {
          items.push_back(decode(child));
        }
        return Value::list(std::move(items));
      }
      case NodeKind::Mapping: {
        Map entries;
        fillMap(node, entries);
        return Value::map(std::move(entries));
      }
    }
    return Value::nil();
  }

  ResolvedScalar resolve(const Node& node) {
    if (node.tag.empty()) return node.implicit ? resolvePlainScalar(node.value) : ResolvedScalar{};
    std::string_view name = node.tag.starts_with(kTagPrefix) ? node.tag.substr(kTagPrefix.size()) : "";
    ScalarKind want;
    if (name == "int") want = ScalarKind::Int;
    else if (name == "float") want = ScalarKind::Float;
    else if (name == "bool") want = ScalarKind::Bool;
    else if (name == "null") want = ScalarKind::Null;
    else return {};  // !!str, !!timestamp, !!binary and unknown tags keep the text
    ResolvedScalar r = resolvePlainScalar(node.value);
    if (r.kind == ScalarKind::Timestamp) r.kind = ScalarKind::String;
    if (want == ScalarKind::Float && r.kind == ScalarKind::Int) {
      r.kind = ScalarKind::Float;
      r.floatValue = static_cast<double>(r.intValue);
    }
    bool matches = r.kind == want || (want == ScalarKind::Int && r.kind == ScalarKind::Uint);
    if (!matches) {
      throw Failure("yaml: cannot decode " + shortTag(r.kind) + " `" + std::string(node.value) + "` as a " +
                    shortTag(node.tag));
    }
    return r;
  }

  Value number(double f) {
    if ((std::isnan(f) || std::isinf(f)) && !numberError_) {
      numberError_ = "json: unsupported value: " + formatGoFloat(f, 'g', -1);
    }
    return Value::floating(f);
  }

  Value scalarValue(const Node& node) {
    if (node.tag == "tag:yaml.org,2002:binary") {
      std::optional<std::string> bytes = decodeBase64(node.value);
      if (!bytes) throw Failure("yaml: !!binary value contains invalid base64 data");
      return Value::string(std::move(*bytes));
    }
    ResolvedScalar r = resolve(node);
    switch (r.kind) {
      case ScalarKind::Null: return Value::nil();
      case ScalarKind::Bool: return Value::boolean(r.boolValue);
      case ScalarKind::Int:
        return jsonRoundTrip_ ? number(static_cast<double>(r.intValue)) : Value::integer(r.intValue, GoType::Int);
      case ScalarKind::Uint:
        if (!jsonRoundTrip_ && r.uintValue <= 0x7FFFFFFFFFFFFFFFULL) {
          return Value::integer(static_cast<std::int64_t>(r.uintValue), GoType::Int);
        }
        return jsonRoundTrip_ ? number(static_cast<double>(r.uintValue))
                              : Value::unsignedInteger(r.uintValue, GoType::Uint64);
      case ScalarKind::Float: return jsonRoundTrip_ ? number(r.floatValue) : Value::floating(r.floatValue);
      default: return Value::string(std::string(node.value));
    }
  }

  const Node& dealias(const Node& node) const {
    return node.kind == NodeKind::Alias ? nodes_[node.target] : node;
  }

  // sigs.k8s.io/yaml's key spelling: ints in decimal, floats as float32 'g',
  // bools; nullopt (with the error kept) for keys JSON cannot have.
  std::optional<std::string> keyString(std::uint32_t key, const Value& keyValue, std::uint32_t value) {
    const Node& scalar = dealias(nodes_[key]);
    auto unsupported = [&](std::string_view type) -> std::optional<std::string> {
      if (!keyError_) {
        keyError_ = "unsupported map key of type: " + std::string(type) + ", key: " + goSyntax(key, true) +
                    ", value: " + goSyntax(value, true);
      }
      return std::nullopt;
    };
    if (keyValue.isNil()) return unsupported("%!s(<nil>)");
    if (keyValue.isBool()) return keyValue.asBool() ? "true" : "false";
    if (keyValue.isString()) return keyValue.asString();
    ResolvedScalar r = resolve(scalar);
    switch (r.kind) {
      case ScalarKind::Int: return std::to_string(r.intValue);
      case ScalarKind::Uint: return unsupported("uint64");
      case ScalarKind::Float: {
        std::string s = formatGoFloat(r.floatValue, 'g', -1, 32);
        if (s == "+Inf") return ".inf";
        if (s == "-Inf") return "-.inf";
        if (s == "NaN") return ".nan";
        return s;
      }
      default: return std::string(scalar.value);
    }
  }

  // What Go's %#v prints for the value go-yaml decodes from a node (the
  // wording of key errors); `top` is the outermost value, where nil is "<nil>".
  std::string goSyntax(std::uint32_t index, bool top) {
    DepthGuard guard(depth_);
    const Node& node = dealias(nodes_[index]);
    auto joined = [&](std::string open, bool pairs) {
      std::vector<std::pair<std::string, std::string>> items;
      for (std::uint32_t child = node.firstChild; child != kNoNode; child = nodes_[child].next) {
        if (!pairs) {
          items.emplace_back("", goSyntax(child, false));
          continue;
        }
        std::uint32_t value = nodes_[child].next;
        items.emplace_back(goSyntax(child, false), goSyntax(value, false));
        child = value;
      }
      if (pairs) std::sort(items.begin(), items.end());
      for (size_t i = 0; i < items.size(); ++i) {
        if (i > 0) open += ", ";
        open += pairs ? items[i].first + ":" + items[i].second : items[i].second;
      }
      return open + "}";
    };
    if (node.kind == NodeKind::Sequence) return joined("[]interface {}{", false);
    if (node.kind == NodeKind::Mapping) return joined("map[interface {}]interface {}{", true);
    ResolvedScalar r = resolve(node);
    switch (r.kind) {
      case ScalarKind::Null: return top ? "<nil>" : "interface {}(nil)";
      case ScalarKind::Bool: return r.boolValue ? "true" : "false";
      case ScalarKind::Int: return std::to_string(r.intValue);
      case ScalarKind::Uint: {
        char hex[32];
        std::snprintf(hex, sizeof hex, "0x%llx", static_cast<unsigned long long>(r.uintValue));
        return hex;
      }
      case ScalarKind::Float: return formatGoFloat(r.floatValue, 'g', -1);
      default: return goQuote(node.value);
    }
  }

  static bool isMergeKey(const Node& key) {
    return key.kind == NodeKind::Scalar && key.value == "<<" &&
           (key.implicit || key.tag == "tag:yaml.org,2002:merge");
  }

  [[noreturn]] static void failWantMap() {
    throw Failure("yaml: map merge requires map or sequence of maps as the value");
  }

  // Decodes a mapping (or an alias of one) into existing entries, as go-yaml's
  // merge decodes into the map being built.
  void fillFrom(std::uint32_t index, Map& entries) {
    DepthGuard guard(depth_);
    count();
    const Node& node = nodes_[index];
    if (node.kind == NodeKind::Alias) {
      throughAlias(index, [&](std::uint32_t target) {
        DepthGuard inner(depth_);
        count();
        fillMap(nodes_[target], entries);
      });
      return;
    }
    fillMap(node, entries);
  }

  // go-yaml v2 merges in document order: merged keys overwrite earlier keys and
  // are overwritten by later ones; in a list of maps the first map wins.
  void merge(std::uint32_t index, Map& entries) {
    const Node& source = nodes_[index];
    switch (source.kind) {
      case NodeKind::Mapping: fillFrom(index, entries); return;
      case NodeKind::Alias:
        if (nodes_[source.target].kind != NodeKind::Mapping) failWantMap();
        fillFrom(index, entries);
        return;
      case NodeKind::Sequence: {
        std::vector<std::uint32_t> items;
        for (std::uint32_t child = source.firstChild; child != kNoNode; child = nodes_[child].next) {
          items.push_back(child);
        }
        for (auto item = items.rbegin(); item != items.rend(); ++item) {
          if (dealias(nodes_[*item]).kind != NodeKind::Mapping) failWantMap();
          fillFrom(*item, entries);
        }
        return;
      }
      default: failWantMap();
    }
  }

  void fillMap(const Node& node, Map& entries) {
    for (std::uint32_t key = node.firstChild; key != kNoNode;) {
      std::uint32_t value = nodes_[key].next;
      if (isMergeKey(nodes_[key])) {
        merge(value, entries);
      } else {
        std::optional<std::string> numberErrorBefore = numberError_;
        Value keyValue = decode(key);  // infinite keys are spelled, not JSON errors
        numberError_ = std::move(numberErrorBefore);
        if (keyValue.isList() || keyValue.isMap()) throw Failure("yaml: invalid map key: " + goSyntax(key, true));
        Value decoded = decode(value);
        if (std::optional<std::string> name = keyString(key, keyValue, value)) {
          entries.insert_or_assign(std::move(*name), std::move(decoded));
        }
      }
      key = nodes_[value].next;
    }
  }

  const std::vector<Node>& nodes_;
  std::vector<bool> visiting_;  // aliases being expanded
  bool jsonRoundTrip_;
  long decoded_ = 0;
  long aliasDecoded_ = 0;
  int aliasDepth_ = 0;
  int depth_ = 0;
  std::optional<std::string> keyError_;
  std::optional<std::string> numberError_;
};

Result<Value> decodeDocument(const Document& doc, bool jsonRoundTrip) {
  if (doc.root == kNoNode) return Value::nil();
  try {
    return Decoder(doc, jsonRoundTrip).decodeDocument(doc.root);
  } catch (const Failure& f) {
    return Error{std::string(kConvertPrefix) + f.what()};
  }
}

Result<Value> loadFirstDocument(std::string_view text, bool jsonRoundTrip) {
  Document doc;
  std::deque<std::string> decoded;
  try {
    yaml::readBlockDocument(text, doc, decoded);
    if (doc.root == yaml::kNoNode) return Value::nil();
    return decodeDocument(doc, jsonRoundTrip);
  } catch (const yaml::NotPlainYaml&) {
  }
  try {
    yaml::DocumentReader reader(text);
    if (!reader.next(doc)) return Value::nil();
    return decodeDocument(doc, jsonRoundTrip);
  } catch (const yaml::SyntaxError& e) {
    return Error{std::string(kConvertPrefix) + e.message};
  }
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
                 std::string(jsonTypeName(*parsed)) + " into Go value of type map[string]interface {}"};
  }
  return parsed;
}

Result<std::vector<Value>> parseYamlDocuments(std::string_view text) {
  std::vector<Value> values;
  try {
    yaml::DocumentReader reader(text);
    Document doc;
    while (reader.next(doc)) {
      Result<Value> v = decodeDocument(doc, true);
      if (!v) return v.error();
      values.push_back(std::move(*v));
    }
  } catch (const yaml::SyntaxError& e) {
    return Error{std::string(kConvertPrefix) + e.message};
  }
  return values;
}

}  // namespace ho::encoding
