// compileSchema: gojsonschema's schema parsing. A first pass gives every
// "$ref" its absolute form against the "$id" scopes around it and collects the
// "$id"-named subschemas (the library's schema pool); the second builds the
// SchemaNode tree keyword by keyword, in the library's order, so the first
// malformed keyword produces the library's message. Remote references are
// never fetched.
#include <algorithm>
#include <cctype>
#include <cmath>
#include <functional>
#include <limits>
#include <unordered_map>

#include "chart/schema_node.h"
#include "chart/schema_number.h"

namespace ho::chart {
namespace {

const std::string kParseError = "Expected: valid schema, given: Invalid JSON";

[[noreturn]] void fail(const std::string& message) { throw Failure(message); }

std::string invalidType(const std::string& expected, const std::string& given) {
  return "Invalid type. Expected: " + expected + ", given: " + given;
}

// ---- references -------------------------------------------------------------

bool hasScheme(std::string_view uri) {
  size_t colon = uri.find(':');
  if (colon == std::string_view::npos || colon == 0) return false;
  for (size_t i = 0; i < colon; ++i) {
    char c = uri[i];
    bool ok = std::isalpha(static_cast<unsigned char>(c)) ||
              (i > 0 && (std::isdigit(static_cast<unsigned char>(c)) || c == '+' || c == '-' || c == '.'));
    if (!ok) return false;
  }
  return true;
}

std::string withoutFragment(std::string_view uri) {
  return std::string(uri.substr(0, uri.find('#')));
}

// gojsonreference prints no '#' for an empty fragment.
std::string normalizeReference(std::string uri) {
  if (!uri.empty() && uri.back() == '#') uri.pop_back();
  return uri;
}

// RFC 3986 reference resolution, as far as schema references need it.
std::string resolveReference(const std::string& base, const std::string& ref) {
  if (hasScheme(ref)) return normalizeReference(ref);
  std::string baseUri = withoutFragment(base);
  if (ref.empty()) return baseUri;
  if (ref[0] == '#') return normalizeReference(baseUri + ref);
  size_t pathStart = 0;
  if (hasScheme(baseUri)) {
    size_t authority = baseUri.find("//");
    pathStart = authority == std::string::npos ? baseUri.find(':') + 1
                                               : baseUri.find('/', authority + 2);
    if (pathStart == std::string::npos) pathStart = baseUri.size();
  }
  std::string prefix = baseUri.substr(0, pathStart);
  if (ref[0] == '/') return normalizeReference(prefix + ref);
  std::string path = baseUri.substr(pathStart);
  size_t lastSlash = path.rfind('/');
  std::string directory = lastSlash == std::string::npos ? "/" : path.substr(0, lastSlash + 1);
  return normalizeReference(prefix + directory + ref);
}

// A reference the library could load from elsewhere: scheme and host, or file:.
bool isCanonical(std::string_view uri) {
  if (!hasScheme(uri)) return false;
  size_t colon = uri.find(':');
  return uri.substr(colon, 3) == "://" || uri.substr(0, colon) == "file";
}

std::string percentDecode(std::string_view text) {
  std::string out;
  for (size_t i = 0; i < text.size(); ++i) {
    if (text[i] == '%' && i + 2 < text.size() && std::isxdigit(static_cast<unsigned char>(text[i + 1])) &&
        std::isxdigit(static_cast<unsigned char>(text[i + 2]))) {
      out.push_back(static_cast<char>(std::stoi(std::string(text.substr(i + 1, 2)), nullptr, 16)));
      i += 2;
    } else {
      out.push_back(text[i]);
    }
  }
  return out;
}

// gojsonpointer's Get, with its error wording.
const Value& followPointer(const Value& document, std::string_view fragment) {
  std::string pointer = percentDecode(fragment);
  const Value* node = &document;
  if (pointer.empty()) return *node;
  size_t pos = pointer[0] == '/' ? 1 : 0;
  while (pos <= pointer.size()) {
    size_t end = pointer.find('/', pos);
    if (end == std::string::npos) end = pointer.size();
    std::string token = pointer.substr(pos, end - pos);
    for (size_t at; (at = token.find("~1")) != std::string::npos;) token.replace(at, 2, "/");
    for (size_t at; (at = token.find("~0")) != std::string::npos;) token.replace(at, 2, "~");
    if (node->isMap()) {
      const Value* next = node->find(token);
      if (next == nullptr) fail("Object has no key '" + token + "'");
      node = next;
    } else if (node->isList()) {
      char* parsedEnd = nullptr;
      long index = std::strtol(token.c_str(), &parsedEnd, 10);
      if (token.empty() || *parsedEnd != '\0') fail("Invalid array index '" + token + "'");
      long size = static_cast<long>(node->asList().size());
      if (index < 0 || index >= size) {
        fail("Out of bound array[0," + std::to_string(size) + "] index '" + token + "'");
      }
      node = &node->asList()[static_cast<size_t>(index)];
    } else {
      fail("Invalid token reference '" + token + "'");
    }
    pos = end + 1;
  }
  return *node;
}

// The identifier keyword a schema object (a Value or a SchemaObject) uses for its scope.
template <class Object>
std::string_view idKeyword(const Object& object) { return object.find("id") ? "id" : "$id"; }

// Each string "$ref" value's absolute form, by the value's address.
using ResolvedReferences = std::unordered_map<const Value*, std::string>;

// The library's parseReferencesRecursive: gives each "$ref" its absolute form
// (the library rewrites the document; here they go to `resolved`) and records
// "$id"-named schemas.
void collectReferences(const Value& node, const std::string& base, std::map<std::string, const Value*>& pool,
                       ResolvedReferences& resolved) {
  if (node.isList()) {
    for (const Value& item : node.asList()) collectReferences(item, base, pool, resolved);
    return;
  }
  if (!node.isMap()) return;
  std::string scope = base;
  const Value* id = node.find(idKeyword(node));
  if (id != nullptr && id->isString()) {
    scope = resolveReference(base, id->asString());
    pool.emplace(scope, &node);
  }
  if (const Value* ref = node.find("$ref"); ref != nullptr && ref->isString()) {
    resolved.emplace(ref, resolveReference(scope, ref->asString()));
  }
  for (const auto& [key, child] : node.asMap()) {
    if (key == "const" || key == "enum") continue;
    if (key == "properties" || key == "dependencies" || key == "patternProperties") {
      if (child.isMap()) {
        for (const auto& [name, sub] : child.asMap()) collectReferences(sub, scope, pool, resolved);
      }
    } else {
      collectReferences(child, scope, pool, resolved);
    }
  }
}

// ---- draft --------------------------------------------------------------------

SchemaDraft detectDraft(const Value& document) {
  if (document.isBool()) return SchemaDraft::Hybrid;
  if (!document.isMap()) fail("schema is invalid");
  const Value* schemaUrl = document.find("$schema");
  if (schemaUrl == nullptr) return SchemaDraft::Hybrid;
  if (!schemaUrl->isString()) fail("$schema must be of type string");
  std::string url = normalizeReference(schemaUrl->asString());
  if (url == "http://json-schema.org/draft-04/schema") return SchemaDraft::Draft4;
  if (url == "http://json-schema.org/draft-06/schema") return SchemaDraft::Draft6;
  if (url == "http://json-schema.org/draft-07/schema") return SchemaDraft::Draft7;
  return SchemaDraft::Hybrid;
}

// ---- the tree -----------------------------------------------------------------

// json.Number.Int64 of an integral number (the library's mustBeInteger).
std::optional<int> integerKeyword(const Value& v) {
  if (!v.isNumber() || !isIntegralNumber(v)) return std::nullopt;
  double d = numberAsDouble(v);
  if (std::fabs(d) > 9.2e18) return std::nullopt;
  return static_cast<int>(static_cast<std::int64_t>(d));
}

SchemaNumber numberKeyword(const Value& v) { return SchemaNumber{numberAsDouble(v), jsonNumberText(v)}; }

std::shared_ptr<const re2::RE2> compileRegex(const std::string& pattern) {
  re2::RE2::Options options;
  options.set_log_errors(false);
  auto regex = std::make_shared<const re2::RE2>(pattern, options);
  if (!regex->ok()) return nullptr;
  return regex;
}

// A schema object with a 64-bit summary of its keys: the compiler probes some
// thirty keywords per object and most are absent, so a probe tests the key's
// bit first and searches the map only when the key may be there (a tenth of
// a bitnami chart's rendering went to those searches).
class SchemaObject {
 public:
  explicit SchemaObject(const Value& object) : object_(object) {
    for (const auto& entry : object.asMap()) keys_ |= bitOf(entry.first);
  }
  const Value* find(std::string_view key) const { return (keys_ & bitOf(key)) != 0 ? object_.find(key) : nullptr; }

