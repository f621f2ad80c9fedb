// SecretRedactor: collecting the scalars of Secret values and masking them in messages.
#include "controller/reconciler/secret_redactor.h"

#include <algorithm>

#include "core/value.h"
#include "encoding/go_yaml.h"

namespace ho::controller {
namespace {

constexpr std::size_t kMinSecretLength = 4;
constexpr std::string_view kMask = "*****";

std::string_view trim(std::string_view text) {
  const auto first = text.find_first_not_of(" \t\r\"'");
  if (first == std::string_view::npos) return {};
  const auto last = text.find_last_not_of(" \t\r\"'");
  return text.substr(first, last - first + 1);
}

// Calls `found` with the text of every scalar leaf under `value`.
template <class Found>
void eachScalar(const Value& value, const Found& found) {
  if (value.isString()) return found(value.asString());
  if (value.isInt()) return found(std::to_string(value.asInt()));
  if (value.isUint()) return found(std::to_string(value.asUint()));
  if (value.isList()) {
    for (const Value& item : value.asList()) eachScalar(item, found);
  } else if (value.isMap()) {
    for (const auto& entry : value.asMap()) eachScalar(entry.second, found);
  }
}

}  // namespace

void SecretRedactor::addSecretText(std::string_view text) {
  addSecret(trim(text));
  auto parsed = encoding::parseYamlTyped(text);
  if (parsed) {
    eachScalar(*parsed, [this](const std::string& scalar) { addSecret(trim(scalar)); });
    return;
  }
  // Not YAML: whatever a parse error could quote (whole lines, and values after a key).
  for (std::size_t start = 0; start < text.size();) {
    const std::size_t end = std::min(text.find('\n', start), text.size());
    const std::string_view line = text.substr(start, end - start);
    addSecret(trim(line));
    if (const auto colon = line.find(':'); colon != std::string_view::npos) addSecret(trim(line.substr(colon + 1)));
    start = end + 1;
  }
}

void SecretRedactor::addSecret(std::string_view secret) {
  if (secret.size() < kMinSecretLength) return;
  if (std::find(secrets_.begin(), secrets_.end(), secret) != secrets_.end()) return;
  secrets_.emplace_back(secret);
  std::stable_sort(secrets_.begin(), secrets_.end(),
                   [](const std::string& a, const std::string& b) { return a.size() > b.size(); });
}

std::string SecretRedactor::redact(std::string message) const {
  for (const std::string& secret : secrets_) {
    for (auto at = message.find(secret); at != std::string::npos; at = message.find(secret, at + kMask.size())) {
      message.replace(at, secret.size(), kMask);
    }
  }
  return message;
}

}  // namespace ho::controller
