// The schema-driven protobuf codec: every built-in kind decodes and encodes,
// with Go's JSON rules (inlined structs, pointers, IntOrString, Quantity, Time).
#include <gtest/gtest.h>

#include "kube/server/protobuf.h"
#include "kube/server/protobuf_codec.h"
#include "kube/server/protobuf_schema.h"
#include "kube/server/protobuf_wire.h"

namespace ho::kube {
namespace {

using nlohmann::json;
using protobuf::Schema;

json roundTrip(const json& object) {
  const auto encoded = encodeProtobufObject(object);
  EXPECT_TRUE(encoded.has_value()) << object.dump();
  if (!encoded) return nullptr;
  ApiResult<json> decoded = decodeProtobufObject(*encoded);
  EXPECT_TRUE(decoded.ok()) << decoded.error().message;
  return decoded.ok() ? decoded.value() : json();
}

const json kDeployment = json::parse(R"({
  "apiVersion": "apps/v1", "kind": "Deployment",
  "metadata": {"name": "web", "namespace": "default", "labels": {"app": "web"},
               "creationTimestamp": "2026-01-02T03:04:05Z", "generation": 3,
               "ownerReferences": [{"apiVersion": "v1", "kind": "X", "name": "o", "uid": "u", "controller": true}]},
  "spec": {"replicas": 0,
           "selector": {"matchLabels": {"app": "web"},
                        "matchExpressions": [{"key": "tier", "operator": "In", "values": ["a", "b"]}]},
           "strategy": {"type": "RollingUpdate", "rollingUpdate": {"maxSurge": "25%", "maxUnavailable": 1}},
           "template": {"metadata": {"labels": {"app": "web"}},
                        "spec": {"containers": [{"name": "web", "image": "nginx",
                                                 "ports": [{"containerPort": 80, "protocol": "TCP"}],
                                                 "resources": {"limits": {"cpu": "500m", "memory": "1Gi"}},
                                                 "env": [{"name": "A", "value": "1"}],
                                                 "readinessProbe": {"httpGet": {"path": "/", "port": "http"}}}],
                                 "volumes": [{"name": "cfg", "configMap": {"name": "settings"}}]}}},
  "status": {"replicas": 2, "conditions": [{"type": "Available", "status": "True",
                                            "lastUpdateTime": "2026-01-02T03:04:06Z"}]}
})");

TEST(ProtobufSchema_Kinds, EveryServedBuiltinKindHasAMessage) {
  for (const auto& [apiVersion, kind] : std::vector<std::pair<std::string, std::string>>{
           {"v1", "Pod"}, {"v1", "Service"}, {"v1", "Secret"}, {"v1", "Event"}, {"v1", "Namespace"},
           {"apps/v1", "Deployment"}, {"apps/v1", "StatefulSetList"}, {"batch/v1", "CronJob"},
           {"autoscaling/v2", "HorizontalPodAutoscaler"}, {"autoscaling/v1", "Scale"},
           {"networking.k8s.io/v1", "Ingress"}, {"policy/v1", "PodDisruptionBudget"},
           {"rbac.authorization.k8s.io/v1", "ClusterRoleBinding"}, {"coordination.k8s.io/v1", "Lease"},
           {"events.k8s.io/v1", "Event"}, {"storage.k8s.io/v1", "StorageClass"},
           {"scheduling.k8s.io/v1", "PriorityClass"},
           {"admissionregistration.k8s.io/v1", "ValidatingWebhookConfiguration"},
           {"apiextensions.k8s.io/v1", "CustomResourceDefinition"}, {"meta.k8s.io/v1", "DeleteOptions"},
           {"v1", "DeleteOptions"}}) {
    EXPECT_NE(Schema::builtin().forKind(apiVersion, kind), nullptr) << apiVersion << " " << kind;
  }
  EXPECT_EQ(Schema::builtin().forKind("example.com/v1", "Widget"), nullptr);
}

TEST(ProtobufSchema_Codec, DeploymentRoundTripsThroughProtobuf) {
  EXPECT_EQ(roundTrip(kDeployment), kDeployment);
}

TEST(ProtobufSchema_Codec, VolumeSourceIsInlinedAndZeroPointerKept) {
  const json decoded = roundTrip(kDeployment);
  const json& podSpec = decoded["spec"]["template"]["spec"];
  EXPECT_EQ(podSpec["volumes"][0], json::parse(R"({"name":"cfg","configMap":{"name":"settings"}})"));
  EXPECT_EQ(decoded["spec"]["replicas"], 0);  // *int32: zero is meaningful
  EXPECT_EQ(decoded["spec"]["strategy"]["rollingUpdate"]["maxSurge"], "25%");
  EXPECT_EQ(decoded["spec"]["strategy"]["rollingUpdate"]["maxUnavailable"], 1);
}

TEST(ProtobufSchema_Codec, ZeroNonPointerScalarsAreOmittedLikeGoJson) {
  // Go clients always write non-pointer fields, zero or not.
  protobuf::WireWriter container;
  container.bytesField(1, "c");
  container.bytesField(2, "");          // image
  container.varintField(16, 0);         // stdin false
  protobuf::WireWriter podSpec;
  podSpec.bytesField(2, container.bytes());
  podSpec.bytesField(8, "");            // serviceAccountName
  const json decoded =
      protobuf::decodeMessage(*Schema::builtin().message("core.v1.PodSpec"), podSpec.bytes());
  EXPECT_EQ(decoded, json::parse(R"({"containers":[{"name":"c"}]})"));
}

TEST(ProtobufSchema_Codec, ServiceAndSecretAndCronJobRoundTrip) {
  const json service = json::parse(R"({"apiVersion":"v1","kind":"Service","metadata":{"name":"s"},
    "spec":{"type":"ClusterIP","clusterIP":"10.0.0.1","ports":[{"name":"http","port":80,"targetPort":8080,
    "protocol":"TCP"}],"selector":{"app":"web"}},"status":{"loadBalancer":{}}})");
  EXPECT_EQ(roundTrip(service), service);
  const json secret = json::parse(R"({"apiVersion":"v1","kind":"Secret","metadata":{"name":"s"},
    "data":{"k":"aGk="},"type":"Opaque","immutable":false})");
  EXPECT_EQ(roundTrip(secret), secret);
  const json cronJob = json::parse(R"({"apiVersion":"batch/v1","kind":"CronJob","metadata":{"name":"c"},
    "spec":{"schedule":"*/1 * * * *","jobTemplate":{"metadata":{},"spec":{"template":{"metadata":{},
    "spec":{"restartPolicy":"OnFailure","containers":[{"name":"c","image":"busybox","resources":{}}]}}}}},
    "status":{}})");
  EXPECT_EQ(roundTrip(cronJob), cronJob);
}

