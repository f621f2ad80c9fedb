// Kubernetes API errors as values: an ApiError carries the HTTP code, the
// metav1.Status reason and message; ApiResult<T> is a value or an ApiError.
// statusBody() renders the metav1.Status object clients print from.
#pragma once

#include <cstdint>
#include <nlohmann/json.hpp>
#include <string>
#include <string_view>
#include <utility>
#include <variant>

namespace ho::kube {

struct ApiError {
  int code = 500;
  std::string reason;   // NotFound, AlreadyExists, Conflict, Invalid, Expired, ...
  std::string message;
  nlohmann::json details = nlohmann::json::object();
};

template <class T>
class [[nodiscard]] ApiResult {
 public:
  ApiResult(T value) : data_(std::move(value)) {}      // NOLINT(google-explicit-constructor)
  ApiResult(ApiError error) : data_(std::move(error)) {}  // NOLINT(google-explicit-constructor)

  bool ok() const { return data_.index() == 0; }
  T& value() & { return std::get<0>(data_); }
  const T& value() const& { return std::get<0>(data_); }
  T&& value() && { return std::get<0>(std::move(data_)); }
  const ApiError& error() const { return std::get<1>(data_); }

 private:
  std::variant<T, ApiError> data_;
};

// The metav1.Status object for an error.
nlohmann::json statusBody(const ApiError& error);

// `resource` is the qualified resource as Kubernetes prints it:
// "deployments.apps", "configmaps" (core resources carry no group).
ApiError notFound(std::string_view qualifiedResource, std::string_view name);
ApiError alreadyExists(std::string_view qualifiedResource, std::string_view name);
ApiError conflict(std::string_view qualifiedResource, std::string_view name, std::string_view why);
ApiError invalid(std::string_view qualifiedResource, std::string_view name, std::string_view why);
ApiError badRequest(std::string message);
ApiError methodNotAllowed(std::string message);
ApiError unsupportedMediaType(std::string_view contentType);
ApiError expired(std::string message);
// The storage layer's "too large resource version": 504 Timeout with the
// ResourceVersionTooLarge cause for a resourceVersion newer than the newest
// (retryAfterSeconds 0 is left out).
ApiError tooLargeResourceVersion(uint64_t requested, uint64_t current, int retryAfterSeconds);

}  // namespace ho::kube
