// Chart.yaml (and v1 requirements.yaml) decoding into chart::Metadata the way
// sigs.k8s.io/yaml fills Go structs (scalars converted to string fields,
// case-insensitive keys, encoding/json type errors), and Metadata.Validate.

#include <algorithm>
#include <cctype>

#include "chart/loader.h"
#include "chart/version_constraint.h"
#include "core/go_float.h"
#include "encoding/go_yaml.h"

namespace ho::chart {
namespace {

// A type mismatch, reported as encoding/json does.
struct DecodeError {
  std::string message;
};

std::string jsonKindName(const Value& v) {
  switch (v.kind()) {
    case Kind::Bool:
      return "bool";
    case Kind::Int:
    case Kind::Uint:
    case Kind::Float:
      return "number";
    case Kind::String:
      return "string";
    case Kind::List:
      return "array";
    default:
      return "object";
  }
}

[[noreturn]] void typeError(const Value& v, const std::string& structName, const std::string& fieldPath,
                            const std::string& goType) {
  throw DecodeError{"json: cannot unmarshal " + jsonKindName(v) + " into Go struct field " + structName + "." +
                    fieldPath + " of type " + goType};
}

// sigs.k8s.io/yaml turns YAML scalars into strings when the Go field is a string.
std::optional<std::string> scalarText(const Value& v) {
  switch (v.kind()) {
    case Kind::String:
      return v.asString();
    case Kind::Bool:
      return v.asBool() ? "true" : "false";
    case Kind::Int:
      return std::to_string(v.asInt());
    case Kind::Uint:
      return std::to_string(v.asUint());
    case Kind::Float:
      return formatGoFloat(v.asFloat(), 'g', -1, 32);
    default:
      return std::nullopt;
  }
}

struct FieldContext {
  std::string structName;  // innermost Go struct: "Metadata", "Dependency"
  std::string path;        // json path from the root: "dependencies.name"
};

void decodeString(const Value& v, std::string& out, const FieldContext& ctx) {
  if (v.isNil()) return;
  auto text = scalarText(v);
  if (!text) typeError(v, ctx.structName, ctx.path, "string");
  out = *text;
}

void decodeBool(const Value& v, bool& out, const FieldContext& ctx) {
  if (v.isNil()) return;
  if (!v.isBool()) typeError(v, ctx.structName, ctx.path, "bool");
  out = v.asBool();
}

void decodeStrings(const Value& v, std::vector<std::string>& out, const FieldContext& ctx) {
  if (v.isNil()) return;
  if (!v.isList()) typeError(v, ctx.structName, ctx.path, "[]string");
  out.clear();
  for (const Value& item : v.asList()) {
    std::string s;
    decodeString(item, s, ctx);
    out.push_back(s);
  }
}

// Helm's alias pattern ^[a-zA-Z0-9_-]+$.
bool isAllowedAlias(std::string_view alias) {
  return !alias.empty() && std::all_of(alias.begin(), alias.end(), [](char c) {
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_' || c == '-';
  });
}

bool keyIs(std::string_view key, std::string_view field) {
  if (key.size() != field.size()) return false;
  for (std::size_t i = 0; i < key.size(); ++i) {
    if (std::tolower(static_cast<unsigned char>(key[i])) != std::tolower(static_cast<unsigned char>(field[i]))) {
      return false;
    }
  }
  return true;
}

void decodeMaintainer(const Value& v, std::optional<Maintainer>& out) {
  if (v.isNil()) return;
  FieldContext ctx{"Metadata", "maintainers"};
  if (!v.isMap()) typeError(v, ctx.structName, ctx.path, "chart.Maintainer");
  Maintainer m;
  for (const auto& [key, field] : v.asMap()) {
    FieldContext f{"Maintainer", "maintainers." + key};
    if (keyIs(key, "name"))
      decodeString(field, m.name, f);
    else if (keyIs(key, "email"))
      decodeString(field, m.email, f);
    else if (keyIs(key, "url"))
      decodeString(field, m.url, f);
  }
  out = m;
}

std::shared_ptr<Dependency> decodeDependency(const Value& v) {
  if (v.isNil()) return nullptr;
  if (!v.isMap()) typeError(v, "Metadata", "dependencies", "chart.Dependency");
  auto d = std::make_shared<Dependency>();
  for (const auto& [key, field] : v.asMap()) {
    FieldContext f{"Dependency", "dependencies." + key};
    if (keyIs(key, "name"))
      decodeString(field, d->name, f);
    else if (keyIs(key, "version"))
      decodeString(field, d->version, f);
    else if (keyIs(key, "repository"))
      decodeString(field, d->repository, f);
    else if (keyIs(key, "condition"))
      decodeString(field, d->condition, f);
    else if (keyIs(key, "tags"))
      decodeStrings(field, d->tags, f);
    else if (keyIs(key, "enabled"))
      decodeBool(field, d->enabled, f);
    else if (keyIs(key, "alias"))
      decodeString(field, d->alias, f);
    else if (keyIs(key, "import-values")) {
      if (!field.isNil() && !field.isList()) typeError(field, f.structName, f.path, "[]interface {}");
      d->importValues = field;
    }
  }
  return d;
}

// Null dependency entries stay as nullptr (like Go's nil *Dependency) for
// Validate to report; null maintainers are dropped.
void decodeMetadata(const Value& doc, Metadata& md) {
  if (doc.isNil()) return;
  if (!doc.isMap())
    throw DecodeError{"json: cannot unmarshal " + jsonKindName(doc) + " into Go value of type chart.Metadata"};
  for (const auto& [key, v] : doc.asMap()) {
    FieldContext ctx{"Metadata", key};
    if (keyIs(key, "name"))
      decodeString(v, md.name, ctx);
    else if (keyIs(key, "home"))
      decodeString(v, md.home, ctx);
    else if (keyIs(key, "sources"))
      decodeStrings(v, md.sources, ctx);
    else if (keyIs(key, "version"))
      decodeString(v, md.version, ctx);
    else if (keyIs(key, "description"))
      decodeString(v, md.description, ctx);
    else if (keyIs(key, "keywords"))
      decodeStrings(v, md.keywords, ctx);
    else if (keyIs(key, "icon"))
      decodeString(v, md.icon, ctx);
    else if (keyIs(key, "apiVersion"))
      decodeString(v, md.apiVersion, ctx);
    else if (keyIs(key, "condition"))
      decodeString(v, md.condition, ctx);
    else if (keyIs(key, "tags"))
      decodeString(v, md.tags, ctx);
    else if (keyIs(key, "appVersion"))
      decodeString(v, md.appVersion, ctx);
    else if (keyIs(key, "deprecated"))
      decodeBool(v, md.deprecated, ctx);
    else if (keyIs(key, "kubeVersion"))
      decodeString(v, md.kubeVersion, ctx);
    else if (keyIs(key, "type"))
      decodeString(v, md.type, ctx);
    else if (keyIs(key, "annotations")) {
      if (v.isNil()) continue;
      if (!v.isMap()) typeError(v, "Metadata", key, "map[string]string");
      for (const auto& [k, item] : v.asMap()) {
        std::string text;
        if (!item.isNil()) decodeString(item, text, FieldContext{"Metadata", key + "." + k});
        md.annotations[k] = text;
      }
    } else if (keyIs(key, "maintainers")) {
      if (v.isNil()) continue;
      if (!v.isList()) typeError(v, "Metadata", key, "[]*chart.Maintainer");
      md.maintainers.clear();
      for (const Value& item : v.asList()) {
        std::optional<Maintainer> m;
        decodeMaintainer(item, m);
        if (m) md.maintainers.push_back(*m);
      }
    } else if (keyIs(key, "dependencies")) {
      if (v.isNil()) continue;
      if (!v.isList()) typeError(v, "Metadata", key, "[]*chart.Dependency");
      md.dependencies.clear();
      for (const Value& item : v.asList()) md.dependencies.push_back(decodeDependency(item));
    }
  }
}

// Helm's sanitizeString: whitespace becomes ' ', unprintable ASCII control bytes vanish.
std::string sanitize(const std::string& s) {
  std::string out;
  for (unsigned char c : s) {
    if (c == '\t' || c == '\n' || c == '\v' || c == '\f' || c == '\r')
      out += ' ';
    else if (c < 0x20 || c == 0x7F)
      continue;
    else
      out += static_cast<char>(c);
  }
  return out;
}

Error validationError(const std::string& message) { return Error{"validation: " + message}; }

std::string quoted(const std::string& s) {
  std::string out = "\"";
  for (char c : s) {
    if (c == '"' || c == '\\') out += '\\';
    out += c;
  }
  return out + "\"";
}

}  // namespace

Result<void> parseChartYaml(std::string_view text, Metadata& metadata) {
  auto doc = encoding::parseYamlTyped(text);
  if (!doc) return doc.error();
  try {
    decodeMetadata(*doc, metadata);
  } catch (const DecodeError& e) {
    return Error{"error unmarshaling JSON: while decoding JSON: " + e.message};
  }
  return {};
}

Result<void> validateMetadata(Metadata& md) {
  for (std::string* s :
       {&md.name, &md.description, &md.home, &md.icon, &md.condition, &md.tags, &md.appVersion, &md.kubeVersion}) {
    *s = sanitize(*s);
  }
  for (auto& s : md.sources) s = sanitize(s);
  for (auto& s : md.keywords) s = sanitize(s);
  if (md.apiVersion.empty()) return validationError("chart.metadata.apiVersion is required");
  if (md.name.empty()) return validationError("chart.metadata.name is required");
  if (md.name.find('/') != std::string::npos) {  // filepath.Base(name) != name
    return validationError("chart.metadata.name " + quoted(md.name) + " is invalid");
  }
  if (md.version.empty()) return validationError("chart.metadata.version is required");
  if (!isValidSemver(md.version)) {
    return validationError("chart.metadata.version " + quoted(md.version) + " is invalid");
  }
  if (md.type != "" && md.type != "application" && md.type != "library") {
    return validationError("chart.metadata.type must be application or library");
  }
  for (auto& m : md.maintainers) {
    m.name = sanitize(m.name);
    m.email = sanitize(m.email);
    m.url = sanitize(m.url);
  }
  std::map<std::string, bool> seen;
  for (auto& d : md.dependencies) {
    if (!d) return validationError("dependencies must not contain empty or null nodes");
    for (std::string* s : {&d->name, &d->version, &d->repository, &d->condition, &d->alias}) *s = sanitize(*s);
    for (auto& t : d->tags) t = sanitize(t);
    if (!d->alias.empty() && !isAllowedAlias(d->alias)) {
      return validationError("dependency " + quoted(d->name) + " has disallowed characters in the alias");
    }
    const std::string& key = d->alias.empty() ? d->name : d->alias;
    if (seen[key]) return validationError("more than one dependency with name or alias " + quoted(key));
    seen[key] = true;
  }
  return {};
}

}  // namespace ho::chart
