// Table columns per kind and Table assembly.
#include "kube/server/table.h"

#include <functional>
#include <map>

#include "kube/server/jsonpath.h"

namespace ho::kube {
namespace {

using nlohmann::json;

struct Column {
  std::string name;
  std::string type;
  std::string format;
  std::string description;
  int priority = 0;
  std::function<json(const json& object, Clock::time_point now)> cell;
};

const json& at(const json& object, std::initializer_list<const char*> path) {
  static const json null;
  const json* current = &object;
  for (const char* key : path) {
    if (!current->is_object() || !current->contains(key)) return null;
    current = &(*current)[key];
  }
  return *current;
}

int64_t integerAt(const json& object, std::initializer_list<const char*> path) {
  const json& value = at(object, path);
  return value.is_number() ? value.get<int64_t>() : 0;
}

std::string stringAt(const json& object, std::initializer_list<const char*> path, const std::string& fallback = "") {
  const json& value = at(object, path);
  return value.is_string() ? value.get<std::string>() : fallback;
}

std::string ageOf(const json& timestamp, Clock::time_point now) {
  if (!timestamp.is_string()) return "<unknown>";
  const auto when = parseTimestamp(timestamp.get<std::string>());
  if (!when) return "<unknown>";
  return humanDuration(std::chrono::duration_cast<std::chrono::seconds>(now - *when));
}

Column nameColumn() {
  return {"Name", "string", "name",
          "Name must be unique within a namespace. Cannot be updated. More info: "
          "https://kubernetes.io/docs/concepts/overview/working-with-objects/names#names",
          0, [](const json& object, Clock::time_point) { return json(stringAt(object, {"metadata", "name"})); }};
}

Column ageColumn() {
  return {"Age", "string", "",
          "CreationTimestamp is a timestamp representing the server time when this object was created.", 0,
          [](const json& object, Clock::time_point now) {
            return json(ageOf(at(object, {"metadata", "creationTimestamp"}), now));
          }};
}

Column integerColumn(std::string name, std::initializer_list<const char*> path) {
  std::vector<const char*> keys(path);
  return {std::move(name), "integer", "", "", 0, [keys](const json& object, Clock::time_point) {
            const json* current = &object;
            for (const char* key : keys) {
              if (!current->is_object() || !current->contains(key)) return json(0);
              current = &(*current)[key];
            }
            return current->is_number() ? *current : json(0);
          }};
}

Column textColumn(std::string name, std::function<std::string(const json&)> text) {
  return {std::move(name), "string", "", "", 0,
          [text = std::move(text)](const json& object, Clock::time_point) { return json(text(object)); }};
}

size_t entryCount(const json& value) { return value.is_object() ? value.size() : 0; }

std::string servicePorts(const json& service) {
  std::string ports;
  for (const json& port : at(service, {"spec", "ports"})) {
    if (!ports.empty()) ports += ",";
    ports += std::to_string(port.value("port", 0));
    if (port.contains("nodePort")) ports += ":" + std::to_string(port.value("nodePort", 0));
    ports += "/" + port.value("protocol", std::string("TCP"));
  }
  return ports.empty() ? "<none>" : ports;
}

// kubectl's pod summary (the printers' printPod): ready containers, the
// status (a waiting or terminated container's reason over the phase,
// Terminating while deleted) and the restart count.
struct PodSummary {
  size_t readyContainers = 0;
  std::string status;
  int64_t restarts = 0;
};

PodSummary podSummary(const json& pod) {
  PodSummary summary;
  summary.status = stringAt(pod, {"status", "reason"}, stringAt(pod, {"status", "phase"}, "Pending"));
  const json& statuses = at(pod, {"status", "containerStatuses"});
  bool running = false;
  for (auto container = statuses.rbegin(); container != statuses.rend(); ++container) {
    if (!container->is_object()) continue;
    summary.restarts += integerAt(*container, {"restartCount"});
    const std::string waiting = stringAt(*container, {"state", "waiting", "reason"});
    const json& terminated = at(*container, {"state", "terminated"});
    if (!waiting.empty()) {
      summary.status = waiting;
    } else if (terminated.is_object()) {
      summary.status = terminated.value("reason", "");
      if (summary.status.empty()) summary.status = "ExitCode:" + std::to_string(terminated.value("exitCode", 0));
    } else if (container->value("ready", false) && at(*container, {"state", "running"}).is_object()) {
      running = true;
      ++summary.readyContainers;
    }
  }
  if (summary.status == "Completed" && running) summary.status = "Running";
  const std::string phase = stringAt(pod, {"status", "phase"});
  if (at(pod, {"metadata", "deletionTimestamp"}).is_string() && phase != "Succeeded" && phase != "Failed") {
    summary.status = "Terminating";
  }
  return summary;
}

std::string podReadiness(const json& pod) {
  return std::to_string(podSummary(pod).readyContainers) + "/" + std::to_string(at(pod, {"spec", "containers"}).size());
}

std::vector<Column> builtinColumns(const std::string& groupResource) {
  using Columns = std::vector<Column>;
  static const std::map<std::string, std::function<Columns()>> table = {
      {"pods",
       [] {
         return Columns{nameColumn(), textColumn("Ready", podReadiness),
                        textColumn("Status", [](const json& o) { return podSummary(o).status; }),
                        textColumn("Restarts", [](const json& o) { return std::to_string(podSummary(o).restarts); }),
                        ageColumn()};
       }},
      {"services",
       [] {
         return Columns{
             nameColumn(),
             textColumn("Type", [](const json& o) { return stringAt(o, {"spec", "type"}, "ClusterIP"); }),
             textColumn("Cluster-IP", [](const json& o) { return stringAt(o, {"spec", "clusterIP"}, "<none>"); }),
             textColumn("External-IP", [](const json&) { return std::string("<none>"); }),
             textColumn("Port(s)", servicePorts), ageColumn()};
       }},
      {"deployments.apps",
       [] {
         return Columns{nameColumn(),
                        textColumn("Ready",
                                   [](const json& o) {
                                     return std::to_string(integerAt(o, {"status", "readyReplicas"})) + "/" +
                                            std::to_string(at(o, {"spec", "replicas"}).is_number()
                                                               ? integerAt(o, {"spec", "replicas"})
                                                               : 1);
                                   }),
                        integerColumn("Up-to-date", {"status", "updatedReplicas"}),
                        integerColumn("Available", {"status", "availableReplicas"}), ageColumn()};
       }},
      {"replicasets.apps",
       [] {
         return Columns{nameColumn(), integerColumn("Desired", {"spec", "replicas"}),
                        integerColumn("Current", {"status", "replicas"}),
                        integerColumn("Ready", {"status", "readyReplicas"}), ageColumn()};
       }},
      {"statefulsets.apps",
       [] {
         return Columns{nameColumn(),
                        textColumn("Ready",
                                   [](const json& o) {
                                     return std::to_string(integerAt(o, {"status", "readyReplicas"})) + "/" +
                                            std::to_string(integerAt(o, {"spec", "replicas"}));
                                   }),
                        ageColumn()};
       }},
      {"namespaces",
       [] {
         return Columns{nameColumn(),
                        textColumn("Status", [](const json& o) { return stringAt(o, {"status", "phase"}, "Active"); }),
                        ageColumn()};
       }},
      {"configmaps",
       [] {
         return Columns{nameColumn(),
                        {"Data", "integer", "", "", 0,
                         [](const json& o, Clock::time_point) {
                           return json(entryCount(at(o, {"data"})) + entryCount(at(o, {"binaryData"})));
                         }},
                        ageColumn()};
       }},
      {"secrets",
       [] {
         return Columns{nameColumn(),
                        textColumn("Type", [](const json& o) { return stringAt(o, {"type"}, "Opaque"); }),
                        {"Data", "integer", "", "", 0,
                         [](const json& o, Clock::time_point) { return json(entryCount(at(o, {"data"}))); }},
                        ageColumn()};
       }},
      {"serviceaccounts",
       [] {
         return Columns{nameColumn(),
                        {"Secrets", "integer", "", "", 0,
                         [](const json& o, Clock::time_point) { return json(at(o, {"secrets"}).size()); }},
                        ageColumn()};
       }},
      {"events",
       [] {
         return Columns{
             {"Last Seen", "string", "", "", 0,
              [](const json& o, Clock::time_point now) { return json(ageOf(at(o, {"lastTimestamp"}), now)); }},
             textColumn("Type", [](const json& o) { return stringAt(o, {"type"}); }),
             textColumn("Reason", [](const json& o) { return stringAt(o, {"reason"}); }),
             textColumn("Object",
                        [](const json& o) {
                          std::string kind = stringAt(o, {"involvedObject", "kind"});
                          for (char& c : kind) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
                          return kind + "/" + stringAt(o, {"involvedObject", "name"});
                        }),
             textColumn("Message", [](const json& o) { return stringAt(o, {"message"}); })};
       }},
  };
  const auto found = table.find(groupResource);
  if (found != table.end()) return found->second();
  return {nameColumn(), ageColumn()};
}

json printerCell(const PrinterColumn& column, const json& object, Clock::time_point now) {
  const std::vector<json> results = evaluateJsonPath(object, column.jsonPath);
  if (results.empty() || results.front().is_null()) return nullptr;
  const json& value = results.front();
  if (column.type == "date") return ageOf(value, now);
  if (column.type == "integer" || column.type == "number" || column.type == "boolean") return value;
  return value.is_string() ? value : json(value.dump());
}

std::vector<Column> printerColumns(const ResourceType& type) {
  std::vector<Column> columns{nameColumn()};
  for (const PrinterColumn& printer : type.printerColumns) {
    columns.push_back({printer.name, printer.type == "date" ? "date" : printer.type, printer.format,
                       printer.description, printer.priority,
                       [printer](const json& object, Clock::time_point now) { return printerCell(printer, object, now); }});
  }
  return columns;
}

json rowObject(const json& object, const std::string& includeObject) {
  if (includeObject == "None") return nullptr;
  if (includeObject == "Object") return object;
  return {{"kind", "PartialObjectMetadata"},
          {"apiVersion", "meta.k8s.io/v1"},
          {"metadata", object.contains("metadata") ? object["metadata"] : json::object()}};
}

}  // namespace

bool wantsTable(std::string_view accept) { return accept.find("as=Table") != std::string_view::npos; }

json buildTable(const ResourceType& type, const std::vector<json>& objects, const TableRequest& request) {
  const std::vector<Column> columns =
      type.custom && !type.printerColumns.empty() ? printerColumns(type)
      : type.custom                               ? std::vector<Column>{nameColumn(), ageColumn()}
                                                  : builtinColumns(type.groupResource());
  json definitions = json::array();
  for (const Column& column : columns) {
    definitions.push_back({{"name", column.name},
                           {"type", column.type},
                           {"format", column.format},
                           {"description", column.description},
                           {"priority", column.priority}});
  }
  json rows = json::array();
  for (const json& object : objects) {
    json cells = json::array();
    for (const Column& column : columns) cells.push_back(column.cell(object, request.now));
    json row = {{"cells", cells}};
    if (json included = rowObject(object, request.includeObject); !included.is_null()) row["object"] = included;
    rows.push_back(row);
  }
  json metadata = json::object();
  if (!request.resourceVersion.empty()) metadata["resourceVersion"] = request.resourceVersion;
  return {{"kind", "Table"},
          {"apiVersion", "meta.k8s.io/v1"},
          {"metadata", metadata},
          {"columnDefinitions", request.columnDefinitions ? definitions : json(nullptr)},
          {"rows", rows}};
}

}  // namespace ho::kube