 private:
  static std::uint64_t bitOf(std::string_view key) {
    if (key.empty()) return 1;
    const auto mixed = key.size() * 7 + static_cast<unsigned char>(key.front()) * 3 + static_cast<unsigned char>(key.back());
    return std::uint64_t{1} << (mixed & 63);
  }

  const Value& object_;
  std::uint64_t keys_ = 0;
};

class SchemaCompiler {
 public:
  SchemaCompiler(CompiledSchema& out, const Value& document, SchemaDraft draft)
      : out_(out), document_(document), draft_(draft) {
    collectReferences(document_, "", pool_, resolvedReferences_);
    pool_.emplace("", &document_);
  }

  const SchemaNode* compileRoot() { return parse(document_); }

 private:
  bool atLeast(SchemaDraft draft) const { return static_cast<int>(draft_) >= static_cast<int>(draft); }
  bool isSchemaShape(const Value& v) const { return v.isMap() || v.isBool(); }

  const SchemaNode* parse(const Value& doc) {
    SchemaNode& node = out_.nodes.emplace_back();
    parseInto(doc, node);
    return &node;
  }

  void parseInto(const Value& doc, SchemaNode& node) {
    if (atLeast(SchemaDraft::Draft6) && doc.isBool()) {
      node.pass = doc.asBool();
      return;
    }
    if (!doc.isMap()) fail(kParseError);
    const SchemaObject object(doc);
    parseMetadata(object);
    if (const Value* ref = object.find("$ref")) {
      if (!ref->isString()) fail(invalidType("string", "$ref"));
      const auto resolved = resolvedReferences_.find(ref);
      const std::string& target = resolved != resolvedReferences_.end() ? resolved->second : ref->asString();
      if (auto cached = references_.find(target); cached != references_.end()) {
        node.ref = cached->second;
      } else {
        node.ref = parseReference(target);
        return;
      }
    }
    parseType(object, node);
    parseObjectKeywords(object, node);
    parseArrayShape(object, node);
    parseNumberKeywords(object, node);
    parseStringKeywords(object, node);
    parseCountKeywords(object, node);
    parseValueKeywords(object, node);
    parseCombinators(object, node);
  }

