// The valuesFrom index and the ConfigMap/Secret informers that consult it.
#include "controller/reconciler/values_source_watch.h"

#include <variant>

#include "controller/helmrelease/helm_release.h"

namespace ho::controller {
namespace {

kube::client::InformerOptions watching(const kube::client::ResourceType& type, const std::string& ns,
                                       std::string labelSelector) {
  kube::client::InformerOptions options;
  options.type = type;
  options.namespace_ = ns;
  options.labelSelector = std::move(labelSelector);
  return options;
}

// The sources a HelmRelease object reads; none when its spec does not parse.
std::set<std::string> referencedSources(const nlohmann::json& object) {
  std::set<std::string> sources;
  auto parsed = parseHelmRelease(object);
  if (!parsed) return sources;
  const std::string ns = parsed->namespaceOrDefault();
  for (const ValuesFromSource& source : parsed->spec.valuesFromSources()) {
    if (const auto* configMap = std::get_if<ConfigMapKeyReference>(&source)) {
      sources.insert(ValuesSourceIndex::configMapSource(configMap->namespaceOr(ns), configMap->name));
    } else if (const auto* secret = std::get_if<SecretKeyReference>(&source)) {
      sources.insert(ValuesSourceIndex::secretSource(secret->namespaceOr(ns), secret->name));
    }
  }
  return sources;
}

std::string sourceOf(const char* kind, const nlohmann::json& object) {
  const nlohmann::json& metadata = object["metadata"];
  return std::string(kind) + "/" + metadata.value("namespace", "") + "/" + metadata.value("name", "");
}

bool dataChanged(const nlohmann::json& before, const nlohmann::json& after) {
  for (const char* field : {"data", "binaryData", "stringData"}) {
    if (before.value(field, nlohmann::json()) != after.value(field, nlohmann::json())) return true;
  }
  return false;
}

}  // namespace

std::string ValuesSourceIndex::configMapSource(const std::string& ns, const std::string& name) {
  return "configmap/" + ns + "/" + name;
}

std::string ValuesSourceIndex::secretSource(const std::string& ns, const std::string& name) {
  return "secret/" + ns + "/" + name;
}

void ValuesSourceIndex::track(const nlohmann::json& helmRelease) {
  references_.set(kube::client::objectKey(helmRelease), referencedSources(helmRelease));
}

void ValuesSourceIndex::forget(const nlohmann::json& helmRelease) {
  references_.remove(kube::client::objectKey(helmRelease));
}

std::set<std::string> ValuesSourceIndex::referencing(const std::string& source) const {
  return references_.referrersOf(source);
}

ValuesSourceWatch::ValuesSourceWatch(std::shared_ptr<kube::client::RestClient> client, const std::string& ns,
                                     kube::client::WorkQueue& queue)
    : queue_(queue),
      configMaps_(client, watching({"", "v1", "configmaps", "ConfigMap", true}, ns, ""), onChange("configmap")),
      // Helm's release records (owner=helm) change with every revision and are never values sources.
      secrets_(client, watching({"", "v1", "secrets", "Secret", true}, ns, "owner!=helm"), onChange("secret")) {}

kube::client::InformerHandlers ValuesSourceWatch::tracking(kube::client::InformerHandlers helmReleaseHandlers) {
  auto handlers = std::make_shared<kube::client::InformerHandlers>(std::move(helmReleaseHandlers));
  return {[this, handlers](const nlohmann::json& object) {
            index_.track(object);
            if (handlers->onAdd) handlers->onAdd(object);
          },
          [this, handlers](const nlohmann::json& before, const nlohmann::json& after) {
            index_.track(after);
            if (handlers->onUpdate) handlers->onUpdate(before, after);
          },
          [this, handlers](const nlohmann::json& object) {
            index_.forget(object);
            if (handlers->onDelete) handlers->onDelete(object);
          }};
}

kube::client::InformerHandlers ValuesSourceWatch::onChange(const char* kind) {
  auto enqueue = [this, kind](const nlohmann::json& object) {
    for (const std::string& key : index_.referencing(sourceOf(kind, object))) queue_.add(key);
  };
  return {enqueue,
          [enqueue](const nlohmann::json& before, const nlohmann::json& after) {
            if (dataChanged(before, after)) enqueue(after);
          },
          enqueue};
}

void ValuesSourceWatch::start() {
  configMaps_.start();
  secrets_.start();
}

void ValuesSourceWatch::stop() {
  configMaps_.stop();
  secrets_.stop();
}

}  // namespace ho::controller
