// `.Files` for templates (Helm's engine.files, a map of path to bytes).
#include "chart/files.h"

#include <map>
#include <utility>

#include "chart/glob.h"
#include "encoding/go_yaml.h"

namespace ho::chart {
namespace {

using FileMap = std::map<std::string, SharedText, std::less<>>;

std::string base64(std::string_view data) {
  static const char* alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
  std::string out;
  std::size_t i = 0;
  for (; i + 2 < data.size(); i += 3) {
    std::uint32_t n = (static_cast<unsigned char>(data[i]) << 16) | (static_cast<unsigned char>(data[i + 1]) << 8) |
                      static_cast<unsigned char>(data[i + 2]);
    for (int shift : {18, 12, 6, 0}) out += alphabet[(n >> shift) & 63];
  }
  if (i + 1 == data.size()) {
    std::uint32_t n = static_cast<unsigned char>(data[i]) << 16;
    out += alphabet[(n >> 18) & 63];
    out += alphabet[(n >> 12) & 63];
    out += "==";
  } else if (i + 2 == data.size()) {
    std::uint32_t n = (static_cast<unsigned char>(data[i]) << 16) | (static_cast<unsigned char>(data[i + 1]) << 8);
    out += alphabet[(n >> 18) & 63];
    out += alphabet[(n >> 12) & 63];
    out += alphabet[(n >> 6) & 63];
    out += '=';
  }
  return out;
}

std::string baseName(const std::string& path) {
  auto slash = path.rfind('/');
  return slash == std::string::npos ? path : path.substr(slash + 1);
}

Value bytesValue(std::string_view data) {
  List bytes;
  bytes.reserve(data.size());
  for (unsigned char c : data) bytes.push_back(Value::unsignedInteger(c, GoType::Uint8));
  return Value::list(std::move(bytes), GoType::Bytes);
}

std::string stringArgument(std::string_view method, std::span<const Value> args) {
  if (args.size() != 1) {
    throw Failure("wrong number of args for " + std::string(method) + ": want 1 got " + std::to_string(args.size()));
  }
  if (!args[0].isString()) throw Failure("wrong type for value; expected string; got " + args[0].typeName());
  return args[0].asString();
}

class FilesObject : public Object {
 public:
  explicit FilesObject(std::shared_ptr<const FileMap> files) : files_(std::move(files)) {}
  std::string typeName() const override { return "engine.files"; }
  std::string kindName() const override { return "map"; }
  std::optional<Value> field(std::string_view name) const override {
    if (name == "AsConfig") return Value::string(asYaml(false));
    if (name == "AsSecrets") return Value::string(asYaml(true));
    return std::nullopt;
  }
  bool hasMethod(std::string_view name) const override {
    return name == "Get" || name == "GetBytes" || name == "Glob" || name == "Lines" || name == "AsConfig" ||
           name == "AsSecrets";
  }
  Value callMethod(std::string_view name, std::span<const Value> args) const override {
    if (name == "AsConfig" || name == "AsSecrets") {
      if (!args.empty()) {
        throw Failure("wrong number of args for " + std::string(name) + ": want 0 got " + std::to_string(args.size()));
      }
      return *field(name);
    }
    if (!hasMethod(name)) return Object::callMethod(name, args);
    std::string arg = stringArgument(name, args);
    if (name == "Get") return Value::string(contents(arg));
    if (name == "GetBytes") return bytesValue(contents(arg));
    if (name == "Lines") return lines(arg);
    return glob(arg);
  }
  // %v of map[string][]uint8.
  std::string format() const override {
    std::string out = "map[";
    bool first = true;
    for (const auto& [k, v] : *files_) {
      out += (first ? "" : " ") + k + ":[";
      for (std::size_t i = 0; i < v.size(); ++i) {
        out += (i ? " " : "") + std::to_string(static_cast<unsigned char>(v.view()[i]));
      }
      out += "]";
      first = false;
    }
    return out + "]";
  }
  bool truthy() const override { return !files_->empty(); }
  // range/index/len see map[string][]byte.
  std::optional<Value> contents() const override {
    Map out;
    for (const auto& [k, v] : *files_) out.emplace(k, bytesValue(v));
    return Value::map(std::move(out));
  }
  std::optional<std::vector<std::string>> keys() const override {
    std::vector<std::string> names;
    names.reserve(files_->size());
    for (const auto& entry : *files_) names.push_back(entry.first);
    return names;
  }
  Value toData() const override {
    Map out;
    for (const auto& [k, v] : *files_) out.emplace(k, Value::string(base64(v)));
    return Value::map(std::move(out));
  }

 private:
  std::string contents(const std::string& name) const {
    auto it = files_->find(name);
    return it == files_->end() ? std::string() : it->second.str();
  }

  Value lines(const std::string& path) const {
    auto it = files_->find(path);
    List out;
    if (it == files_->end() || it->second.empty()) return Value::list(std::move(out), GoType::StringList);
    std::string s = it->second.str();
    if (s.back() == '\n') s.pop_back();
    std::size_t start = 0;
    while (true) {
      std::size_t nl = s.find('\n', start);
      out.push_back(Value::string(s.substr(start, nl == std::string::npos ? std::string::npos : nl - start)));
      if (nl == std::string::npos) break;
      start = nl + 1;
    }
    return Value::list(std::move(out), GoType::StringList);
  }

  Value glob(const std::string& pattern) const {
    bool valid = isValidGlob(pattern);
    auto matched = std::make_shared<FileMap>();
    for (const auto& [name, data] : *files_) {
      if (!valid || globMatch(pattern, name)) matched->emplace(name, data);
    }
    return Value::object(std::make_shared<FilesObject>(std::move(matched)));
  }

  // toYAML(map[base name]contents) with Helm's trailing newline trimmed.
  std::string asYaml(bool base64Encode) const {
    Map entries;
    for (const auto& [name, data] : *files_) {
      entries[baseName(name)] = Value::string(base64Encode ? base64(data) : data.str());
    }
    auto yaml = encoding::toYaml(Value::map(std::move(entries)));
    if (!yaml) return "";
    std::string text = std::move(*yaml);
    if (text.ends_with("\n")) text.pop_back();
    return text;
  }

  std::shared_ptr<const FileMap> files_;
};

}  // namespace

Value filesObject(const std::vector<File>& files) {
  auto map = std::make_shared<FileMap>();
  for (const File& f : files) (*map)[f.name] = f.data;
  return Value::object(std::make_shared<FilesObject>(std::move(map)));
}

}  // namespace ho::chart
