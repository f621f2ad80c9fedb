// Fuzz target: PATCH bodies (kube/server/patch.h and kube/patch/): the body,
// read as JSON, applied to a Deployment with each of the four patch types, and
// used as the new configuration of a three-way strategic merge patch.
#include <nlohmann/json.hpp>

#include "fuzz/fuzz_input.h"
#include "kube/patch/merge_patch.h"
#include "kube/patch/patch_schema.h"
#include "kube/patch/three_way_merge_patch.h"
#include "kube/server/bounded_json.h"
#include "kube/server/patch.h"

namespace {

const nlohmann::json& liveDeployment() {
  static const nlohmann::json deployment = nlohmann::json::parse(R"({
    "apiVersion": "apps/v1", "kind": "Deployment",
    "metadata": {"name": "web", "namespace": "default", "labels": {"app": "web"}},
    "spec": {"replicas": 2, "selector": {"matchLabels": {"app": "web"}},
      "template": {"metadata": {"labels": {"app": "web"}},
        "spec": {"containers": [{"name": "web", "image": "nginx:1", "ports": [{"containerPort": 80}],
                                 "env": [{"name": "A", "value": "1"}]}],
                 "volumes": [{"name": "data", "emptyDir": {}}]}}}})");
  return deployment;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  const std::string_view body = ho::fuzz::asText(data, size);
  const nlohmann::json& live = liveDeployment();
  for (const auto type : {ho::kube::PatchType::JsonPatch, ho::kube::PatchType::MergePatch,
                          ho::kube::PatchType::StrategicMerge, ho::kube::PatchType::Apply}) {
    (void)ho::kube::applyPatch(live, type, body);
  }
  // Read as the API server reads bodies (Go's nesting limit).
  const nlohmann::json modified = ho::kube::parseBoundedJson(body);
  if (modified.is_discarded()) return 0;
  (void)ho::kube::patch::createMergePatch(live, modified);
  const auto* schema = ho::kube::patch::builtInSchema("apps/v1", "Deployment");
  (void)ho::kube::patch::createThreeWayMergePatch(live, modified, live, schema);
  (void)ho::kube::patch::createThreeWayMergePatch(modified, live, modified, schema);
  return 0;
}