  void parseMetadata(const SchemaObject& doc) {
    const std::string_view idKey = draft_ == SchemaDraft::Draft4   ? "id"
                                   : draft_ == SchemaDraft::Hybrid ? idKeyword(doc)
                                                                   : "$id";
    if (const Value* id = doc.find(idKey); id && !id->isString()) fail(invalidType("string", std::string(idKey)));
    if (const Value* definitions = doc.find("definitions")) {
      if (!definitions->isMap()) fail(invalidType("array of schemas", "definitions"));
      for (const auto& [name, definition] : definitions->asMap()) {
        if (!isSchemaShape(definition)) fail(invalidType("array of schemas", "definitions"));
        SchemaNode scratch;
        parseInto(definition, scratch);
      }
    }
    for (const char* key : {"title", "description"}) {
      if (const Value* text = doc.find(key); text && !text->isString()) fail(invalidType("string", key));
    }
  }

  const SchemaNode* parseReference(const std::string& ref) {
    SchemaNode& target = out_.nodes.emplace_back();
    references_.emplace(ref, &target);
    const Value& referenced = lookup(ref);
    if (!isSchemaShape(referenced)) fail("valid schema must be of type object");
    parseInto(referenced, target);
    return &target;
  }

  const Value& lookup(const std::string& ref) {
    if (auto found = pool_.find(ref); found != pool_.end()) return *found->second;
    size_t hash = ref.find('#');
    std::string documentUri = ref.substr(0, hash);
    if (auto found = pool_.find(documentUri); found != pool_.end()) {
      return followPointer(*found->second, hash == std::string::npos ? "" : ref.substr(hash + 1));
    }
    if (!isCanonical(ref)) fail("Reference " + ref + " must be canonical");
    fail("Reference " + ref + " cannot be loaded: remote schema references are not supported");
  }

