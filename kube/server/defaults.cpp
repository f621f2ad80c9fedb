// Built-in defaulting.
#include "kube/server/defaults.h"

#include "kube/client/base64_codec.h"
#include "kube/server/simulated_kubelet.h"

namespace ho::kube {
namespace {

using nlohmann::json;

void foldStringData(json& secret) {
  if (!secret.contains("stringData")) return;
  for (const auto& [key, value] : secret["stringData"].items()) {
    if (value.is_string()) secret["data"][key] = client::base64Encode(value.get<std::string>());
  }
  secret.erase("stringData");
}

// The update strategy fields kubectl's rollout status requires, as the
// apps/v1 defaulting functions set them.
void defaultUpdateStrategy(const std::string& resource, json& object) {
  json& spec = object["spec"];
  if (!spec.is_object()) return;
  json& strategy = spec["updateStrategy"];
  if (!strategy.is_object()) strategy = json::object();
  if (!strategy.contains("type")) strategy["type"] = "RollingUpdate";
  if (strategy["type"] == "RollingUpdate" && !strategy.contains("rollingUpdate")) {
    strategy["rollingUpdate"] = resource == "statefulsets" ? json{{"partition", 0}}
                                                           : json{{"maxUnavailable", 1}, {"maxSurge", 0}};
  }
  if (!spec.contains("revisionHistoryLimit")) spec["revisionHistoryLimit"] = 10;
  if (resource == "statefulsets" && !spec.contains("podManagementPolicy")) spec["podManagementPolicy"] = "OrderedReady";
}

}  // namespace

std::string Defaulter::nextClusterIp() {
  const uint32_t host = nextServiceIp_++;
  return "10.96." + std::to_string((host >> 8) & 0xff) + "." + std::to_string(host & 0xff);
}

void Defaulter::apply(const ResourceType& type, json& object, const json& previous) {
  if (type.group == "apps" && (type.resource == "statefulsets" || type.resource == "daemonsets")) {
    defaultUpdateStrategy(type.resource, object);
  }
  if (!type.group.empty() || type.custom) return;
  if (type.resource == "secrets") {
    foldStringData(object);
    if (!object.contains("type")) object["type"] = "Opaque";
  } else if (type.resource == "pods") {
    if (!object.contains("spec") || !object["spec"].is_object()) return;
    json& spec = object["spec"];
    if (!spec.contains("restartPolicy")) spec["restartPolicy"] = "Always";
    if (previous.is_null()) object["status"] = {{"phase", "Pending"}, {"qosClass", qosClassOf(spec)}};
  } else if (type.resource == "namespaces") {
    object["status"]["phase"] = object["metadata"].contains("deletionTimestamp") ? "Terminating" : "Active";
  } else if (type.resource == "services") {
    json& spec = object["spec"];
    if (!spec.contains("type")) spec["type"] = "ClusterIP";
    if (spec["type"] == "ExternalName") return;
    const json previousIp = previous.is_object() ? previous.value("spec", json::object()).value("clusterIP", json()) : json();
    if (!spec.contains("clusterIP") || spec["clusterIP"] == "") {
      spec["clusterIP"] = previousIp.is_string() ? previousIp.get<std::string>() : nextClusterIp();
    }
    if (spec["clusterIP"] != "None") spec["clusterIPs"] = {spec["clusterIP"]};
    if (spec.contains("ports")) {
      for (json& port : spec["ports"]) {
        if (!port.contains("protocol")) port["protocol"] = "TCP";
        if (!port.contains("targetPort") && port.contains("port")) port["targetPort"] = port["port"];
      }
    }
  }
}

}  // namespace ho::kube
