// Drift correction: JSON patches back to the manifest, deleted objects recreated.
#include "controller/reconciler/drift_correction.h"

#include "controller/action/resource_sync.h"
#include "controller/reconciler/release_ownership.h"

namespace ho::controller {
namespace {

using nlohmann::json;

constexpr std::string_view kStringDataPrefix = "/stringData/";

json operation(std::string_view op, const std::string& path) { return {{"op", op}, {"path", path}}; }

// The object as it is created again: the manifest's, marked as the release's and the HelmRelease's.
ManifestObject recreated(const ObjectDrift& drift, const Release& deployed, const std::string& antecedent) {
  ManifestObject object = drift.object;
  setReleaseOwnership(object, deployed.name, deployed.namespace_);
  object.object["metadata"]["annotations"][std::string(kAntecedentAnnotation)] = antecedent;
  return object;
}

}  // namespace

json correctionPatch(const ObjectDrift& drift) {
  const json& manifest = drift.object.object;
  json operations = json::array();
  json removals = json::array();
  json stringData = json::object();
  for (const FieldDrift& field : drift.fields) {
    const json::json_pointer pointer(field.pointer);
    // stringData is write-only: the server folds what is sent into data.
    if (field.pointer.starts_with(kStringDataPrefix)) {
      stringData[pointer.back()] = manifest.at(pointer);
      continue;
    }
    switch (field.change) {
      case FieldDrift::Change::Differs:
        operations.push_back(operation("replace", field.pointer));
        operations.back()["value"] = manifest.at(pointer);
        break;
      case FieldDrift::Change::MissingLive:
        operations.push_back(operation("add", field.pointer));
        operations.back()["value"] = manifest.at(pointer);
        break;
      case FieldDrift::Change::ExtraLive:
        // Removed after everything else, last item first, so earlier indices stay valid.
        removals.insert(removals.begin(), operation("remove", field.pointer));
        break;
    }
  }
  if (!stringData.empty()) {
    operations.push_back(operation("add", "/stringData"));
    operations.back()["value"] = std::move(stringData);
  }
  for (json& removal : removals) operations.push_back(std::move(removal));
  return operations;
}

Result<void> correctDrift(ActionContext& context, const Release& deployed, const std::vector<ObjectDrift>& drift,
                          const std::string& antecedent) {
  std::string failures;
  const auto fail = [&](const ObjectDrift& object, const std::string& message) {
    failures += (failures.empty() ? "" : "; ") + object.name() + ": " + message;
  };
  for (const ObjectDrift& object : drift) {
    if (object.missing) {
      if (auto created = createObjects(*context.client, {recreated(object, deployed, antecedent)}); !created) {
        fail(object, created.error().message);
      }
      continue;
    }
    auto patched = context.client->patch(object.object.path() + "?fieldManager=helm", kube::client::PatchType::Json,
                                         correctionPatch(object));
    if (!patched) fail(object, patched.error().message);
  }
  if (!failures.empty()) return Error{"correcting drift: " + failures};
  return {};
}

}  // namespace ho::controller