  void parseType(const SchemaObject& doc, SchemaNode& node) {
    const Value* type = doc.find("type");
    if (type == nullptr) return;
    const auto badShape = [] { fail(invalidType("string/array of strings", "type")); };
    auto add = [&](const Value& name) {
      if (!name.isString()) badShape();
      static const std::vector<std::string> kTypes = {"array", "boolean", "integer", "number",
                                                      "null", "object", "string"};
      const std::string& t = name.asString();
      if (std::find(kTypes.begin(), kTypes.end(), t) == kTypes.end()) {
        fail("has a primitive type that is NOT VALID -- given: /" + t +
             "/ Expected valid values are:[array boolean integer number null object string]");
      }
      if (std::find(node.types.begin(), node.types.end(), t) != node.types.end()) {
        fail(t + " type is duplicated");
      }
      node.types.push_back(t);
    };
    if (type->isString()) {
      add(*type);
    } else if (type->isList()) {
      for (const Value& name : type->asList()) add(name);
    } else {
      badShape();
    }
  }

  SchemaOrFlag schemaOrFlag(const Value& v, const char* key) {
    if (v.isBool()) return v.asBool();
    if (v.isMap()) return parse(v);
    fail(invalidType("boolean/valid schema", key));
  }

  void parseObjectKeywords(const SchemaObject& doc, SchemaNode& node) {
    if (const Value* properties = doc.find("properties")) {
      if (!properties->isMap()) fail("properties must be of type object");
      for (const auto& [name, schema] : properties->asMap()) node.properties.emplace_back(name, parse(schema));
    }
    if (const Value* additional = doc.find("additionalProperties")) {
      node.additionalProperties = schemaOrFlag(*additional, "additionalProperties");
    }
    if (const Value* patterns = doc.find("patternProperties")) {
      if (!patterns->isMap()) fail(invalidType("valid schema", "patternProperties"));
      for (const auto& [pattern, schema] : patterns->asMap()) {
        auto regex = compileRegex(pattern);
        if (!regex) fail("Invalid regex pattern '" + pattern + "'");
        node.patternProperties.push_back({pattern, regex, parse(schema)});
      }
    }
    if (const Value* names = doc.find("propertyNames"); names && atLeast(SchemaDraft::Draft6)) {
      if (!isSchemaShape(*names)) fail(invalidType("valid schema", "patternProperties"));
      node.propertyNames = parse(*names);
    }
    if (const Value* dependencies = doc.find("dependencies")) parseDependencies(*dependencies, node);
  }

  void parseDependencies(const Value& dependencies, SchemaNode& node) {
    if (!dependencies.isMap()) fail("dependencies must be of type object");
    const std::string badShape = "dependency must be of type schema or array of strings";
    for (const auto& [name, dependency] : dependencies.asMap()) {
      if (dependency.isList()) {
        std::vector<std::string> names;
        for (const Value& required : dependency.asList()) {
          if (!required.isString()) fail(badShape);
          names.push_back(required.asString());
        }
        if (!names.empty()) node.dependencies.emplace(name, std::move(names));
      } else if (isSchemaShape(dependency)) {
        node.dependencies.emplace(name, parse(dependency));
      } else {
        fail(badShape);
      }
    }
  }

