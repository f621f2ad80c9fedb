// Turning HTTP answers into ApiErrors from the server's metav1.Status.
#include "kube/client/api_error.h"

#include <charconv>
#include <nlohmann/json.hpp>

namespace ho::kube::client {

namespace {

std::string reasonForCode(int code) {
  switch (code) {
    case 400: return "BadRequest";
    case 401: return "Unauthorized";
    case 403: return "Forbidden";
    case 404: return "NotFound";
    case 405: return "MethodNotAllowed";
    case 409: return "Conflict";
    case 410: return "Gone";
    case 415: return "UnsupportedMediaType";
    case 422: return "Invalid";
    case 429: return "TooManyRequests";
    case 500: return "InternalError";
    case 503: return "ServiceUnavailable";
    case 504: return "Timeout";
    default: return code >= 500 ? "InternalError" : "Unknown";
  }
}

int parseSeconds(std::string_view text) {
  int seconds = 0;
  std::from_chars(text.data(), text.data() + text.size(), seconds);
  return seconds;
}

}  // namespace

ApiError errorFromResponse(int code, std::string_view body, std::string_view retryAfterHeader) {
  ApiError error;
  error.code = code;
  error.retryAfterSeconds = parseSeconds(retryAfterHeader);
  const auto status = nlohmann::json::parse(body, nullptr, false);
  if (status.is_object() && status.value("kind", "") == "Status") {
    error.reason = status.value("reason", "");
    error.message = status.value("message", "");
    if (const auto details = status.find("details"); details != status.end() && details->is_object()) {
      if (error.retryAfterSeconds == 0) error.retryAfterSeconds = details->value("retryAfterSeconds", 0);
    }
  }
  if (error.reason.empty()) error.reason = reasonForCode(code);
  if (error.message.empty()) {
    error.message = body.empty() ? "the server responded with status " + std::to_string(code) : std::string(body);
  }
  return error;
}

ApiError transportError(std::string message, std::string reason) {
  ApiError error;
  error.reason = std::move(reason);
  error.message = std::move(message);
  return error;
}

}  // namespace ho::kube::client
