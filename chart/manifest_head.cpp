// Reading a document's head three ways, fastest first. The generic way
// decodes the whole document into values (sigs.k8s.io/yaml's YAML -> JSON
// rules) and looks the fields up. The streaming ways walk the document once,
// checking every key and number as that decoding would, and keep only the
// head's scalars: no node tree, no values for the rest (a fifth of a large
// chart's time went into decoding documents only to read four fields). The
// block reader walks the block style charts render at a few bytes an
// instruction; the full parser's events take what it does not model. What
// neither models exactly (tags, anchors, aliases, merge keys, keys or numbers
// that decoding refuses, deep nesting, syntax errors) goes the generic way,
// so results and error texts are the generic ones.
#include "chart/manifest_head.h"

#include <array>
#include <cmath>
#include <cstdint>

#include "encoding/go_yaml.h"
#include "encoding/yaml_block_reader.h"
#include "encoding/yaml_resolve.h"

namespace ho::chart {
namespace {

using encoding::ResolvedScalar;
using encoding::ScalarKind;
using encoding::yaml::NotPlainYaml;
using encoding::yaml::VisitedScalar;
using encoding::yaml::YamlVisitor;

constexpr std::string_view kHookAnnotation = "helm.sh/hook";
constexpr std::string_view kHookWeightAnnotation = "helm.sh/hook-weight";

// A field as the string Helm's struct decoding holds for the decoded value.
std::string scalarString(const Value* v) {
  if (!v || v->isNil()) return "";
  if (v->isString()) return v->asString();
  if (v->isBool()) return v->asBool() ? "true" : "false";
  if (v->isInt()) return std::to_string(v->asInt());
  if (v->isFloat()) {
    double f = v->asFloat();
    if (f == static_cast<double>(static_cast<std::int64_t>(f))) return std::to_string(static_cast<std::int64_t>(f));
    return std::to_string(f);
  }
  return "";
}

Result<ManifestHead> readGenerically(std::string_view document, const std::string& path) {
  auto parsed = encoding::parseYamlAny(document);
  if (!parsed) return Error{"YAML parse error on " + path + ": " + parsed.error().message};
  ManifestHead head;
  if (parsed->isNil()) return head;
  if (!parsed->isMap()) {
    std::string kind = parsed->isList()     ? "array"
                       : parsed->isString() ? "string"
                       : parsed->isBool()   ? "bool"
                                            : "number";
    return Error{"YAML parse error on " + path +
                 ": error unmarshaling JSON: while decoding JSON: json: cannot unmarshal " + kind +
                 " into Go value of type releaseutil.SimpleHead"};
  }
  head.kind = scalarString(parsed->find("kind"));
  if (const Value* metadata = parsed->find("metadata"); metadata && metadata->isMap()) {
    head.name = scalarString(metadata->find("name"));
    if (const Value* annotations = metadata->find("annotations"); annotations && annotations->isMap()) {
      if (const Value* hook = annotations->find(kHookAnnotation)) head.hook = scalarString(hook);
      if (const Value* weight = annotations->find(kHookWeightAnnotation)) head.hookWeight = scalarString(weight);
    }
  }
  return head;
}

// The head of a document from the visits of either walker. Every key and
// every value is checked as the JSON conversion would check it (a document
// that conversion refuses goes the generic way); the head's fields keep the
// last value given, as decoding into a struct does.
class HeadVisitor final : public YamlVisitor {
 public:
  ManifestHead head;

  void mappingStart() override { open(true); }
  void sequenceStart() override { open(false); }
  void mappingEnd() override { --depth_; }
  void sequenceEnd() override { --depth_; }

  void key(const VisitedScalar& key) override {
    field_ = fieldNamed(keyName(key));
    // A new metadata or annotations mapping starts its fields over, as decoding into a fresh struct does.
    if (field_ == Field::Metadata) head.name.clear();
    if (field_ == Field::Metadata || field_ == Field::Annotations) {
      head.hook.reset();
      head.hookWeight.reset();
    }
  }

  void value(const VisitedScalar& value) override {
    if (depth_ == 0) throw NotPlainYaml{};  // a scalar document: the generic words
    if (std::string* text = fieldText()) {
      *text = scalarText(value);
    } else {
      check(value);
    }
    field_ = Field::None;
  }

 private:
  enum class Field : std::uint8_t { None, Kind, Metadata, Name, Annotations, Hook, HookWeight };
  enum class Inside : std::uint8_t { Other, Metadata, Annotations };