  void parseArrayShape(const SchemaObject& doc, SchemaNode& node) {
    if (const Value* items = doc.find("items")) {
      const auto badShape = [] { fail(invalidType("valid schema/array of schemas", "items")); };
      if (items->isList()) {
        for (const Value& item : items->asList()) {
          if (!isSchemaShape(item)) badShape();
          node.items.push_back(parse(item));
        }
      } else if (isSchemaShape(*items)) {
        node.items.push_back(parse(*items));
        node.itemsIsSingleSchema = true;
      } else {
        badShape();
      }
    }
    if (const Value* additional = doc.find("additionalItems")) {
      node.additionalItems = schemaOrFlag(*additional, "additionalItems");
    }
  }

  // exclusiveMinimum / exclusiveMaximum: draft 4's boolean modifier, draft 6's number, or either.
  void parseExclusive(const SchemaObject& doc, const char* key, const char* boundKey,
                      std::optional<SchemaNumber>& bound, std::optional<SchemaNumber>& exclusive) {
    const Value* flag = doc.find(key);
    if (flag == nullptr) return;
    bool booleanForm = draft_ == SchemaDraft::Draft4 || (draft_ == SchemaDraft::Hybrid && flag->isBool());
    if (booleanForm) {
      if (!flag->isBool()) fail(invalidType("boolean", key));
      if (!bound) fail(std::string(key) + " cannot be used without " + boundKey);
      if (flag->asBool()) {
        exclusive = bound;
        bound.reset();
      }
      return;
    }
    if (!flag->isNumber()) fail(invalidType(draft_ == SchemaDraft::Hybrid ? "boolean/number" : "number", key));
    exclusive = numberKeyword(*flag);
  }

  void parseNumberKeywords(const SchemaObject& doc, SchemaNode& node) {
    if (const Value* multipleOf = doc.find("multipleOf")) {
      if (!multipleOf->isNumber()) fail(invalidType("number", "multipleOf"));
      if (numberAsDouble(*multipleOf) <= 0) fail("multipleOf must be strictly greater than 0");
      node.multipleOf = numberKeyword(*multipleOf);
    }
    if (const Value* minimum = doc.find("minimum")) {
      if (!minimum->isNumber()) fail("minimum must be of a number");
      node.minimum = numberKeyword(*minimum);
    }
    parseExclusive(doc, "exclusiveMinimum", "minimum", node.minimum, node.exclusiveMinimum);
    if (const Value* maximum = doc.find("maximum")) {
      if (!maximum->isNumber()) fail("maximum must be of a number");
      node.maximum = numberKeyword(*maximum);
    }
    parseExclusive(doc, "exclusiveMaximum", "maximum", node.maximum, node.exclusiveMaximum);
  }

  std::optional<int> countKeyword(const SchemaObject& doc, std::string_view key) {
    const Value* count = doc.find(key);
    if (count == nullptr) return std::nullopt;
    std::optional<int> n = integerKeyword(*count);
    if (!n) fail(std::string(key) + " must be of an integer");
    if (*n < 0) fail(std::string(key) + " must be greater than or equal to 0");
    return n;
  }

  void parseStringKeywords(const SchemaObject& doc, SchemaNode& node) {
    node.minLength = countKeyword(doc, "minLength");
    node.maxLength = countKeyword(doc, "maxLength");
    if (node.minLength && node.maxLength && *node.minLength > *node.maxLength) {
      fail("minLength cannot be greater than maxLength");
    }
    if (const Value* pattern = doc.find("pattern")) {
      if (!pattern->isString()) fail("pattern must be of a string");
      node.pattern = compileRegex(pattern->asString());
      if (!node.pattern) fail("pattern must be a valid regex");
      node.patternText = pattern->asString();
    }
    if (const Value* format = doc.find("format")) {
      if (!format->isString()) fail("format must be of type string");
      node.format = format->asString();
    }
  }

