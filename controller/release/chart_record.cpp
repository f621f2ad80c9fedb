// chartRecord: a loaded chart as helm's release JSON carries it
// (chart.Chart's exported fields; subcharts are not part of it).
#include "controller/release/release.h"
#include "kube/client/base64_codec.h"

namespace ho::controller {

namespace {

void putString(Map& map, std::string_view key, const std::string& text) {
  if (!text.empty()) map.emplace(std::string(key), Value::string(text));
}

void putStrings(Map& map, std::string_view key, const std::vector<std::string>& items) {
  if (items.empty()) return;
  List list;
  for (const auto& item : items) list.push_back(Value::string(item));
  map.emplace(std::string(key), Value::list(std::move(list), GoType::StringList));
}

Value metadataRecord(const chart::Metadata& metadata) {
  Map map;
  putString(map, "name", metadata.name);
  putString(map, "home", metadata.home);
  putStrings(map, "sources", metadata.sources);
  putString(map, "version", metadata.version);
  putString(map, "description", metadata.description);
  putStrings(map, "keywords", metadata.keywords);
  if (!metadata.maintainers.empty()) {
    List maintainers;
    for (const auto& maintainer : metadata.maintainers) {
      Map entry;
      putString(entry, "name", maintainer.name);
      putString(entry, "email", maintainer.email);
      putString(entry, "url", maintainer.url);
      maintainers.push_back(Value::map(std::move(entry)));
    }
    map.emplace("maintainers", Value::list(std::move(maintainers)));
  }
  putString(map, "icon", metadata.icon);
  putString(map, "apiVersion", metadata.apiVersion);
  putString(map, "condition", metadata.condition);
  putString(map, "tags", metadata.tags);
  putString(map, "appVersion", metadata.appVersion);
  if (metadata.deprecated) map.emplace("deprecated", Value::boolean(true));
  if (!metadata.annotations.empty()) {
    Map annotations;
    for (const auto& [key, value] : metadata.annotations) annotations.emplace(key, Value::string(value));
    map.emplace("annotations", Value::map(std::move(annotations), GoType::StringMap));
  }
  putString(map, "kubeVersion", metadata.kubeVersion);
  if (!metadata.dependencies.empty()) {
    List dependencies;
    for (const auto& dependency : metadata.dependencies) {
      Map entry;
      entry.emplace("name", Value::string(dependency->name));
      putString(entry, "version", dependency->version);
      entry.emplace("repository", Value::string(dependency->repository));
      putString(entry, "condition", dependency->condition);
      putStrings(entry, "tags", dependency->tags);
      if (dependency->enabled) entry.emplace("enabled", Value::boolean(true));
      if (dependency->importValues.isList() && !dependency->importValues.asList().empty()) {
        entry.emplace("import-values", dependency->importValues);
      }
      putString(entry, "alias", dependency->alias);
      dependencies.push_back(Value::map(std::move(entry)));
    }
    map.emplace("dependencies", Value::list(std::move(dependencies)));
  }
  putString(map, "type", metadata.type);
  return Value::map(std::move(map));
}

Value fileList(const std::vector<chart::File>& files) {
  if (files.empty()) return Value::nil();
  List list;
  for (const chart::File& file : files) {
    Map entry;
    entry.emplace("name", Value::string(file.name));
    entry.emplace("data", Value::string(kube::client::base64Encode(file.data)));
    list.push_back(Value::map(std::move(entry)));
  }
  return Value::list(std::move(list));
}

}  // namespace

Value chartRecord(const chart::Chart& chart) {
  Map map;
  map.emplace("metadata", metadataRecord(chart.metadata));
  map.emplace("lock", Value::nil());
  map.emplace("templates", fileList(chart.templates));
  map.emplace("values", chart.values.isMap() ? chart.values : Value::nil());
  map.emplace("schema", chart.schema.empty() ? Value::nil() : Value::string(kube::client::base64Encode(chart.schema)));
  map.emplace("files", fileList(chart.files));
  return Value::map(std::move(map));
}

}  // namespace ho::controller