  // The head field a key of this name selects where it stands.
  Field fieldNamed(std::string_view name) const {
    if (depth_ == 1) return name == "kind" ? Field::Kind : name == "metadata" ? Field::Metadata : Field::None;
    if (depth_ == 2 && inside_[2] == Inside::Metadata) {
      return name == "name" ? Field::Name : name == "annotations" ? Field::Annotations : Field::None;
    }
    if (depth_ == 3 && inside_[3] == Inside::Annotations) {
      return name == kHookAnnotation ? Field::Hook : name == kHookWeightAnnotation ? Field::HookWeight : Field::None;
    }
    return Field::None;
  }

  // The head field the pending value sets, if it is one.
  std::string* fieldText() {
    switch (field_) {
      case Field::Kind: return &head.kind;
      case Field::Name: return &head.name;
      case Field::Hook: return &head.hook.emplace();
      case Field::HookWeight: return &head.hookWeight.emplace();
      default: return nullptr;
    }
  }

  void open(bool mapping) {
    if (depth_ == 0 && !mapping) throw NotPlainYaml{};  // a list document: the generic words
    Inside inside = Inside::Other;
    if (mapping && depth_ == 1 && field_ == Field::Metadata) {
      inside = Inside::Metadata;
    } else if (mapping && depth_ == 2 && inside_[2] == Inside::Metadata && field_ == Field::Annotations) {
      inside = Inside::Annotations;
    }
    if (std::string* text = fieldText()) text->clear();  // a collection decodes to no string
    field_ = Field::None;
    ++depth_;
    if (depth_ < inside_.size()) inside_[depth_] = inside;
  }

  // A key's name when decoding spells it as a string; "" for other keys. A
  // plain `<<` is a merge key: decoding merges its value into the mapping,
  // which the generic decoding does; null keys and keys beyond int64 it refuses.
  static std::string_view keyName(const VisitedScalar& key) {
    if (!key.exact) throw NotPlainYaml{};
    if (!key.plain()) return key.text;
    if (key.text == "<<") throw NotPlainYaml{};
    const ResolvedScalar r = encoding::resolvePlainScalar(key.text);
    if (r.kind == ScalarKind::Null || r.kind == ScalarKind::Uint) throw NotPlainYaml{};
    return r.kind == ScalarKind::String || r.kind == ScalarKind::Timestamp ? key.text : std::string_view();
  }

  // A value decoding accepts: no NaN or infinity (JSON has none). A plain
  // scalar continued over lines holds a space, so it is never a number.
  static void check(const VisitedScalar& value) {
    if (!value.plain() || !value.exact || !encoding::mayBeNonFiniteFloat(value.text)) return;
    const ResolvedScalar r = encoding::resolvePlainScalar(value.text);
    if (r.kind == ScalarKind::Float && !std::isfinite(r.floatValue)) throw NotPlainYaml{};
  }

  // A head field's scalar as the JSON round trip decodes it into a string.
  static std::string scalarText(const VisitedScalar& value) {
    if (!value.exact) throw NotPlainYaml{};
    check(value);
    if (!value.plain()) return std::string(value.text);
    const ResolvedScalar r = encoding::resolvePlainScalar(value.text);
    Value decoded;
    switch (r.kind) {
      case ScalarKind::Null: decoded = Value::nil(); break;
      case ScalarKind::Bool: decoded = Value::boolean(r.boolValue); break;
      case ScalarKind::Int: decoded = Value::floating(static_cast<double>(r.intValue)); break;
      case ScalarKind::Uint: decoded = Value::floating(static_cast<double>(r.uintValue)); break;
      case ScalarKind::Float: decoded = Value::floating(r.floatValue); break;
      default: decoded = Value::string(std::string(value.text));
    }
    return scalarString(&decoded);
  }

  Field field_ = Field::None;
  std::size_t depth_ = 0;
  std::array<Inside, 4> inside_{};
};

// The head read by `walk` (visitBlockDocument or visitPlainDocument).
template <class Walk>
ManifestHead readWith(Walk walk, std::string_view document) {
  HeadVisitor visitor;
  walk(document, visitor);
  return std::move(visitor.head);
}

}  // namespace

Result<ManifestHead> readManifestHead(std::string_view document, const std::string& path) {
  try {
    return readWith(encoding::yaml::visitBlockDocument, document);
  } catch (const NotPlainYaml&) {
  }
  try {
    return readWith(encoding::yaml::visitPlainDocument, document);
  } catch (const NotPlainYaml&) {
  } catch (const encoding::yaml::SyntaxError&) {
  }
  return readGenerically(document, path);
}

}  // namespace ho::chart
