// chartRecord: a loaded chart as helm's release JSON carries it
// (chart.Chart's exported fields; subcharts are not part of it).
#include "controller/release/release.h"
#include "kube/client/base64_codec.h"

namespace ho::controller {

namespace {

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
  map.emplace("metadata", chart::metadataJson(chart.metadata));
  map.emplace("lock", Value::nil());
  map.emplace("templates", fileList(chart.templates));
  map.emplace("values", chart.values.isMap() ? chart.values : Value::nil());
  map.emplace("schema", chart.schema.empty() ? Value::nil() : Value::string(kube::client::base64Encode(chart.schema)));
  map.emplace("files", fileList(chart.files));
  return Value::map(std::move(map));
}

}  // namespace ho::controller
