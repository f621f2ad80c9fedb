// Least privilege, checked against what the controller really does: the
// `helm-operator run` binary (leader election on) goes through a FaultProxy
// that records every request while it installs a chart with a hook and a
// test (values from a ConfigMap and a Secret), upgrades it, and uninstalls it
// when the HelmRelease is deleted. Every request must be allowed by the rules
// in manifests/ (the two ClusterRoles and the leader-election Role); the
// verbs used are recorded as the test property verbs_used.
#include <gtest/gtest.h>

#include <algorithm>
#include <fstream>
#include <iterator>
#include <optional>
#include <set>
#include <sstream>

#include "controller/reconciler/helm_release_object.h"
#include "encoding/go_yaml.h"
#include "fault_proxy.h"
#include "in_process_operator.h"
#include "kube/client/base64_codec.h"
#include "operator_process.h"

namespace ho::controller {
namespace {

using nlohmann::json;
using testing::eventually;

// One API request as RBAC sees it.
struct ResourceRequest {
  std::string verb;
  std::string group;
  std::string resource;  // with "/subresource" when there is one
  std::string name;
};

std::vector<std::string> split(std::string_view path) {
  std::vector<std::string> parts;
  std::stringstream stream{std::string(path)};
  for (std::string part; std::getline(stream, part, '/');) {
    if (!part.empty()) parts.push_back(part);
  }
  return parts;
}

// "METHOD TARGET" as an RBAC resource request; nullopt for discovery and other non-resource URLs.
std::optional<ResourceRequest> resourceRequest(const std::string& line) {
  const std::string method = line.substr(0, line.find(' '));
  const std::string target = line.substr(line.find(' ') + 1);
  const std::string path = target.substr(0, target.find('?'));
  const std::string query = target.find('?') == std::string::npos ? "" : target.substr(target.find('?'));
  std::vector<std::string> parts = split(path);
  std::size_t skip = 0;
  ResourceRequest request;
  if (parts.size() >= 3 && parts[0] == "api") {
    skip = 2;
  } else if (parts.size() >= 4 && parts[0] == "apis") {
    request.group = parts[1];
    skip = 3;
  } else {
    return std::nullopt;
  }
  std::vector<std::string> rest(parts.begin() + static_cast<long>(skip), parts.end());
  if (rest.size() >= 3 && rest[0] == "namespaces") rest.erase(rest.begin(), rest.begin() + 2);
  request.resource = rest[0];
  if (rest.size() >= 2) request.name = rest[1];
  if (rest.size() >= 3) request.resource += "/" + rest[2];
  const bool named = !request.name.empty();
  if (method == "GET") {
    request.verb = named ? "get" : (query.find("watch=true") != std::string::npos ? "watch" : "list");
  } else if (method == "POST") {
    request.verb = "create";
  } else if (method == "PUT") {
    request.verb = "update";
  } else if (method == "PATCH") {
    request.verb = "patch";
  } else if (method == "DELETE") {
    request.verb = named ? "delete" : "deletecollection";
  }
  return request;
}

bool listed(const Value& list, const std::string& item) {
  if (!list.isList()) return false;
  for (const Value& entry : list.asList()) {
    if (entry.isString() && (entry.asString() == item || entry.asString() == "*")) return true;
  }
  return false;
}

bool allows(const Value& rule, const ResourceRequest& request) {
  const Map& fields = rule.asMap();
  const auto field = [&](const char* key) { return fields.count(key) ? fields.at(key) : Value(); };
  if (!listed(field("apiGroups"), request.group) || !listed(field("resources"), request.resource) ||
      !listed(field("verbs"), request.verb)) {
    return false;
  }
  const Value names = field("resourceNames");
  return !names.isList() || names.asList().empty() || listed(names, request.name);
}

// The rules of every Role and ClusterRole in the manifests/ files named.
std::vector<Value> manifestRules(const std::vector<std::string>& files) {
  std::vector<Value> rules;
  for (const std::string& file : files) {
    std::ifstream in(std::string(HO_SOURCE_DIR) + "/manifests/" + file);
    const std::string text{std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>()};
    auto documents = encoding::parseYamlDocuments(text);
    EXPECT_TRUE(documents) << file;
    if (!documents) continue;
    for (const Value& document : *documents) {
      if (!document.isMap() || !document.asMap().count("rules")) continue;
      for (const Value& rule : document.asMap().at("rules").asList()) rules.push_back(rule);
    }
  }
  return rules;
}

std::string describe(const ResourceRequest& request) {
  return request.verb + " " + (request.group.empty() ? "core" : request.group) + "/" + request.resource +
         (request.name.empty() ? "" : " " + request.name);
}

constexpr const char* kTemplates =
    "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: {{ .Release.Name }}\ndata:\n"
    "  colour: {{ .Values.colour | quote }}\n  size: {{ .Values.size | quote }}\n---\n"
    "apiVersion: v1\nkind: Service\nmetadata:\n  name: {{ .Release.Name }}\nspec:\n  ports:\n  - port: 80\n---\n"
    "apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: {{ .Release.Name }}\nspec:\n  selector:\n"
    "    matchLabels: {app: x}\n  template:\n    metadata:\n      labels: {app: x}\n    spec:\n      containers:\n"
    "      - name: x\n        image: busybox\n";
constexpr const char* kHooks =
    "apiVersion: batch/v1\nkind: Job\nmetadata:\n  name: {{ .Release.Name }}-migrate\n  annotations:\n"
    "    helm.sh/hook: pre-install,pre-upgrade\n    helm.sh/hook-delete-policy: before-hook-creation,hook-succeeded\n"
    "spec:\n  template:\n    spec:\n      containers:\n      - name: m\n        image: busybox\n"
    "      restartPolicy: Never\n---\n"
    "apiVersion: batch/v1\nkind: Job\nmetadata:\n  name: {{ .Release.Name }}-test\n  annotations:\n"
    "    helm.sh/hook: test\nspec:\n  template:\n    spec:\n      containers:\n      - name: t\n"
    "        image: busybox\n      restartPolicy: Never\n";

class RbacAuditE2E : public testing::InProcessOperatorTest {};

TEST_F(RbacAuditE2E, EveryRequestOfAReleaseCycleIsAllowedByTheManifestsRoles) {
  for (const char* version : {"1.0.0", "1.1.0"}) {
    ASSERT_EQ(repository_->publish("app", version, {{"values.yaml", "colour: grey\nsize: 1\n"},
                                                    {"templates/all.yaml", kTemplates},
                                                    {"templates/hooks.yaml", kHooks}}),
              "");
  }
  const kube::client::ResourceType configMaps{"", "v1", "configmaps", "ConfigMap", true};
  const kube::client::ResourceType secrets{"", "v1", "secrets", "Secret", true};
  ASSERT_TRUE(client_->create(kube::client::resourcePath(configMaps, "default"),
                              {{"apiVersion", "v1"}, {"kind", "ConfigMap"}, {"metadata", {{"name", "colours"}}},
                               {"data", {{"values.yaml", "colour: blue\n"}}}}));
  ASSERT_TRUE(client_->create(kube::client::resourcePath(secrets, "default"),
                              {{"apiVersion", "v1"}, {"kind", "Secret"}, {"metadata", {{"name", "sizes"}}},
                               {"data", {{"values.yaml", kube::client::base64Encode("size: 3\n")}}}}));

  testing::FaultProxy proxy(apiServerUrl());
  testing::OperatorProcess controller(
      {"run", "--kubeconfig", writeKubeconfigFor(proxy.url()), "--charts-sync-interval", "2s",
       "--leader-elect", "--leader-election-namespace", "default", "--listen",
       "127.0.0.1:" + std::to_string(testing::freeLoopbackPort())},
      workDir_ + "/operator.log");
  controller.start();

  json spec = {{"releaseName", "app"},
               {"chart", chartAt("1.0.0")},
               {"test", {{"enable", true}}},
               {"valuesFrom", json::array({{{"configMapKeyRef", {{"name", "colours"}}}},
                                           {{"secretKeyRef", {{"name", "sizes"}}}}})}};
  applyHelmRelease("app", spec);
  ASSERT_TRUE(eventually([&] { return phase("app") == "Succeeded" && revision("app", 1) == "deployed"; },
                         std::chrono::seconds(120)))
      << helmRelease("app") << controller.log();
  spec["chart"] = chartAt("1.1.0");
  applyHelmRelease("app", spec);
  ASSERT_TRUE(eventually([&] { return phase("app") == "Succeeded" && revision("app", 2) == "deployed"; },
                         std::chrono::seconds(120)))
      << helmRelease("app") << controller.log();
  ASSERT_TRUE(client_->remove(kube::client::resourcePath(helmReleaseResource(), "default", "app")));
  ASSERT_TRUE(eventually([&] { return helmRelease("app").empty() && revision("app", 2).empty(); },
                         std::chrono::seconds(120)))
      << helmRelease("app") << controller.log();
  controller.terminate();
  proxy.stop();

  const std::vector<Value> rules =
      manifestRules({"cluster-role.yaml", "leader-election-role.yaml"});
  ASSERT_FALSE(rules.empty());
  std::set<std::string> refused;
  std::set<std::string> used;
  for (const std::string& line : proxy.requests()) {
    const std::optional<ResourceRequest> request = resourceRequest(line);
    if (!request) continue;
    used.insert(request->verb + " " + request->group + "/" + request->resource);
    const bool allowed =
        std::any_of(rules.begin(), rules.end(), [&](const Value& rule) { return allows(rule, *request); });
    if (!allowed) refused.insert(describe(*request) + "  (" + line + ")");
  }
  EXPECT_GT(used.size(), 10u);
  std::string refusedList;
  for (const std::string& entry : refused) refusedList += entry + "\n";
  EXPECT_TRUE(refused.empty()) << "requests the manifests' roles do not allow:\n" << refusedList;
  std::string usedList;
  for (const std::string& entry : used) usedList += entry + "; ";
  RecordProperty("verbs_used", usedList);
}

}  // namespace
}  // namespace ho::controller
