// Hook records and hook execution.
#include "controller/action/hooks.h"

#include <algorithm>
#include <thread>

#include "controller/action/manifest_objects.h"
#include "controller/action/readiness.h"
#include "controller/action/resource_sync.h"
#include "encoding/go_yaml.h"

namespace ho::controller {

namespace {

std::vector<std::string> deletePolicies(const std::string& manifest) {
  std::vector<std::string> policies;
  auto parsed = encoding::parseYamlAny(manifest);
  if (!parsed || !parsed->isMap()) return policies;
  const Value* metadata = parsed->find("metadata");
  const Value* annotations = metadata ? metadata->find("annotations") : nullptr;
  const Value* policy = annotations ? annotations->find("helm.sh/hook-delete-policy") : nullptr;
  if (!policy || !policy->isString()) return policies;
  std::string_view rest = policy->asString();
  while (!rest.empty()) {
    const size_t comma = rest.find(',');
    std::string_view part = rest.substr(0, comma);
    while (!part.empty() && part.front() == ' ') part.remove_prefix(1);
    while (!part.empty() && part.back() == ' ') part.remove_suffix(1);
    if (!part.empty()) policies.emplace_back(part);
    if (comma == std::string_view::npos) break;
    rest.remove_prefix(comma + 1);
  }
  return policies;
}

// helm's watchUntilReady for hooks: Jobs must complete, Pods must succeed.
Result<void> waitForCompletion(kube::client::RestClient& client, const std::vector<ManifestObject>& objects,
                               std::chrono::milliseconds timeout) {
  const auto deadline = std::chrono::steady_clock::now() + timeout;
  for (const ManifestObject& object : objects) {
    if (object.type.kind != "Job" && object.type.kind != "Pod") continue;
    for (;;) {
      auto live = client.get(object.path());
      if (!live) return Error{live.error().message};
      const auto status = live->value("status", nlohmann::json::object());
      if (object.type.kind == "Pod") {
        const std::string phase = status.value("phase", "");
        if (phase == "Succeeded") break;
        if (phase == "Failed") return Error{"pod " + object.name + " failed"};
      } else {
        for (const auto& condition : status.value("conditions", nlohmann::json::array())) {
          if (condition.value("type", "") == "Failed" && condition.value("status", "") == "True") {
            return Error{"job " + object.name + " failed: " + condition.value("reason", "")};
          }
        }
        if (isReady(*live, true)) break;
      }
      if (std::chrono::steady_clock::now() >= deadline) return Error{"timed out waiting for the condition"};
      std::this_thread::sleep_for(std::chrono::milliseconds(200));
    }
  }
  return {};
}

bool hasPolicy(const HookRecord& hook, std::string_view policy) {
  return std::find(hook.deletePolicies.begin(), hook.deletePolicies.end(), policy) != hook.deletePolicies.end();
}

}  // namespace

std::vector<HookRecord> hookRecords(const std::vector<chart::Hook>& hooks) {
  std::vector<HookRecord> records;
  for (const chart::Hook& hook : hooks) {
    HookRecord record;
    record.name = hook.name;
    record.kind = hook.kind;
    record.path = hook.path;
    record.manifest = hook.manifest;
    record.events = hook.events;
    record.weight = hook.weight;
    record.deletePolicies = deletePolicies(hook.manifest);
    records.push_back(std::move(record));
  }
  return records;
}

Result<void> runHooks(ActionContext& context, Release& release, const std::string& event,
                      std::chrono::milliseconds timeout) {
  std::vector<HookRecord*> selected;
  for (HookRecord& hook : release.hooks) {
    if (std::find(hook.events.begin(), hook.events.end(), event) != hook.events.end()) selected.push_back(&hook);
  }
  std::stable_sort(selected.begin(), selected.end(), [](const HookRecord* a, const HookRecord* b) {
    return a->weight != b->weight ? a->weight < b->weight : a->name < b->name;
  });
  for (HookRecord* hook : selected) {
    // helm's default when a hook names no policy.
    if (hook->deletePolicies.empty()) hook->deletePolicies.push_back("before-hook-creation");
    auto objects = buildObjects(hook->manifest, release.namespace_, *context.mapper);
    if (!objects) return objects.error();
    if (hasPolicy(*hook, "before-hook-creation")) {
      if (auto removed = deleteObjects(*context.client, *objects); !removed) return removed.error();
    }
    hook->lastRun = {nowTimestamp(), "", "Running"};
    auto created = createObjects(*context.client, *objects);
    if (created) created = waitForCompletion(*context.client, *objects, timeout);
    hook->lastRun.completedAt = nowTimestamp();
    hook->lastRun.phase = created ? "Succeeded" : "Failed";
    if (!created) {
      if (hasPolicy(*hook, "hook-failed")) (void)deleteObjects(*context.client, *objects);
      return Error{event + " hooks failed: " + created.error().message};
    }
    if (hasPolicy(*hook, "hook-succeeded")) {
      if (auto removed = deleteObjects(*context.client, *objects); !removed) return removed.error();
    }
  }
  return {};
}

}  // namespace ho::controller
