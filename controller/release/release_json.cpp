// The release record's JSON: Go struct field order and omitempty rules for
// release.Release, Info, Hook and chart.Chart/Metadata, and the reverse.
#include <algorithm>
#include <array>
#include <chrono>
#include <cstdio>
#include <ctime>

#include "controller/release/release.h"
#include "encoding/go_json.h"
#include "kube/client/base64_codec.h"

namespace ho::controller {

namespace {

std::string jsonText(const Value& value) {
  auto text = encoding::toJson(value);
  return text ? *text : "null";
}

std::string jsonString(std::string_view text) { return jsonText(Value::string(std::string(text))); }

// Writes a JSON object member by member, in the order they are added.
class ObjectWriter {
 public:
  ObjectWriter& raw(std::string_view key, const std::string& json) {
    out_ += first_ ? "" : ",";
    first_ = false;
    out_ += jsonString(key) + ":" + json;
    return *this;
  }
  ObjectWriter& string(std::string_view key, std::string_view text) { return raw(key, jsonString(text)); }
  ObjectWriter& stringOmitEmpty(std::string_view key, std::string_view text) {
    return text.empty() ? *this : string(key, text);
  }
  std::string done() { return out_ + "}"; }

 private:
  std::string out_ = "{";
  bool first_ = true;
};

// Go struct field orders for the chart record's nested structs; keys not
// listed (none in practice) follow in sorted order.
using FieldOrder = std::vector<std::string_view>;
const FieldOrder kChartOrder = {"metadata", "lock", "templates", "values", "schema", "files"};
const FieldOrder kMetadataOrder = {"name",        "home",       "sources",      "version",     "description",
                                   "keywords",    "maintainers", "icon",        "apiVersion",  "condition",
                                   "tags",        "appVersion",  "deprecated",  "annotations", "kubeVersion",
                                   "dependencies", "type"};
const FieldOrder kMaintainerOrder = {"name", "email", "url"};
const FieldOrder kDependencyOrder = {"name", "version", "repository", "condition", "tags", "enabled", "import-values", "alias"};
const FieldOrder kLockOrder = {"generated", "digest", "dependencies"};
const FieldOrder kFileOrder = {"name", "data"};

std::string orderedObject(const Value& map, const FieldOrder& order,
                          const std::function<std::string(std::string_view, const Value&)>& member) {
  ObjectWriter writer;
  for (std::string_view key : order) {
    if (const Value* value = map.find(key)) writer.raw(key, member(key, *value));
  }
  for (const auto& [key, value] : map.asMap()) {
    if (std::find(order.begin(), order.end(), key) == order.end()) writer.raw(key, jsonText(value));
  }
  return writer.done();
}

std::string orderedList(const Value& list, const FieldOrder& order) {
  if (!list.isList()) return jsonText(list);
  std::string out = "[";
  for (const Value& item : list.asList()) {
    if (out.size() > 1) out += ",";
    out += item.isMap() ? orderedObject(item, order, [](std::string_view, const Value& v) { return jsonText(v); })
                        : jsonText(item);
  }
  return out + "]";
}

std::string metadataJson(const Value& metadata) {
  return orderedObject(metadata, kMetadataOrder, [](std::string_view key, const Value& value) {
    if (key == "maintainers") return orderedList(value, kMaintainerOrder);
    if (key == "dependencies") return orderedList(value, kDependencyOrder);
    return jsonText(value);
  });
}

std::string chartJson(const Value& chart) {
  if (!chart.isMap()) return "null";
  return orderedObject(chart, kChartOrder, [](std::string_view key, const Value& value) {
    if (key == "metadata" && value.isMap()) return metadataJson(value);
    if (key == "lock" && value.isMap()) {
      return orderedObject(value, kLockOrder, [](std::string_view lockKey, const Value& lockValue) {
        return lockKey == "dependencies" ? orderedList(lockValue, kDependencyOrder) : jsonText(lockValue);
      });
    }
    if (key == "templates" || key == "files") return orderedList(value, kFileOrder);
    return jsonText(value);
  });
}

std::string stringListJson(const std::vector<std::string>& items) {
  List list;
  for (const auto& item : items) list.push_back(Value::string(item));
  return jsonText(Value::list(std::move(list), GoType::StringList));
}

std::string hookJson(const HookRecord& hook) {
  ObjectWriter writer;
  writer.stringOmitEmpty("name", hook.name)
      .stringOmitEmpty("kind", hook.kind)
      .stringOmitEmpty("path", hook.path)
      .stringOmitEmpty("manifest", hook.manifest);
  if (!hook.events.empty()) writer.raw("events", stringListJson(hook.events));
  writer.raw("last_run", ObjectWriter()
                             .string("started_at", hook.lastRun.startedAt)
                             .string("completed_at", hook.lastRun.completedAt)
                             .string("phase", hook.lastRun.phase)
                             .done());
  if (hook.weight != 0) writer.raw("weight", std::to_string(hook.weight));
  if (!hook.deletePolicies.empty()) writer.raw("delete_policies", stringListJson(hook.deletePolicies));
  return writer.done();
}

std::string infoJson(const ReleaseInfo& info) {
  return ObjectWriter()
      .string("first_deployed", info.firstDeployed)
      .string("last_deployed", info.lastDeployed)
      .string("deleted", info.deleted)
      .stringOmitEmpty("description", info.description)
      .stringOmitEmpty("status", info.status)
      .stringOmitEmpty("notes", info.notes)
      .done();
}

bool emptyMap(const Value& value) { return value.isNil() || (value.isMap() && value.asMap().empty()); }

std::string textField(const Value& map, std::string_view key) {
  const Value* found = map.find(key);
  return found && found->isString() ? found->asString() : std::string();
}

std::vector<std::string> stringsField(const Value& map, std::string_view key) {
  std::vector<std::string> out;
  const Value* found = map.find(key);
  if (!found || !found->isList()) return out;
  for (const Value& item : found->asList()) {
    if (item.isString()) out.push_back(item.asString());
  }
  return out;
}

int intField(const Value& map, std::string_view key) {
  const Value* found = map.find(key);
  if (!found) return 0;
  if (found->isFloat()) return static_cast<int>(found->asFloat());
  if (found->isInt()) return static_cast<int>(found->asInt());
  return 0;
}

}  // namespace

bool isPendingStatus(std::string_view releaseStatus) {
  return releaseStatus == status::kPendingInstall || releaseStatus == status::kPendingUpgrade ||
         releaseStatus == status::kPendingRollback;
}

std::string encodeReleaseJson(const Release& release) {
  ObjectWriter writer;
  writer.stringOmitEmpty("name", release.name);
  writer.raw("info", infoJson(release.info));
  if (release.chart.isMap()) writer.raw("chart", chartJson(release.chart));
  if (!emptyMap(release.config)) writer.raw("config", jsonText(release.config));
  writer.stringOmitEmpty("manifest", release.manifest);
  if (!release.hooks.empty()) {
    std::string hooks = "[";
    for (const HookRecord& hook : release.hooks) hooks += (hooks.size() > 1 ? "," : "") + hookJson(hook);
    writer.raw("hooks", hooks + "]");
  }
  if (release.version != 0) writer.raw("version", std::to_string(release.version));
  writer.stringOmitEmpty("namespace", release.namespace_);
  return writer.done();
}

Result<Release> decodeReleaseJson(std::string_view json) {
  auto parsed = encoding::parseJson(json);
  if (!parsed) return parsed.error();
  if (!parsed->isMap()) return Error{"release record is not a JSON object"};
  const Value& record = *parsed;
  Release release;
  release.name = textField(record, "name");
  release.namespace_ = textField(record, "namespace");
  release.version = intField(record, "version");
  release.manifest = textField(record, "manifest");
  if (const Value* chart = record.find("chart")) release.chart = *chart;
  if (const Value* config = record.find("config")) release.config = *config;
  if (const Value* info = record.find("info"); info && info->isMap()) {
    release.info.firstDeployed = textField(*info, "first_deployed");
    release.info.lastDeployed = textField(*info, "last_deployed");
    release.info.deleted = textField(*info, "deleted");
    release.info.description = textField(*info, "description");
    release.info.status = textField(*info, "status");
    release.info.notes = textField(*info, "notes");
  }
  if (const Value* hooks = record.find("hooks"); hooks && hooks->isList()) {
    for (const Value& item : hooks->asList()) {
      if (!item.isMap()) continue;
      HookRecord hook;
      hook.name = textField(item, "name");
      hook.kind = textField(item, "kind");
      hook.path = textField(item, "path");
      hook.manifest = textField(item, "manifest");
      hook.events = stringsField(item, "events");
      hook.weight = intField(item, "weight");
      hook.deletePolicies = stringsField(item, "delete_policies");
      if (const Value* run = item.find("last_run"); run && run->isMap()) {
        hook.lastRun = {textField(*run, "started_at"), textField(*run, "completed_at"), textField(*run, "phase")};
      }
      release.hooks.push_back(std::move(hook));
    }
  }
  return release;
}

std::string chartMetadataField(const Release& release, std::string_view field) {
  const Value* metadata = release.chart.find("metadata");
  return metadata ? textField(*metadata, field) : std::string();
}

std::string nowTimestamp() {
  const auto now = std::chrono::system_clock::now();
  const auto since = now.time_since_epoch();
  const auto seconds = std::chrono::duration_cast<std::chrono::seconds>(since);
  const auto nanos = std::chrono::duration_cast<std::chrono::nanoseconds>(since - seconds).count();
  const std::time_t time = seconds.count();
  std::tm utc{};
  gmtime_r(&time, &utc);
  std::array<char, 32> date{};
  std::strftime(date.data(), date.size(), "%Y-%m-%dT%H:%M:%S", &utc);
  std::string text = date.data();
  if (nanos != 0) {
    std::array<char, 16> fraction{};
    std::snprintf(fraction.data(), fraction.size(), ".%09lld", static_cast<long long>(nanos));
    std::string digits = fraction.data();
    while (digits.back() == '0') digits.pop_back();
    text += digits;
  }
  return text + "Z";
}

}  // namespace ho::controller
