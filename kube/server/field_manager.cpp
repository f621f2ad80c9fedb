// managedFields bookkeeping and server-side apply.
#include "kube/server/field_manager.h"

#include <algorithm>
#include <map>
#include <set>
#include <utility>
#include <vector>

#include "encoding/go_json.h"
#include "encoding/go_yaml.h"
#include "kube/patch/patch_schema.h"
#include "kube/server/bounded_json.h"
#include "kube/server/timestamps.h"

namespace ho::kube {
namespace {

using nlohmann::json;

// A field path in fieldsV1 segments: "f:spec", "k:{\"name\":\"web\"}", and
// "." for "this list item exists".
using Path = std::vector<std::string>;
using FieldSet = std::set<Path>;

const std::set<std::string>& serverOwnedMetadata() {
  static const std::set<std::string> fields = {
      "name",          "namespace",         "uid",          "resourceVersion", "generation", "creationTimestamp",
      "managedFields", "deletionTimestamp", "deletionGracePeriodSeconds", "selfLink"};
  return fields;
}

// The fields that identify an item of a keyed list.
std::vector<std::string> listKeys(const patch::FieldSchema& field) {
  if (!field.meta.listMapKeys.empty()) return field.meta.listMapKeys;
  return {field.meta.mergeKey};
}

// "k:{...}" with the item's key fields.
std::string itemKey(const json& element, const patch::FieldSchema& field) {
  json key = json::object();
  for (const std::string& name : listKeys(field)) key[name] = element[name];
  return "k:" + key.dump();
}

bool keyedList(const json& list, const patch::FieldSchema& field) {
  if (field.meta.strategy != patch::Strategy::Merge || field.meta.mergeKey.empty()) return false;
  const std::vector<std::string> keys = listKeys(field);
  return std::all_of(list.begin(), list.end(), [&](const json& element) {
    return element.is_object() &&
           std::all_of(keys.begin(), keys.end(), [&](const std::string& key) { return element.contains(key); });
  });
}

void collect(const json& object, const patch::SchemaNode* schema, Path& path, FieldSet& out);

void collectValue(const json& value, const patch::FieldSchema& field, Path& path, FieldSet& out) {
  if (value.is_object() && !value.empty()) {
    collect(value, field.type, path, out);
  } else if (value.is_array() && !value.empty() && keyedList(value, field)) {
    for (const json& element : value) {
      path.push_back(itemKey(element, field));
      path.push_back(".");
      out.insert(path);
      path.pop_back();
      collect(element, field.type, path, out);
      path.pop_back();
    }
  } else {
    out.insert(path);
  }
}

void collect(const json& object, const patch::SchemaNode* schema, Path& path, FieldSet& out) {
  for (const auto& [key, value] : object.items()) {
    path.push_back("f:" + key);
    collectValue(value, patch::lookupField(schema, key), path, out);
    path.pop_back();
  }
}

// The part of an object a write by `context` can own.
json ownableFields(const json& object, const FieldManagerContext& context) {
  if (context.subresource == "status") return json{{"status", object.value("status", json::object())}};
  json ownable = object;
  ownable.erase("apiVersion");
  ownable.erase("kind");
  if (context.statusIsSeparate) ownable.erase("status");
  if (ownable.contains("metadata") && ownable["metadata"].is_object()) {
    for (const std::string& field : serverOwnedMetadata()) ownable["metadata"].erase(field);
    if (ownable["metadata"].empty()) ownable.erase("metadata");
  }
  return ownable;
}

FieldSet fieldsOf(const json& object, const FieldManagerContext& context) {
  FieldSet fields;
  Path path;
  const patch::SchemaNode* schema =
      context.listSchema ? context.listSchema : patch::builtInSchema(object.value("apiVersion", ""), object.value("kind", ""));
  collect(ownableFields(object, context), schema, path, fields);
  return fields;
}

// The fields of the live object's kubectl last-applied-configuration annotation.
FieldSet lastAppliedFields(const json& live, const FieldManagerContext& context) {
  const json annotations = live.contains("metadata") ? live["metadata"].value("annotations", json::object())
                                                     : json::object();
  const auto text = annotations.find("kubectl.kubernetes.io/last-applied-configuration");
  if (text == annotations.end() || !text->is_string()) return {};
  const json lastApplied = json::parse(text->get<std::string>(), nullptr, false);
  return lastApplied.is_object() ? fieldsOf(lastApplied, context) : FieldSet{};
}

// The value at `path` (json or const json), or null.
template <class Json>
Json* valueAt(Json& root, const Path& path) {
  Json* node = &root;
  for (const std::string& segment : path) {
    if (segment == ".") return node;
    if (segment.rfind("f:", 0) == 0) {
      if (!node->is_object()) return nullptr;
      const auto found = node->find(segment.substr(2));
      if (found == node->end()) return nullptr;
      node = &*found;
    } else {
      if (!node->is_array()) return nullptr;
      const json key = json::parse(segment.substr(2), nullptr, false);
      const auto found = std::find_if(node->begin(), node->end(), [&](const Json& element) {
        return element.is_object() && std::all_of(key.items().begin(), key.items().end(), [&](const auto& item) {
                 return element.value(item.key(), json()) == item.value();
               });
      });
      if (found == node->end()) return nullptr;
      node = &*found;
    }
  }
  return node;
}

// Removes the field (or list item, for a path ending in ".") at `path`.
void removeAt(json& root, Path path) {
  if (!path.empty() && path.back() == ".") path.pop_back();
  if (path.empty()) return;
  const std::string last = path.back();
  path.pop_back();
  json* parent = valueAt(root, path);
  if (!parent) return;
  if (last.rfind("f:", 0) == 0) {
    if (parent->is_object()) parent->erase(last.substr(2));
    return;
  }
  if (!parent->is_array()) return;
  const json* item = valueAt(std::as_const(*parent), Path{last});
  if (item) parent->erase(static_cast<size_t>(item - &*parent->begin()));
}

void fieldsToTree(const FieldSet& fields, json& tree) {
  tree = json::object();
  for (const Path& path : fields) {
    json* node = &tree;
    for (const std::string& segment : path) {
      if (!node->contains(segment)) (*node)[segment] = json::object();
      node = &(*node)[segment];
    }
  }
}

void treeToFields(const json& tree, Path& path, FieldSet& out) {
  if (!tree.is_object()) return;
  for (const auto& [segment, child] : tree.items()) {
    path.push_back(segment);
    if (segment == "." || child.empty()) {
      out.insert(path);
    } else {
      treeToFields(child, path, out);
    }
    path.pop_back();
  }
}

// One managedFields entry with its fields parsed.
struct Entry {
  json raw;
  FieldSet fields;
  std::string manager() const { return raw.value("manager", ""); }
  std::string operation() const { return raw.value("operation", ""); }
  std::string subresource() const { return raw.value("subresource", ""); }
};

std::vector<Entry> readEntries(const json& object) {
  std::vector<Entry> entries;
  const json managed = object.contains("metadata") ? object["metadata"].value("managedFields", json::array())
                                                   : json::array();
  if (!managed.is_array()) return entries;
  for (const json& raw : managed) {
    if (!raw.is_object()) continue;
    Entry entry{raw, {}};
    Path path;
    treeToFields(raw.value("fieldsV1", json::object()), path, entry.fields);
    entries.push_back(std::move(entry));
  }
  return entries;
}

void writeEntries(json& object, std::vector<Entry>& entries) {
  json managed = json::array();
  for (Entry& entry : entries) {
    if (entry.fields.empty()) continue;
    fieldsToTree(entry.fields, entry.raw["fieldsV1"]);
    entry.raw["fieldsType"] = "FieldsV1";
    managed.push_back(std::move(entry.raw));
  }
  if (managed.empty()) {
    object["metadata"].erase("managedFields");
  } else {
    object["metadata"]["managedFields"] = std::move(managed);
  }
}

// The entry of (manager, operation, subresource), created when missing.
Entry& entryFor(std::vector<Entry>& entries, const FieldManagerContext& context, const std::string& operation) {
  for (Entry& entry : entries) {
    if (entry.manager() == context.manager && entry.operation() == operation &&
        entry.subresource() == context.subresource) {
      return entry;
    }
  }
  json raw = {{"manager", context.manager}, {"operation", operation}};
  if (!context.subresource.empty()) raw["subresource"] = context.subresource;
  entries.push_back(Entry{std::move(raw), {}});
  return entries.back();
}

void stamp(Entry& entry, const FieldManagerContext& context) {
  entry.raw["apiVersion"] = context.apiVersion;
  entry.raw["time"] = formatTimestamp(Clock::now());
}

// ".spec.template.spec.containers[name=\"web\"].image", as Kubernetes prints paths.
std::string printPath(const Path& path) {
  std::string text;
  for (const std::string& segment : path) {
    if (segment == ".") continue;
    if (segment.rfind("f:", 0) == 0) {
      text += "." + segment.substr(2);
      continue;
    }
    std::string keys;
    const json key = json::parse(segment.substr(2));
    for (const auto& [name, value] : key.items()) {
      keys += (keys.empty() ? "" : ",") + name + "=" + value.dump();
    }
    text += "[" + keys + "]";
  }
  return text;
}

std::string printManager(const Entry& entry) {
  std::string text = json(entry.manager()).dump();
  if (!entry.subresource().empty()) text += " with subresource " + json(entry.subresource()).dump();
  if (entry.operation() == "Update") text += " using " + entry.raw.value("apiVersion", "");
  return text;
}

ApiError conflictError(const std::vector<std::pair<const Entry*, Path>>& conflicts) {
  json causes = json::array();
  for (const auto& [entry, path] : conflicts) {
    causes.push_back({{"type", "FieldManagerConflict"},
                      {"message", "conflict with " + printManager(*entry)},
                      {"field", printPath(path)}});
  }
  std::string message;
  if (conflicts.size() == 1) {
    message = "Apply failed with 1 conflict: conflict with " + printManager(*conflicts[0].first) + ": " +
              printPath(conflicts[0].second);
  } else {
    std::map<std::string, std::vector<std::string>> byManager;
    for (const auto& [entry, path] : conflicts) byManager[printManager(*entry)].push_back(printPath(path));
    std::string lines;
    for (const auto& [manager, paths] : byManager) {
      lines += (lines.empty() ? "" : "\n") + ("conflicts with " + manager + ":");
      for (const std::string& path : paths) lines += "\n- " + path;
    }
    message = "Apply failed with " + std::to_string(conflicts.size()) + " conflicts: " + lines;
  }
  ApiError error{409, "Conflict", message, {}};
  error.details = json{{"causes", causes}};
  return error;
}

void mergeApplied(json& target, const json& applied, const patch::SchemaNode* schema) {
  for (const auto& [key, value] : applied.items()) {
    const patch::FieldSchema field = patch::lookupField(schema, key);
    if (value.is_null()) {
      target.erase(key);
    } else if (value.is_object() && target.contains(key) && target[key].is_object()) {
      mergeApplied(target[key], value, field.type);
    } else if (value.is_array() && target.contains(key) && target[key].is_array() && keyedList(value, field) &&
               keyedList(target[key], field)) {
      json& list = target[key];
      for (const json& element : value) {
        json* existing = valueAt(list, Path{itemKey(element, field)});
        if (existing) {
          mergeApplied(*existing, element, field.type);
        } else {
          list.push_back(element);
        }
      }
    } else {
      target[key] = value;
    }
  }
}

}  // namespace

std::string defaultFieldManager(std::string_view userAgent) {
  const std::string_view name = userAgent.substr(0, userAgent.find('/'));
  return name.empty() ? "unknown" : std::string(name);
}

ApiResult<json> parseApplyConfiguration(std::string_view body) {
  json applied = parseBoundedJson(body);
  if (applied.is_discarded()) {
    Result<Value> yaml = encoding::parseYaml(body);
    if (!yaml.ok()) return badRequest(yaml.error().message);
    Result<std::string> text = encoding::toJson(yaml.value());
    if (!text.ok()) return badRequest(text.error().message);
    applied = json::parse(text.value(), nullptr, false);
  }
  if (!applied.is_object()) return badRequest("the apply configuration is not an object");
  if (applied.contains("metadata") && applied["metadata"].is_object() &&
      applied["metadata"].contains("managedFields")) {
    return ApiError{400, "BadRequest", "metadata.managedFields must be nil", {}};
  }
  return applied;
}

ApiResult<json> serverSideApply(const json* current, const json& applied, const FieldManagerContext& context,
                                bool force) {
  const json live = current ? *current : json::object();
  std::vector<Entry> entries = readEntries(live);
  const FieldSet appliedFields = fieldsOf(applied, context);

  std::vector<std::pair<const Entry*, Path>> conflicts;
  for (const Entry& entry : entries) {
    if (entry.manager() == context.manager && entry.operation() == "Apply") continue;
    for (const Path& path : appliedFields) {
      if (path.back() == "." || !entry.fields.count(path)) continue;
      const json* liveValue = valueAt(live, path);
      const json* appliedValue = valueAt(applied, path);
      if (liveValue && appliedValue && *liveValue == *appliedValue) continue;
      conflicts.emplace_back(&entry, path);
    }
  }
  // kubectl's move from client-side to server-side apply: kubectl's apply may
  // take over what the last-applied annotation names, and the annotation
  // update that follows (manager kubectl-last-applied) always goes through.
  if (context.manager == "kubectl-last-applied") force = true;
  if (!conflicts.empty() && context.manager == "kubectl") {
    const FieldSet lastApplied = lastAppliedFields(live, context);
    std::erase_if(conflicts, [&](const auto& conflict) { return lastApplied.count(conflict.second) > 0; });
    if (conflicts.empty()) force = true;
  }
  if (!conflicts.empty() && !force) return conflictError(conflicts);

  json merged = live;
  const patch::SchemaNode* schema =
      context.listSchema ? context.listSchema : patch::builtInSchema(applied.value("apiVersion", ""), applied.value("kind", ""));
  json appliedContent = applied;
  if (context.statusIsSeparate && context.subresource.empty()) appliedContent.erase("status");
  mergeApplied(merged, appliedContent, schema);

  Entry& own = entryFor(entries, context, "Apply");
  const FieldSet previous = own.fields;
  own.fields = appliedFields;
  stamp(own, context);
  for (Entry& entry : entries) {
    if (&entry == &own) continue;
    if (force) {
      for (const Path& path : appliedFields) entry.fields.erase(path);
    }
  }
  // Fields this manager applied before and no longer applies go, unless
  // someone else also owns them. Deeper paths first.
  std::vector<Path> dropped;
  for (const Path& path : previous) {
    if (appliedFields.count(path)) continue;
    const bool ownedElsewhere = std::any_of(entries.begin(), entries.end(), [&](const Entry& entry) {
      return &entry != &own && entry.fields.count(path);
    });
    if (!ownedElsewhere) dropped.push_back(path);
  }
  std::sort(dropped.begin(), dropped.end(), [](const Path& a, const Path& b) { return a.size() > b.size(); });
  for (const Path& path : dropped) removeAt(merged, path);

  if (!merged.contains("metadata") || !merged["metadata"].is_object()) merged["metadata"] = json::object();
  writeEntries(merged, entries);
  return merged;
}

void recordUpdate(const json* before, json& after, const FieldManagerContext& context) {
  if (!after.contains("metadata") || !after["metadata"].is_object()) return;
  const json previousManaged =
      before && before->contains("metadata") ? (*before)["metadata"].value("managedFields", json()) : json();
  const auto sent = after["metadata"].find("managedFields");
  if (sent != after["metadata"].end() && *sent != previousManaged) return;  // the client set them explicitly
  if (previousManaged.is_null()) {
    after["metadata"].erase("managedFields");
  } else {
    after["metadata"]["managedFields"] = previousManaged;
  }
  std::vector<Entry> entries = readEntries(after);
  const FieldSet afterFields = fieldsOf(after, context);
  FieldSet changed;
  for (const Path& path : afterFields) {
    const json* old = before ? valueAt(*before, path) : nullptr;
    if (!old || (path.back() != "." && *old != *valueAt(after, path))) changed.insert(path);
  }
  FieldSet removed;
  if (before) {
    for (const Path& path : fieldsOf(*before, context)) {
      if (!afterFields.count(path)) removed.insert(path);
    }
  }
  if (changed.empty() && removed.empty()) return;
  for (Entry& entry : entries) {
    for (const Path& path : changed) entry.fields.erase(path);
    for (const Path& path : removed) entry.fields.erase(path);
  }
  if (!changed.empty()) {
    Entry& own = entryFor(entries, context, "Update");
    own.fields.insert(changed.begin(), changed.end());
    stamp(own, context);
  }
  writeEntries(after, entries);
}

}  // namespace ho::kube
