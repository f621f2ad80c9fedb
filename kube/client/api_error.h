// Errors a Kubernetes client meets, as values: the HTTP code, the
// metav1.Status reason and message the server sent, or a transport failure
// (connection refused, TLS, timeout) with code 0. ApiResult<T> is a value or
// an ApiError; the predicates name the cases callers branch on.
#pragma once

#include <string>
#include <string_view>
#include <utility>
#include <variant>

#include "core/error.h"

namespace ho::kube::client {

struct ApiError {
  int code = 0;            // HTTP status; 0 for a transport failure
  std::string reason;      // NotFound, AlreadyExists, Conflict, Expired, Invalid, TooManyRequests, ...
  std::string message;     // the server's Status message, or what went wrong locally
  int retryAfterSeconds = 0;  // from a Retry-After header or Status details

  bool isTransport() const { return code == 0; }
  bool neverSent() const { return code == 0 && reason == "Dial"; }
  bool isNotFound() const { return code == 404; }
  bool isAlreadyExists() const { return code == 409 && reason == "AlreadyExists"; }
  bool isConflict() const { return code == 409 && reason != "AlreadyExists"; }
  bool isGone() const { return code == 410 || reason == "Expired" || reason == "Gone"; }
  bool isInvalid() const { return code == 422; }
  bool isTooManyRequests() const { return code == 429; }
  bool isServerError() const { return code >= 500; }
  // Worth retrying unchanged: throttling, server errors, broken connections.
  bool isRetryable() const { return isTransport() || isTooManyRequests() || isServerError(); }
};

// A value or an ApiError.
template <class T>
using ApiResult = Result<T, ApiError>;

// The error for a non-2xx answer: reason and message from a metav1.Status
// body when there is one, else the HTTP reason phrase and the body text.
ApiError errorFromResponse(int code, std::string_view body, std::string_view retryAfterHeader = {});
// A transport failure (code 0). `reason` "Dial" marks a request that never
// reached the server (always safe to retry); "Transport" one that may have.
ApiError transportError(std::string message, std::string reason = "Transport");

}  // namespace ho::kube::client
