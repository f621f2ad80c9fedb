// The last resourceVersion written per HelmRelease, and whether a cached copy includes it.
#include "controller/reconciler/written_versions.h"

#include <charconv>
#include <optional>

namespace ho::controller {
namespace {

std::string resourceVersionOf(const nlohmann::json& object) {
  const auto metadata = object.find("metadata");
  if (metadata == object.end() || !metadata->is_object()) return {};
  const auto version = metadata->find("resourceVersion");
  return version != metadata->end() && version->is_string() ? version->get<std::string>() : std::string();
}

std::optional<unsigned long long> asNumber(const std::string& version) {
  unsigned long long number = 0;
  const auto [end, error] = std::from_chars(version.data(), version.data() + version.size(), number);
  if (error != std::errc() || end != version.data() + version.size() || version.empty()) return std::nullopt;
  return number;
}

}  // namespace

void WrittenVersions::record(const std::string& key, const nlohmann::json& written) {
  std::string version = resourceVersionOf(written);
  if (version.empty()) return;
  std::lock_guard lock(mutex_);
  versions_[key] = std::move(version);
}

void WrittenVersions::forget(const std::string& key) {
  std::lock_guard lock(mutex_);
  versions_.erase(key);
}

bool WrittenVersions::includesLastWrite(const std::string& key, const nlohmann::json& cached) const {
  const std::string version = resourceVersionOf(cached);
  if (version.empty()) return false;
  std::string written;
  {
    std::lock_guard lock(mutex_);
    const auto found = versions_.find(key);
    if (found == versions_.end()) return true;
    written = found->second;
  }
  if (version == written) return true;
  const std::optional<unsigned long long> cachedNumber = asNumber(version);
  const std::optional<unsigned long long> writtenNumber = asNumber(written);
  return cachedNumber && writtenNumber && *cachedNumber > *writtenNumber;
}

}  // namespace ho::controller
