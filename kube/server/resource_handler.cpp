// The REST verbs on resources (watch is in resource_watch.cpp).
#include "kube/server/resource_handler.h"

#include <random>

#include "kube/server/bounded_json.h"
#include "kube/server/cr_admission.h"
#include "kube/server/field_manager.h"
#include "kube/server/list_paging.h"
#include "kube/server/object_encoding.h"
#include "kube/server/patch.h"
#include "kube/server/protobuf.h"
#include "kube/client/selectors.h"
#include "kube/server/partial_metadata.h"
#include "kube/server/table.h"

namespace ho::kube {
namespace {

using nlohmann::json;

const std::string kCrds = "customresourcedefinitions.apiextensions.k8s.io";

ApiResult<json> decodeBody(const HttpRequest& http) {
  if (http.contentType.rfind(kProtobufContentType, 0) == 0) return decodeProtobufObject(http.body);
  if (http.body.empty()) return json::object();
  json body = parseBoundedJson(http.body);
  if (body.is_discarded()) return badRequest("the request body is not valid JSON");
  if (!body.is_object()) return badRequest("the request body is not a JSON object");
  return body;
}

std::string metadataString(const json& object, const char* field) {
  if (!object.contains("metadata") || !object["metadata"].is_object()) return "";
  const json& value = object["metadata"].value(field, json());
  return value.is_string() ? value.get<std::string>() : "";
}

std::string randomSuffix() {
  static std::mutex mutex;
  static std::mt19937 random{std::random_device{}()};
  static const std::string alphabet = "bcdfghjklmnpqrstvwxz2456789";
  std::lock_guard lock(mutex);
  std::string suffix;
  for (int i = 0; i < 5; ++i) suffix += alphabet[random() % alphabet.size()];
  return suffix;
}

bool isDryRun(const QueryParams& query) { return query.count("dryRun") > 0; }

std::string fieldValidation(const QueryParams& query) {
  const auto found = query.find("fieldValidation");
  return found == query.end() ? "" : found->second;
}

FieldManagerContext fieldManagerContext(const ResourceRequest& request) {
  const auto manager = request.query.find("fieldManager");
  return FieldManagerContext{manager != request.query.end() ? manager->second
                                                            : defaultFieldManager(request.http.userAgent),
                             request.type.groupVersion(), request.path.subresource, request.type.hasStatus};
}

// Keeps the stored status when the main endpoint of a kind with a status
// subresource is written.
void keepStatus(const ResourceType& type, json& next, const json* current) {
  if (!type.hasStatus) return;
  if (current && current->contains("status")) {
    next["status"] = (*current)["status"];
  } else {
    next.erase("status");
  }
}

// The Scale object for a kind with a scale subresource.
json scaleOf(const json& object) {
  const json spec = object.value("spec", json::object());
  const json matchLabels = spec.value("selector", json::object()).value("matchLabels", json::object());
  std::string selectorText;
  for (const auto& [key, value] : matchLabels.items()) {
    if (!selectorText.empty()) selectorText += ",";
    selectorText += key + "=" + (value.is_string() ? value.get<std::string>() : value.dump());
  }
  json metadata = object["metadata"];
  for (const char* dropped : {"labels", "annotations", "ownerReferences", "finalizers", "generation"}) {
    metadata.erase(dropped);
  }
  return {{"kind", "Scale"},
          {"apiVersion", "autoscaling/v1"},
          {"metadata", metadata},
          {"spec", {{"replicas", spec.value("replicas", json(1))}}},
          {"status", {{"replicas", object.value("status", json::object()).value("replicas", json(0))},
                      {"selector", selectorText}}}};
}

}  // namespace

void sendJson(ResponseWriter& writer, int status, const json& body) {
  writer.send(status, "application/json", body.dump());
}

void sendError(ResponseWriter& writer, const ApiError& error) { sendJson(writer, error.code, statusBody(error)); }

void sendObject(ResponseWriter& writer, int status, const json& object, std::string_view accept) {
  if (prefersProtobuf(accept)) {
    if (const auto encoded = encodeProtobufObject(object)) {
      writer.send(status, kProtobufContentType, *encoded);
      return;
    }
  }
  sendJson(writer, status, object);
}

ResourceHandler::ResourceHandler(ResourceRegistry& registry, ObjectStore& store, WatchHub& hub,
                                 WorkloadSimulator* simulator)
    : registry_(registry),
      store_(store),
      hub_(hub),
      crds_(registry, store),
      simulator_(simulator) {}

json ResourceHandler::present(const ResourceType& type, json object) const {
  return presentAs(type, std::move(object));
}

std::optional<ApiError> ResourceHandler::requireNamespace(const std::string& namespaceName) const {
  if (store_.get({"namespaces", "", namespaceName})) return std::nullopt;
  return notFound("namespaces", namespaceName);
}

void ResourceHandler::handle(const HttpRequest& http, const ApiPath& path, const QueryParams& query,
                             ResponseWriter& writer) {
  const auto type = registry_.find(path.group, path.version, path.resource);
  const bool knownSubresource =
      path.subresource.empty() || (path.subresource == "status" && type && type->hasStatus) ||
      (path.subresource == "scale" && type && type->hasScale);
  if (!type || !knownSubresource || (!type->namespaced && !path.namespaceName.empty())) {
    sendError(writer, ApiError{404, "NotFound", "the server could not find the requested resource", {}});
    return;
  }
  const ResourceRequest request{http, path, query, *type};
  const auto watchParam = query.find("watch");
  const bool watching = path.legacyWatch ||
                        (watchParam != query.end() && watchParam->second != "false" && watchParam->second != "0");
  if (http.method == "GET") {
    if (watching) {
      watch(request, writer);
    } else if (path.name.empty()) {
      list(request, writer);
    } else {
      get(request, writer);
    }
    return;
  }
  const bool named = !path.name.empty();
  const bool namespaceMissing = type->namespaced && path.namespaceName.empty();
  ApiResult<json> result = methodNotAllowed("the server does not allow this method on the requested resource");
  int successCode = 200;
  if (http.method == "POST" && !named && !namespaceMissing) {
    result = create(request);
    successCode = 201;
  } else if (http.method == "PUT" && named && !namespaceMissing) {
    result = replace(request);
  } else if (http.method == "PATCH" && named && !namespaceMissing) {
    bool created = false;
    result = patch(request, created);
    if (created) successCode = 201;
  } else if (http.method == "DELETE") {
    result = named ? remove(request) : removeCollection(request);
  }
  if (!result.ok()) {
    sendError(writer, result.error());
    return;
  }
  sendObject(writer, successCode, result.value(), http.accept);
}

void ResourceHandler::get(const ResourceRequest& request, ResponseWriter& writer) {
  const ObjectKey key{request.type.groupResource(), request.path.namespaceName, request.path.name};
  const ObjectPtr stored = store_.find(key);
  if (!stored) {
    sendError(writer, notFound(key.groupResource, key.name));
    return;
  }
  if (request.path.subresource == "scale") {
    sendObject(writer, 200, scaleOf(stored->object()), request.http.accept);
    return;
  }
  if (wantsPartialMetadata(request.http.accept)) {
    sendJson(writer, 200, partialMetadata(stored->object()));
    return;
  }
  if (wantsTable(request.http.accept)) {
    TableRequest table;
    if (const auto include = request.query.find("includeObject"); include != request.query.end()) {
      table.includeObject = include->second;
    }
    table.resourceVersion = metadataString(stored->object(), "resourceVersion");
    sendJson(writer, 200, buildTable(request.type, {present(request.type, stored->object())}, table));
    return;
  }
  if (prefersProtobuf(request.http.accept)) {
    if (const auto encoded = objectProtobuf(request.type, *stored)) {
      writer.send(200, kProtobufContentType, *encoded);
      return;
    }
  }
  writer.send(200, "application/json", objectJson(request.type, *stored));
}

ApiResult<ObjectFilter> ResourceHandler::selectorFilter(const ResourceRequest& request) const {
  const auto text = [&](const char* name) {
    const auto found = request.query.find(name);
    return found == request.query.end() ? std::string() : found->second;
  };
  std::string fieldText = text("fieldSelector");
  if (!request.path.name.empty()) {
    fieldText += (fieldText.empty() ? "" : ",") + std::string("metadata.name=") + request.path.name;
  }
  const std::string labelText = text("labelSelector");
  if (labelText.empty() && fieldText.empty()) return ObjectFilter();
  Result<LabelSelector> labels = LabelSelector::parse(labelText);
  if (!labels.ok()) return badRequest(labels.error().message);
  Result<FieldSelector> fields = FieldSelector::parse(fieldText);
  if (!fields.ok()) return badRequest(fields.error().message);
  return ObjectFilter([labels = std::move(labels).value(), fields = std::move(fields).value()](const json& object) {
    const json& metadata = object["metadata"];
    const auto labelsOfObject = metadata.find("labels");
    return labels.matches(labelsOfObject == metadata.end() ? json() : *labelsOfObject) && fields.matches(object);
  });
}

void ResourceHandler::list(const ResourceRequest& request, ResponseWriter& writer) {
  ApiResult<ObjectFilter> filter = selectorFilter(request);
  if (!filter.ok()) {
    sendError(writer, filter.error());
    return;
  }
  const ApiResult<ListPage> page = listPage(store_, request.type.groupResource(), request.path.namespaceName,
                                            request.query, filter.value());
  if (!page.ok()) {
    sendJson(writer, page.error().code, listErrorStatus(page.error(), request.query));
    return;
  }
  if (wantsPartialMetadata(request.http.accept)) {
    sendJson(writer, 200, partialMetadataList(page.value()));
    return;
  }
  if (wantsTable(request.http.accept)) {
    TableRequest table;
    if (const auto include = request.query.find("includeObject"); include != request.query.end()) {
      table.includeObject = include->second;
    }
    table.resourceVersion = std::to_string(page.value().resourceVersion);
    std::vector<json> objects;
    objects.reserve(page.value().items.size());
    for (const ObjectPtr& item : page.value().items) objects.push_back(present(request.type, item->object()));
    json built = buildTable(request.type, objects, table);
    describePage(page.value(), built["metadata"]);
    sendJson(writer, 200, built);
    return;
  }
  if (prefersProtobuf(request.http.accept)) {
    if (const auto encoded = listProtobuf(request.type, page.value())) {
      writer.send(200, kProtobufContentType, *encoded);
      return;
    }
  }
  writer.send(200, "application/json", listJson(request.type, page.value()));
}

ApiResult<json> ResourceHandler::create(const ResourceRequest& request) {
  if (!request.path.subresource.empty()) return methodNotAllowed("create is not supported on subresources");
  ApiResult<json> body = decodeBody(request.http);
  if (!body.ok()) return body.error();
  json object = present(request.type, std::move(body).value());
  const std::string bodyNamespace = metadataString(object, "namespace");
  if (!bodyNamespace.empty() && bodyNamespace != request.path.namespaceName && request.type.namespaced) {
    return badRequest("the namespace of the provided object does not match the namespace sent on the request");
  }
  std::string name = metadataString(object, "name");
  if (name.empty() && !metadataString(object, "generateName").empty()) {
    name = metadataString(object, "generateName") + randomSuffix();
  }
  if (name.empty()) {
    return invalid(request.type.groupResource(), "", "metadata.name: Required value: name or generateName is required");
  }
  if (request.type.namespaced) {
    if (auto missing = requireNamespace(request.path.namespaceName)) return *missing;
  }
  if (request.type.groupResource() == kCrds) {
    object["metadata"]["name"] = name;
    if (auto types = resourceTypesFromCrd(object); !types.ok()) return types.error();
  }
  if (request.type.hasStatus) object.erase("status");
  defaulter_.apply(request.type, object, nullptr);
  if (auto rejected = CustomResourceAdmission(store_, request.type).admit(object, fieldValidation(request.query))) {
    return *rejected;
  }
  recordUpdate(nullptr, object, fieldManagerContext(request));
  const ObjectKey key{request.type.groupResource(), request.type.namespaced ? request.path.namespaceName : "", name};
  if (isDryRun(request.query)) {
    object["metadata"]["name"] = name;
    return object;
  }
  ApiResult<StoredObject> stored = store_.create(key, std::move(object));
  if (!stored.ok()) return stored.error();
  afterWrite(request.type, stored.value());
  return present(request.type, stored.value().object);
}

ApiResult<json> ResourceHandler::replace(const ResourceRequest& request) {
  ApiResult<json> body = decodeBody(request.http);
  if (!body.ok()) return body.error();
  json object = present(request.type, std::move(body).value());
  const std::string bodyName = metadataString(object, "name");
  if (!bodyName.empty() && bodyName != request.path.name) {
    return badRequest("the name of the object (" + bodyName + ") does not match the name on the URL (" +
                      request.path.name + ")");
  }
  const std::string subresource = request.path.subresource;
  const ResourceType& type = request.type;
  const FieldManagerContext managerContext = fieldManagerContext(request);
  const CustomResourceAdmission admission(store_, type);
  const auto mutate = [&](const json* current) -> ApiResult<json> {
    json next = object;
    if (subresource == "status") {
      next = *current;
      next["status"] = object.value("status", json::object());
      next["metadata"]["resourceVersion"] = metadataString(object, "resourceVersion");
    } else if (subresource == "scale") {
      next = *current;
      next["spec"]["replicas"] = object.value("spec", json::object()).value("replicas", json(1));
      next["metadata"]["resourceVersion"] = metadataString(object, "resourceVersion");
    } else {
      keepStatus(type, next, current);
    }
    defaulter_.apply(type, next, *current);
    if (auto rejected = admission.admit(next, fieldValidation(request.query))) return *rejected;
    recordUpdate(current, next, managerContext);
    return next;
  };
  const ObjectKey key{type.groupResource(), request.path.namespaceName, request.path.name};
  if (isDryRun(request.query)) {
    const auto current = store_.get(key);
    if (!current) return notFound(key.groupResource, key.name);
    return mutate(&*current);
  }
  ApiResult<StoredObject> stored = store_.update(key, mutate);
  if (!stored.ok()) return stored.error();
  afterWrite(type, stored.value());
  if (subresource == "scale") return scaleOf(stored.value().object);
  return present(type, stored.value().object);
}

ApiResult<json> ResourceHandler::patch(const ResourceRequest& request, bool& created) {
  const auto patchType = patchTypeFor(request.http.contentType);
  if (!patchType) return unsupportedMediaType(request.http.contentType);
  const ResourceType& type = request.type;
  const bool applying = *patchType == PatchType::Apply;
  if (applying && type.namespaced && request.path.subresource.empty()) {
    if (auto missing = requireNamespace(request.path.namespaceName)) return *missing;
  }
  const std::string subresource = request.path.subresource;
  FieldManagerContext managerContext = fieldManagerContext(request);
  const CustomResourceAdmission admission(store_, type);
  const std::unique_ptr<CustomResourceListSchema> listSchema = admission.listSchema();
  if (listSchema) managerContext.listSchema = listSchema->root();
  const bool tracksApply = applying && subresource != "scale";
  ApiResult<json> applied = tracksApply ? parseApplyConfiguration(request.http.body) : json();
  if (!applied.ok()) return applied.error();
  const auto forceParam = request.query.find("force");
  const bool force = forceParam != request.query.end() && forceParam->second == "true";
  const auto mutate = [&](const json* current) -> ApiResult<json> {
    const json base = current ? (subresource == "scale" ? scaleOf(*current) : *current) : json();
    ApiResult<json> patched = tracksApply ? serverSideApply(current, applied.value(), managerContext, force)
                                          : applyPatch(base, *patchType, request.http.body);
    if (!patched.ok()) return patched.error();
    json next = std::move(patched).value();
    if (subresource == "status") {
      json updated = *current;
      updated["status"] = next.value("status", json::object());
      updated["metadata"]["resourceVersion"] = metadataString(next, "resourceVersion");
      next = std::move(updated);
    } else if (subresource == "scale") {
      json updated = *current;
      updated["spec"]["replicas"] = next.value("spec", json::object()).value("replicas", json(1));
      next = std::move(updated);
    } else {
      next = present(type, std::move(next));
      if (current) {
        keepStatus(type, next, current);
      } else if (type.hasStatus) {
        next.erase("status");
      }
      if (type.groupResource() == kCrds) {
        if (auto types = resourceTypesFromCrd(next); !types.ok()) return types.error();
      }
    }
    defaulter_.apply(type, next, current ? *current : json());
    if (auto rejected = admission.admit(next, fieldValidation(request.query))) return *rejected;
    if (!tracksApply) recordUpdate(current, next, managerContext);
    return next;
  };
  const ObjectKey key{type.groupResource(), request.path.namespaceName, request.path.name};
  if (isDryRun(request.query)) {
    const auto current = store_.get(key);
    if (!current && !applying) return notFound(key.groupResource, key.name);
    return mutate(current ? &*current : nullptr);
  }
  ApiResult<StoredObject> stored = store_.update(key, mutate, applying && subresource.empty());
  if (!stored.ok()) return stored.error();
  created = stored.value().created;
  afterWrite(type, stored.value());
  if (subresource == "scale") return scaleOf(stored.value().object);
  return present(type, stored.value().object);
}

ApiResult<json> ResourceHandler::remove(const ResourceRequest& request) {
  ApiResult<json> options = decodeBody(request.http);
  if (!options.ok()) return options.error();
  const ObjectKey key{request.type.groupResource(), request.path.namespaceName, request.path.name};
  const auto current = store_.get(key);
  if (!current) return notFound(key.groupResource, key.name);
  const json preconditions = options.value().value("preconditions", json::object());
  const std::string wantedVersion = preconditions.value("resourceVersion", "");
  const std::string wantedUid = preconditions.value("uid", "");
  if ((!wantedVersion.empty() && wantedVersion != metadataString(*current, "resourceVersion")) ||
      (!wantedUid.empty() && wantedUid != metadataString(*current, "uid"))) {
    return conflict(key.groupResource, key.name, "the precondition on the object does not hold");
  }
  if (isDryRun(request.query)) return present(request.type, *current);
  std::string policy = options.value().value("propagationPolicy", "");
  if (options.value().value("orphanDependents", false)) policy = "Orphan";
  ApiResult<StoredObject> removed = store_.remove(key);
  if (!removed.ok()) return removed.error();
  if (removed.value().deleted) afterDelete(request.type, removed.value().object, policy);
  return present(request.type, removed.value().object);
}

ApiResult<json> ResourceHandler::removeCollection(const ResourceRequest& request) {
  ApiResult<ObjectFilter> filter = selectorFilter(request);
  if (!filter.ok()) return filter.error();
  const ObjectFilter& selected = filter.value();
  std::vector<ObjectKey> matching;
  store_.snapshot(request.type.groupResource())
      .objects.visitNamespace(request.path.namespaceName, [&](const ObjectId& id, const ObjectPtr& object) {
        if (!selected || selected(object->object())) matching.push_back({request.type.groupResource(), id.first, id.second});
        return true;
      });
  json deleted = json::array();
  for (const ObjectKey& key : matching) {
    ApiResult<StoredObject> removed = store_.remove(key);
    if (!removed.ok()) continue;
    if (removed.value().deleted) afterDelete(request.type, removed.value().object, "Background");
    deleted.push_back(present(request.type, removed.value().object));
  }
  return json{{"kind", request.type.listKind()},
              {"apiVersion", request.type.groupVersion()},
              {"metadata", {{"resourceVersion", std::to_string(store_.resourceVersion())}}},
              {"items", deleted}};
}

void ResourceHandler::afterWrite(const ResourceType& type, const StoredObject& stored) {
  if (stored.deleted) {
    afterDelete(type, stored.object, "Background");
    return;
  }
  if (type.groupResource() == kCrds) crds_.reconcile(stored.object);
  if (simulator_) simulator_->afterWrite(type, stored.object);
}

void ResourceHandler::afterDelete(const ResourceType& type, const json& object, const std::string& propagationPolicy) {
  if (type.groupResource() == kCrds) crds_.removed(object);
  if (type.groupResource() == "namespaces") {
    const std::string namespaceName = metadataString(object, "name");
    for (const GroupVersions& group : registry_.groups()) {
      for (const ResourceType& member : registry_.inGroupVersion(group.group, group.versions.front())) {
        if (member.namespaced) store_.removeAll(member.groupResource(), namespaceName);
      }
    }
    for (const ResourceType& member : registry_.inGroupVersion("", "v1")) {
      if (member.namespaced) store_.removeAll(member.groupResource(), namespaceName);
    }
  }
  if (propagationPolicy == "Orphan") return;
  for (const ObjectKey& dependent : store_.ownedBy(metadataString(object, "uid"))) {
    ApiResult<StoredObject> removed = store_.remove(dependent);
    if (!removed.ok() || !removed.value().deleted) continue;
    if (const auto dependentType = registry_.findByGroupResource(dependent.groupResource)) {
      afterDelete(*dependentType, removed.value().object, propagationPolicy);
    }
  }
}

}  // namespace ho::kube