TEST(ProtobufSchema_Codec, EventMicroTimeAndCrdSchemaUnionsRoundTrip) {
  const json event = json::parse(R"({"apiVersion":"events.k8s.io/v1","kind":"Event","metadata":{"name":"e"},
    "eventTime":"2026-01-02T03:04:05.123456Z","note":"hi","reason":"R","type":"Normal",
    "reportingController":"c","reportingInstance":"i","action":"A","regarding":{"kind":"Pod","name":"p"}})");
  EXPECT_EQ(roundTrip(event), event);
  const json crd = json::parse(R"({"apiVersion":"apiextensions.k8s.io/v1","kind":"CustomResourceDefinition",
    "metadata":{"name":"widgets.example.com"},
    "spec":{"group":"example.com","scope":"Namespaced","names":{"plural":"widgets","kind":"Widget"},
    "versions":[{"name":"v1","served":true,"storage":true,"schema":{"openAPIV3Schema":{"type":"object",
    "properties":{"spec":{"type":"object","x-kubernetes-preserve-unknown-fields":true,
    "additionalProperties":{"type":"string"}},"list":{"type":"array","items":{"type":"integer"}},
    "open":{"type":"object","additionalProperties":true},"any":{"default":{"a":[1,2]}}}}}}]},
    "status":{"acceptedNames":{"plural":"","kind":""},"storedVersions":["v1"]}})");
  EXPECT_EQ(roundTrip(crd)["spec"], crd["spec"]);
}

TEST(ProtobufSchema_Codec, ListsCarryTheirItems) {
  const json list = json::parse(R"({"apiVersion":"v1","kind":"SecretList","metadata":{"resourceVersion":"7"},
    "items":[{"metadata":{"name":"a"},"type":"Opaque"},{"metadata":{"name":"b"},"type":"Opaque"}]})");
  EXPECT_EQ(roundTrip(list), list);
}

TEST(ProtobufSchema_Codec, ObjectsThatDoNotFitTheSchemaAreNotEncoded) {
  EXPECT_FALSE(encodeProtobufObject(json::parse(R"({"apiVersion":"v1","kind":"ConfigMap","data":[1]})")));
  EXPECT_FALSE(encodeProtobufObject(json::parse(R"({"apiVersion":"example.com/v1","kind":"Widget"})")));
}

TEST(ProtobufSchema_Accept, ProtobufMustBeTheFirstChoice) {
  EXPECT_TRUE(prefersProtobuf("application/vnd.kubernetes.protobuf, application/json"));
  EXPECT_FALSE(prefersProtobuf("application/json, application/vnd.kubernetes.protobuf"));
  EXPECT_FALSE(prefersProtobuf("application/json;as=Table;v=v1;g=meta.k8s.io,application/json"));
}

}  // namespace
}  // namespace ho::kube
