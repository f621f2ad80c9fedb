// The patch tags of k8s.io/api's Go types (client-go 0.32), as a small
// graph of the struct types that lead to a tagged field.
#include "kube/patch/patch_schema.h"

#include <deque>
#include <set>

namespace ho::kube::patch {

namespace {

using Fields = std::map<std::string, FieldSchema, std::less<>>;

FieldSchema nested(const SchemaNode& type) { return {{}, &type}; }
FieldSchema mergedBy(std::string mergeKey, const SchemaNode* element = nullptr) {
  return {{Strategy::Merge, false, std::move(mergeKey)}, element};
}
FieldSchema mergedAndRetainingBy(std::string mergeKey) { return {{Strategy::Merge, true, std::move(mergeKey)}, nullptr}; }
FieldSchema mergedScalars() { return {{Strategy::Merge, false, ""}, nullptr}; }
FieldSchema retainingKeys() { return {{Strategy::None, true, ""}, nullptr}; }
FieldSchema replaced() { return {{Strategy::Replace, false, ""}, nullptr}; }

class BuiltInSchemas {
 public:
  static const BuiltInSchemas& instance() {
    static const BuiltInSchemas schemas;
    return schemas;
  }

  const SchemaNode* find(const std::string& group, std::string_view kind) const {
    const auto found = kinds_.find(group + "/" + std::string(kind));
    return found == kinds_.end() ? &objectOnly_ : found->second;
  }

 private:
  BuiltInSchemas() {
    objectOnly_.fields = {{"metadata", nested(objectMeta_)}};
    objectMeta_.fields = {{"finalizers", mergedScalars()}, {"ownerReferences", mergedBy("uid")}};
    const SchemaNode& conditions = node({{"conditions", mergedBy("type")}});
    const SchemaNode& container = node({{"ports", mergedBy("containerPort")},
                                        {"env", mergedBy("name")},
                                        {"volumeMounts", mergedBy("mountPath")},
                                        {"volumeDevices", mergedBy("devicePath")}});
    const SchemaNode& podSpec = node({{"volumes", mergedAndRetainingBy("name")},
                                      {"initContainers", mergedBy("name", &container)},
                                      {"containers", mergedBy("name", &container)},
                                      {"ephemeralContainers", mergedBy("name", &container)},
                                      {"imagePullSecrets", mergedBy("name")},
                                      {"hostAliases", mergedBy("ip")},
                                      {"topologySpreadConstraints", mergedBy("topologyKey")},
                                      {"schedulingGates", mergedBy("name")},
                                      {"resourceClaims", mergedAndRetainingBy("name")}});
    const SchemaNode& podStatus = node({{"conditions", mergedBy("type")},
                                        {"podIPs", mergedBy("ip")},
                                        {"hostIPs", mergedBy("ip")},
                                        {"resourceClaimStatuses", mergedAndRetainingBy("name")}});
    const SchemaNode& podTemplate = node({{"metadata", nested(objectMeta_)}, {"spec", nested(podSpec)}});
    const SchemaNode& templated = node({{"template", nested(podTemplate)}});
    const SchemaNode& deploymentSpec = node({{"template", nested(podTemplate)}, {"strategy", retainingKeys()}});
    const SchemaNode& jobTemplate = node({{"metadata", nested(objectMeta_)}, {"spec", nested(templated)}});
    const SchemaNode& cronJobSpec = node({{"jobTemplate", nested(jobTemplate)}});
    const SchemaNode& matchConditions = node({{"matchConditions", mergedBy("name")}});
    const SchemaNode& admissionPolicySpec = node({{"matchConditions", mergedBy("name")}, {"variables", mergedBy("name")}});

    const auto kind = [&](const std::string& groupKind, Fields fields) {
      fields.emplace("metadata", nested(objectMeta_));
      kinds_[groupKind] = &node(std::move(fields));
    };
    kind("/Pod", {{"spec", nested(podSpec)}, {"status", nested(podStatus)}});
    kind("/PodTemplate", {{"template", nested(podTemplate)}});
    kind("/ReplicationController", {{"spec", nested(templated)}, {"status", nested(conditions)}});
    kind("/Service", {{"spec", nested(node({{"ports", mergedBy("port")}}))}, {"status", nested(conditions)}});
    kind("/ServiceAccount", {{"secrets", mergedBy("name")}});
    kind("/Node", {{"spec", nested(node({{"podCIDRs", mergedScalars()}}))},
                   {"status", nested(node({{"conditions", mergedBy("type")}, {"addresses", mergedBy("type")}}))}});
    kind("/Namespace", {{"status", nested(conditions)}});
    kind("/PersistentVolumeClaim", {{"status", nested(conditions)}});
    for (const std::string group : {"apps", "extensions"}) {
      kind(group + "/Deployment", {{"spec", nested(deploymentSpec)}, {"status", nested(conditions)}});
      kind(group + "/DaemonSet", {{"spec", nested(templated)}, {"status", nested(conditions)}});
      kind(group + "/ReplicaSet", {{"spec", nested(templated)}, {"status", nested(conditions)}});
    }
    kind("apps/StatefulSet", {{"spec", nested(templated)}, {"status", nested(conditions)}});
    kind("batch/Job", {{"spec", nested(templated)}, {"status", nested(conditions)}});
    kind("batch/CronJob", {{"spec", nested(cronJobSpec)}});
    kind("autoscaling/HorizontalPodAutoscaler", {{"status", nested(conditions)}});
    kind("policy/PodDisruptionBudget", {{"spec", nested(node({{"selector", replaced()}}))}, {"status", nested(conditions)}});
    for (const std::string webhooks : {"ValidatingWebhookConfiguration", "MutatingWebhookConfiguration"}) {
      kind("admissionregistration.k8s.io/" + webhooks, {{"webhooks", mergedBy("name", &matchConditions)}});
    }
    for (const std::string policy : {"ValidatingAdmissionPolicy", "MutatingAdmissionPolicy"}) {
      kind("admissionregistration.k8s.io/" + policy, {{"spec", nested(admissionPolicySpec)}});
    }
    kind("storage.k8s.io/CSINode", {{"spec", nested(node({{"drivers", mergedBy("name")}}))}});
    for (const std::string flowKind : {"FlowSchema", "PriorityLevelConfiguration"}) {
      kind("flowcontrol.apiserver.k8s.io/" + flowKind, {{"status", nested(conditions)}});
    }
  }

