// applyChartCrds: create (or replace) the crds/ objects, wait, rediscover.
#include "controller/action/chart_crds.h"

#include <thread>
#include <vector>

#include "controller/action/manifest_objects.h"

namespace ho::controller {
namespace {

bool crdEstablished(const nlohmann::json& crd) {
  const auto status = crd.value("status", nlohmann::json::object());
  for (const auto& condition : status.value("conditions", nlohmann::json::array())) {
    if (condition.value("type", "") == "Established") return condition.value("status", "") == "True";
  }
  return false;
}

// PUT of `object` over the live one (its resourceVersion guards the write).
kube::client::ApiResult<nlohmann::json> replace(kube::client::RestClient& client, const ManifestObject& object) {
  auto live = client.get(object.path());
  if (!live) return live.error();
  nlohmann::json replacement = object.object;
  replacement["metadata"]["resourceVersion"] = (*live)["metadata"].value("resourceVersion", "");
  return client.update(object.path(), replacement);
}

Result<void> waitEstablished(kube::client::RestClient& client, const std::vector<ManifestObject>& crds,
                             std::chrono::milliseconds timeout) {
  const auto deadline = std::chrono::steady_clock::now() + timeout;
  for (const ManifestObject& crd : crds) {
    for (;;) {
      auto live = client.get(crd.path());
      if (live && crdEstablished(*live)) break;
      if (std::chrono::steady_clock::now() >= deadline) return Error{"CRD " + crd.name + " was not established in time"};
      std::this_thread::sleep_for(std::chrono::milliseconds(100));
    }
  }
  return {};
}

}  // namespace

Result<void> applyChartCrds(ActionContext& context, const chart::Chart& chart, const std::string& ns,
                            ExistingCrds existing, std::chrono::milliseconds timeout) {
  std::vector<ManifestObject> created;
  bool replaced = false;
  for (const chart::CrdFile& crd : chart.crdObjects()) {
    if (!crd.file) continue;
    auto objects = buildObjects(crd.file->data, ns, *context.mapper);
    if (!objects) return objects.error();
    for (const ManifestObject& object : *objects) {
      auto result = context.client->create(object.collectionPath(), object.object);
      if (result) {
        created.push_back(object);
        continue;
      }
      if (!result.error().isAlreadyExists()) {
        return Error{"failed to install CRD " + crd.name + ": " + result.error().message};
      }
      if (existing == ExistingCrds::Keep) continue;
      if (auto updated = replace(*context.client, object); !updated) {
        return Error{"failed to replace CRD " + crd.name + ": " + updated.error().message};
      }
      replaced = true;
    }
  }
  if (auto established = waitEstablished(*context.client, created, timeout); !established) return established;
  if (!created.empty() || replaced) context.mapper->invalidate();
  return {};
}

}  // namespace ho::controller
