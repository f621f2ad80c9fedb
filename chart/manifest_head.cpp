// Reading a document's head two ways. The generic way decodes the whole
// document into values (sigs.k8s.io/yaml's YAML -> JSON rules) and looks the
// fields up. The streaming way walks the YAML events once, checking every key
// and number as that decoding would, and keeps only the head's scalars: no
// node tree, no values for the rest (a fifth of a large chart's time went into
// decoding documents only to read four fields). Whatever the streaming walk
// does not model exactly (tags, anchors, aliases, merge keys, keys or numbers
// that decoding refuses, deep nesting, syntax errors) sends the document the
// generic way, so results and error texts are the generic ones.
#include "chart/manifest_head.h"

#include <cmath>
#include <vector>

#include "encoding/go_yaml.h"
#include "encoding/yaml_plain_events.h"

namespace ho::chart {
namespace {

using encoding::ResolvedScalar;
using encoding::ScalarKind;
using encoding::yaml::Event;
using encoding::yaml::EventType;
using encoding::yaml::NotPlainYaml;
using encoding::yaml::PlainEvents;

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

class HeadStream {
 public:
  explicit HeadStream(std::string_view document) : events_(document) {}

  ManifestHead read() {
    ManifestHead head;
    expect(EventType::StreamStart);
    Event start = next();
    if (start.type == EventType::StreamEnd) return head;  // nothing but comments
    if (start.type != EventType::DocumentStart) throw NotPlainYaml{};
    Event root = next();
    if (root.type != EventType::MappingStart) throw NotPlainYaml{};  // nil or not a map: the generic words
    readMapping([&](const std::string& name, const Event& value) {
      if (name == "kind") {
        head.kind = fieldText(value);
      } else if (name == "metadata") {
        head.name.clear();
        head.hook.reset();
        head.hookWeight.reset();
        readIfMapping(value, [&](const std::string& field, const Event& inner) {
          return readMetadataField(head, field, inner);
        });
      } else {
        return false;
      }
      return true;
    });
    expect(EventType::DocumentEnd);
    return head;
  }

 private:
  Event next() { return events_.next(); }
  void expect(EventType type) { events_.expect(type); }

  // A mapping key that decoding accepts (not a collection, not null, not
  // beyond int64, not a merge), spelled as JSON keys are when it is a string.
  std::string keyText(const Event& key) {
    const ResolvedScalar r = checkedKey(key);
    // Only string keys can spell the fields read here; others keep their own spelling elsewhere.
    return r.kind == ScalarKind::String || r.kind == ScalarKind::Timestamp ? std::string(key.value) : std::string();
  }
  // A key checked as keyText checks it, without spelling it out. A plain
  // `<<` is a merge key: decoding merges its value into the mapping, which
  // the generic decoding does.
  ResolvedScalar checkedKey(const Event& key) {
    if (key.type != EventType::Scalar || (key.implicit && key.value == "<<")) throw NotPlainYaml{};
    const ResolvedScalar r = PlainEvents::resolve(key);
    if (r.kind == ScalarKind::Null || r.kind == ScalarKind::Uint) throw NotPlainYaml{};
    return r;
  }
  // A value scalar resolved, once decoding is known to accept it: no NaN or
  // infinity (JSON has none).
  ResolvedScalar checkedValue(const Event& scalar) {
    const ResolvedScalar r = PlainEvents::resolve(scalar);
    if (r.kind == ScalarKind::Float && !std::isfinite(r.floatValue)) throw NotPlainYaml{};
    return r;
  }
  // The head field `value` holds: its scalar as the JSON round trip decodes it, "" for a collection.
  std::string fieldText(const Event& value) {
    if (value.type != EventType::Scalar) {
      walk(value);
      return "";
    }
    const ResolvedScalar r = checkedValue(value);
    Value decoded;
    switch (r.kind) {
      case ScalarKind::Null: decoded = Value::nil(); break;
      case ScalarKind::Bool: decoded = Value::boolean(r.boolValue); break;
      case ScalarKind::Int: decoded = Value::floating(static_cast<double>(r.intValue)); break;
      case ScalarKind::Uint: decoded = Value::floating(static_cast<double>(r.uintValue)); break;
      case ScalarKind::Float: decoded = Value::floating(r.floatValue); break;
      default: decoded = Value::string(std::string(value.value));
    }
    return scalarString(&decoded);
  }

  // The entries of the mapping just opened: `onEntry(name, value)` reads the
  // ones it wants and says so; every other value is checked and skipped.
  template <class OnEntry>
  void readMapping(OnEntry onEntry) {
    for (Event key = next(); key.type != EventType::MappingEnd; key = next()) {
      const std::string name = keyText(key);
      const Event value = next();
      if (!onEntry(name, value)) walk(value);
    }
  }
  // `value` read with readMapping when it opens a mapping, else checked and skipped.
  template <class OnEntry>
  void readIfMapping(const Event& value, OnEntry onEntry) {
    if (value.type == EventType::MappingStart) {
      readMapping(onEntry);
    } else {
      walk(value);
    }
  }

  bool readMetadataField(ManifestHead& head, const std::string& field, const Event& value) {
    if (field == "name") {
      head.name = fieldText(value);
    } else if (field == "annotations") {
      head.hook.reset();
      head.hookWeight.reset();
      readIfMapping(value, [&](const std::string& annotation, const Event& text) {
        if (annotation == kHookAnnotation) {
          head.hook = fieldText(text);
        } else if (annotation == kHookWeightAnnotation) {
          head.hookWeight = fieldText(text);
        } else {
          return false;
        }
        return true;
      });
    } else {
      return false;
    }
    return true;
  }

  // Checks the node `first` starts: every key and every number in it.
  void walk(const Event& first) {
    if (first.type == EventType::Scalar) {
      checkedValue(first);
      return;
    }
    struct Open {
      bool mapping;
      bool atKey;
    };
    std::vector<Open> open;
    auto enter = [&](const Event& event) {
      if (open.size() >= kMaxDepth) throw NotPlainYaml{};
      open.push_back({event.type == EventType::MappingStart, true});
    };
    enter(first);
    while (!open.empty()) {
      const Event event = next();
      Open& top = open.back();
      const bool isKey = top.mapping && top.atKey;
      if (top.mapping && event.type != EventType::MappingEnd) top.atKey = !top.atKey;
      switch (event.type) {
        case EventType::Scalar:
          if (isKey) {
            checkedKey(event);
          } else {
            checkedValue(event);
          }
          break;
        case EventType::SequenceStart:
        case EventType::MappingStart:
          if (isKey) throw NotPlainYaml{};  // a collection as a key
          enter(event);
          break;
        case EventType::SequenceEnd:
        case EventType::MappingEnd: open.pop_back(); break;
        default: throw NotPlainYaml{};
      }
    }
  }

  // Far below the decoder's 10,000: deeper documents take the generic way and its limit.
  static constexpr std::size_t kMaxDepth = 1000;
  PlainEvents events_;
};

}  // namespace

Result<ManifestHead> readManifestHead(std::string_view document, const std::string& path) {
  try {
    return HeadStream(document).read();
  } catch (const NotPlainYaml&) {
  } catch (const encoding::yaml::SyntaxError&) {
  }
  return readGenerically(document, path);
}

}  // namespace ho::chart