  void parseCountKeywords(const SchemaObject& doc, SchemaNode& node) {
    node.minProperties = countKeyword(doc, "minProperties");
    node.maxProperties = countKeyword(doc, "maxProperties");
    if (node.minProperties && node.maxProperties && *node.minProperties > *node.maxProperties) {
      fail("minProperties cannot be greater than maxProperties");
    }
    if (const Value* required = doc.find("required")) {
      if (!required->isList()) fail("required must be of an array");
      for (const Value& name : required->asList()) {
        if (!name.isString()) fail("required items must be string");
        if (std::find(node.required.begin(), node.required.end(), name.asString()) != node.required.end()) {
          fail("required items must be unique");
        }
        node.required.push_back(name.asString());
      }
    }
    node.minItems = countKeyword(doc, "minItems");
    node.maxItems = countKeyword(doc, "maxItems");
    if (const Value* unique = doc.find("uniqueItems")) {
      if (!unique->isBool()) fail("uniqueItems must be of a boolean");
      node.uniqueItems = unique->asBool();
    }
    if (const Value* contains = doc.find("contains"); contains && atLeast(SchemaDraft::Draft6)) {
      node.contains = parse(*contains);
    }
  }

  void parseValueKeywords(const SchemaObject& doc, SchemaNode& node) {
    if (const Value* constant = doc.find("const"); constant && atLeast(SchemaDraft::Draft6)) {
      node.constJson = canonicalJson(*constant);
    }
    if (const Value* members = doc.find("enum")) {
      if (!members->isList()) fail("enum must be of an array");
      for (const Value& member : members->asList()) {
        std::string json = canonicalJson(member);
        if (std::find(node.enumJson.begin(), node.enumJson.end(), json) != node.enumJson.end()) {
          fail("enum items must be unique");
        }
        node.enumJson.push_back(std::move(json));
      }
    }
  }

  void parseSchemaList(const SchemaObject& doc, const char* key, const char* errorKey,
                       std::vector<const SchemaNode*>& out) {
    const Value* list = doc.find(key);
    if (list == nullptr) return;
    if (!list->isList()) fail(std::string(errorKey) + " must be of an array");
    for (const Value& schema : list->asList()) out.push_back(parse(schema));
  }

  const SchemaNode* optionalSchema(const SchemaObject& doc, const char* key) {
    const Value* schema = doc.find(key);
    if (schema == nullptr) return nullptr;
    if (!isSchemaShape(*schema)) fail(std::string(key) + " must be of an object");
    return parse(*schema);
  }

  void parseCombinators(const SchemaObject& doc, SchemaNode& node) {
    parseSchemaList(doc, "oneOf", "oneOf", node.oneOf);
    parseSchemaList(doc, "anyOf", "anyOf", node.anyOf);
    parseSchemaList(doc, "allOf", "anyOf", node.allOf);  // sic: the library names anyOf here
    node.notSchema = optionalSchema(doc, "not");
    if (!atLeast(SchemaDraft::Draft7)) return;
    node.ifSchema = optionalSchema(doc, "if");
    node.thenSchema = optionalSchema(doc, "then");
    node.elseSchema = optionalSchema(doc, "else");
  }

  CompiledSchema& out_;
  const Value& document_;
  SchemaDraft draft_;
  std::map<std::string, const Value*> pool_;                 // "$id" scopes -> schema objects
  std::map<std::string, const SchemaNode*> references_;      // compiled "$ref" targets
  ResolvedReferences resolvedReferences_;
};

}  // namespace

Result<CompiledSchema> compileSchema(const Value& document) {
  try {
    SchemaDraft draft = detectDraft(document);
    CompiledSchema compiled;
    SchemaCompiler compiler(compiled, document, draft);
    compiled.root = compiler.compileRoot();
    return compiled;
  } catch (const Failure& failure) {
    return Error{failure.what()};
  }
}

}  // namespace ho::chart