  const SchemaNode& node(Fields fields) {
    nodes_.push_back(SchemaNode{std::move(fields)});
    return nodes_.back();
  }

  std::deque<SchemaNode> nodes_;
  SchemaNode objectMeta_;
  SchemaNode objectOnly_;
  std::map<std::string, const SchemaNode*> kinds_;  // "group/Kind"
};

std::string_view groupOf(std::string_view apiVersion) {
  const auto slash = apiVersion.find('/');
  return slash == std::string_view::npos ? std::string_view() : apiVersion.substr(0, slash);
}

}  // namespace

FieldSchema lookupField(const SchemaNode* schema, std::string_view name) {
  if (!schema) return {};
  const auto found = schema->fields.find(name);
  return found == schema->fields.end() ? FieldSchema{} : found->second;
}

bool isBuiltInApiVersion(std::string_view apiVersion) {
  static const std::set<std::string, std::less<>> groups = {"",
                                                            "admissionregistration.k8s.io",
                                                            "apiextensions.k8s.io",
                                                            "apps",
                                                            "authentication.k8s.io",
                                                            "authorization.k8s.io",
                                                            "autoscaling",
                                                            "batch",
                                                            "certificates.k8s.io",
                                                            "coordination.k8s.io",
                                                            "discovery.k8s.io",
                                                            "events.k8s.io",
                                                            "extensions",
                                                            "flowcontrol.apiserver.k8s.io",
                                                            "internal.apiserver.k8s.io",
                                                            "networking.k8s.io",
                                                            "node.k8s.io",
                                                            "policy",
                                                            "rbac.authorization.k8s.io",
                                                            "resource.k8s.io",
                                                            "scheduling.k8s.io",
                                                            "storage.k8s.io",
                                                            "storagemigration.k8s.io"};
  return groups.count(groupOf(apiVersion)) > 0;
}

const SchemaNode* builtInSchema(std::string_view apiVersion, std::string_view kind) {
  if (!isBuiltInApiVersion(apiVersion)) return nullptr;
  return BuiltInSchemas::instance().find(std::string(groupOf(apiVersion)), kind);
}

}  // namespace ho::kube::patch
