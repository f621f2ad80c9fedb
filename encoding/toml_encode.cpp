// toToml: a port of the layout rules of BurntSushi/toml's Encoder for the
// values templates hold (maps, lists, strings, numbers, bools).
#include <cmath>
#include <vector>

#include "core/go_float.h"
#include "encoding/go_toml.h"
#include "encoding/toml_key.h"

namespace ho::encoding {
namespace {

using Key = std::vector<std::string>;

// Native objects are encoded through their data view (Go marshals struct fields).
Value data(const Value& v) { return v.isObject() ? v.asObject().toData() : v; }

bool isTable(const Value& v) { return data(v).isMap(); }

bool isTableArray(const Value& v) {
  const Value& d = data(v);
  if (!d.isList() || d.asList().empty()) return false;
  for (const Value& item : d.asList()) {
    if (!data(item).isMap()) return false;
  }
  return true;
}

class TomlWriter {
 public:
  std::string take() { return std::move(out_); }

  void table(const Key& key, const Map& entries) {
    std::vector<const Map::value_type*> direct, sub;
    for (const auto& entry : entries) {
      if (data(entry.second).isNil()) continue;
      (isTable(entry.second) || isTableArray(entry.second) ? sub : direct).push_back(&entry);
    }
    for (const auto* entry : direct) {
      out_.append(indent(key.size()));
      out_.append(tomlKeyPart(entry->first));
      out_.append(" = ");
      inlineValue(data(entry->second));
      newline();
    }
    for (const auto* entry : sub) {
      Key child = key;
      child.push_back(entry->first);
      const Value& v = data(entry->second);
      if (v.isMap()) {
        if (child.size() == 1) newline();
        out_.append(indent(child.size() - 1));
        out_.append("[" + tomlKeyPath(child) + "]");
        newline();
        table(child, v.asMap());
      } else {
        for (const Value& item : v.asList()) {
          newline();
          out_.append(indent(child.size() - 1));
          out_.append("[[" + tomlKeyPath(child) + "]]");
          newline();
          table(child, data(item).asMap());
        }
      }
    }
  }

 private:
  static std::string indent(size_t depth) { return std::string(depth * 2, ' '); }

  // BurntSushi only writes a newline once something has been written.
  void newline() {
    if (!out_.empty()) out_.push_back('\n');
  }

  void inlineValue(const Value& v) {
    switch (v.kind()) {
      case Kind::Bool: out_.append(v.asBool() ? "true" : "false"); return;
      case Kind::Int: out_.append(std::to_string(v.asInt())); return;
      case Kind::Uint: out_.append(std::to_string(v.asUint())); return;
      case Kind::Float: floating(v.asFloat()); return;
      case Kind::String: out_.append(tomlQuoted(v.asString())); return;
      case Kind::List: {
        out_.push_back('[');
        bool first = true;
        for (const Value& item : v.asList()) {
          if (data(item).isNil()) continue;
          if (!first) out_.append(", ");
          first = false;
          inlineValue(data(item));
        }
        out_.push_back(']');
        return;
      }
      case Kind::Map: {
        out_.push_back('{');
        bool first = true;
        for (const auto& [k, item] : v.asMap()) {
          if (data(item).isNil()) continue;
          if (!first) out_.append(", ");
          first = false;
          out_.append(tomlKeyPart(k) + " = ");
          inlineValue(data(item));
        }
        out_.push_back('}');
        return;
      }
      default: return;
    }
  }

  void floating(double f) {
    if (std::isnan(f)) {
      out_.append("nan");
    } else if (std::isinf(f)) {
      out_.append(f > 0 ? "inf" : "-inf");
    } else {
      std::string text = formatGoFloat(f, 'f', -1);
      if (text.find('.') == std::string::npos) text.append(".0");
      out_.append(text);
    }
  }

  std::string out_;
};

}  // namespace

// A value without a TOML form (an object whose toData throws Go's "json:
// unsupported type: T", i.e. a complex number) is refused with BurntSushi's
// message; its key is not tracked, so it always names ''.
Result<std::string> toToml(const Value& v) {
  try {
    Value d = data(v);
    if (!d.isMap()) return Error{"toml: top-level values must be Go maps or structs"};
    TomlWriter writer;
    writer.table({}, d.asMap());
    std::string out = writer.take();
    return out;
  } catch (const Failure& failure) {
    const std::string_view message = failure.what();
    return Error{"unsupported type for key '': " + std::string(message.substr(message.rfind(": ") + 2))};
  }
}

}  // namespace ho::encoding
