// metav1.Status bodies and the standard error constructors.
#include "kube/server/api_status.h"

namespace ho::kube {
namespace {

// Splits "deployments.apps" into resource and group for Status.details.
nlohmann::json detailsFor(std::string_view qualifiedResource, std::string_view name) {
  const auto dot = qualifiedResource.find('.');
  nlohmann::json details = {{"name", std::string(name)},
                            {"kind", std::string(qualifiedResource.substr(0, dot))}};
  if (dot != std::string_view::npos) details["group"] = std::string(qualifiedResource.substr(dot + 1));
  return details;
}

std::string quoted(std::string_view qualifiedResource, std::string_view name) {
  return std::string(qualifiedResource) + " \"" + std::string(name) + "\"";
}

}  // namespace

nlohmann::json statusBody(const ApiError& error) {
  nlohmann::json body = {{"kind", "Status"},
                         {"apiVersion", "v1"},
                         {"metadata", nlohmann::json::object()},
                         {"status", "Failure"},
                         {"message", error.message},
                         {"reason", error.reason},
                         {"code", error.code}};
  if (!error.details.empty()) body["details"] = error.details;
  return body;
}

ApiError notFound(std::string_view qualifiedResource, std::string_view name) {
  return {404, "NotFound", quoted(qualifiedResource, name) + " not found", detailsFor(qualifiedResource, name)};
}

ApiError alreadyExists(std::string_view qualifiedResource, std::string_view name) {
  return {409, "AlreadyExists", quoted(qualifiedResource, name) + " already exists",
          detailsFor(qualifiedResource, name)};
}

ApiError conflict(std::string_view qualifiedResource, std::string_view name, std::string_view why) {
  return {409, "Conflict",
          "Operation cannot be fulfilled on " + quoted(qualifiedResource, name) + ": " + std::string(why),
          detailsFor(qualifiedResource, name)};
}

ApiError invalid(std::string_view qualifiedResource, std::string_view name, std::string_view why) {
  return {422, "Invalid", quoted(qualifiedResource, name) + " is invalid: " + std::string(why),
          detailsFor(qualifiedResource, name)};
}

ApiError badRequest(std::string message) { return {400, "BadRequest", std::move(message), {}}; }

ApiError methodNotAllowed(std::string message) { return {405, "MethodNotAllowed", std::move(message), {}}; }

ApiError unsupportedMediaType(std::string_view contentType) {
  return {415, "UnsupportedMediaType", "the body of the request was in an unknown format: " + std::string(contentType),
          {}};
}

ApiError expired(std::string message) { return {410, "Expired", std::move(message), {}}; }

ApiError tooLargeResourceVersion(uint64_t requested, uint64_t current, int retryAfterSeconds) {
  nlohmann::json details = {{"causes", {{{"reason", "ResourceVersionTooLarge"}, {"message", "Too large resource version"}}}}};
  if (retryAfterSeconds > 0) details["retryAfterSeconds"] = retryAfterSeconds;
  return {504, "Timeout",
          "Timeout: Too large resource version: " + std::to_string(requested) + ", current: " + std::to_string(current),
          std::move(details)};
}

}  // namespace ho::kube
