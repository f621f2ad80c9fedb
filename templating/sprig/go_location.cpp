// TZif reading and zone lookup for GoLocation.
#include "templating/sprig/go_location.h"

#include <algorithm>
#include <cstdlib>
#include <fstream>
#include <iterator>
#include <map>
#include <mutex>

namespace ho::tmpl {

namespace {

constexpr const char* kZoneinfoDir = "/usr/share/zoneinfo/";

std::int64_t readBigEndian(const std::string& data, std::size_t at, int bytes) {
  std::uint64_t value = 0;
  for (int i = 0; i < bytes; ++i) value = (value << 8) | static_cast<unsigned char>(data[at + static_cast<std::size_t>(i)]);
  if (bytes == 4) return static_cast<std::int32_t>(static_cast<std::uint32_t>(value));
  return static_cast<std::int64_t>(value);
}

bool validZoneName(std::string_view name) {
  return !name.empty() && name.front() != '/' && name.find("..") == std::string_view::npos;
}

}  // namespace

std::shared_ptr<const GoLocation> GoLocation::utc() {
  static const auto location = [] {
    auto l = std::make_shared<GoLocation>();
    l->name_ = "UTC";
    l->zones_.push_back({"UTC", 0});
    return l;
  }();
  return location;
}

std::shared_ptr<const GoLocation> GoLocation::fixed(std::string abbreviation, int offsetSeconds) {
  auto l = std::make_shared<GoLocation>();
  l->name_ = abbreviation;
  l->zones_.push_back({std::move(abbreviation), offsetSeconds});
  return l;
}

std::shared_ptr<const GoLocation> GoLocation::fromTzif(std::string name, const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) return nullptr;
  const std::string data((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
  if (data.size() < 44 || data.compare(0, 4, "TZif") != 0) return nullptr;
  auto counts = [&](std::size_t header) {
    std::vector<std::int64_t> c;
    for (int i = 0; i < 6; ++i) c.push_back(readBigEndian(data, header + 20 + static_cast<std::size_t>(i) * 4, 4));
    return c;  // isutcnt, isstdcnt, leapcnt, timecnt, typecnt, charcnt
  };
  std::size_t header = 0;
  auto c = counts(header);
  int timeBytes = 4;
  if (data[4] >= '2') {  // skip the 32-bit block, read the 64-bit one
    header = 44 + static_cast<std::size_t>(c[3] * 5 + c[4] * 6 + c[5] + c[2] * 8 + c[1] + c[0]);
    if (data.size() < header + 44) return nullptr;
    c = counts(header);
    timeBytes = 8;
  }
  const auto timecnt = static_cast<std::size_t>(c[3]);
  const auto typecnt = static_cast<std::size_t>(c[4]);
  const auto charcnt = static_cast<std::size_t>(c[5]);
  std::size_t at = header + 44;
  const std::size_t timesAt = at;
  const std::size_t indexesAt = timesAt + timecnt * static_cast<std::size_t>(timeBytes);
  const std::size_t typesAt = indexesAt + timecnt;
  const std::size_t charsAt = typesAt + typecnt * 6;
  if (data.size() < charsAt + charcnt) return nullptr;
  auto l = std::make_shared<GoLocation>();
  l->name_ = std::move(name);
  for (std::size_t i = 0; i < typecnt; ++i) {
    const std::size_t t = typesAt + i * 6;
    const auto offset = static_cast<int>(readBigEndian(data, t, 4));
    const auto abbreviationAt = static_cast<unsigned char>(data[t + 5]);
    const std::string abbreviation = data.c_str() + charsAt + abbreviationAt;
    l->zones_.push_back({abbreviation, offset});
  }
  for (std::size_t i = 0; i < timecnt; ++i) {
    l->transitions_.push_back({readBigEndian(data, timesAt + i * static_cast<std::size_t>(timeBytes), timeBytes),
                               static_cast<unsigned char>(data[indexesAt + i])});
  }
  if (l->zones_.empty()) return nullptr;
  return l;
}

std::shared_ptr<const GoLocation> GoLocation::local() {
  static const auto location = [] {
    std::shared_ptr<const GoLocation> found;
    const char* tz = std::getenv("TZ");
    if (tz != nullptr) {
      std::string_view name(tz);
      if (!name.empty() && name.front() == ':') name.remove_prefix(1);
      if (name.empty() || name == "UTC") return fixed("UTC", 0);
      if (validZoneName(name)) found = fromTzif("Local", kZoneinfoDir + std::string(name));
    } else {
      found = fromTzif("Local", "/etc/localtime");
    }
    if (found == nullptr) return fixed("UTC", 0);
    return found;
  }();
  return location;
}

std::shared_ptr<const GoLocation> GoLocation::load(std::string_view name) {
  if (name.empty() || name == "UTC") return utc();
  if (name == "Local") return local();
  if (!validZoneName(name)) return nullptr;
  static std::mutex mutex;
  static std::map<std::string, std::shared_ptr<const GoLocation>, std::less<>> cache;
  std::lock_guard lock(mutex);
  auto it = cache.find(name);
  if (it != cache.end()) return it->second;
  auto loaded = fromTzif(std::string(name), kZoneinfoDir + std::string(name));
  cache.emplace(std::string(name), loaded);
  return loaded;
}

GoZone GoLocation::zoneAt(std::int64_t unixSeconds) const {
  auto after = std::upper_bound(transitions_.begin(), transitions_.end(), unixSeconds,
                                [](std::int64_t t, const Transition& tr) { return t < tr.at; });
  if (after == transitions_.begin()) {
    // Before the first transition Go uses the first standard-time zone; zone 0 is a fair stand-in.
    return zones_.front();
  }
  return zones_[std::prev(after)->zone];
}

std::optional<int> GoLocation::offsetOf(std::string_view abbreviation, std::int64_t unixSeconds) const {
  // Prefer the zone in effect at the time if it has that name, then any zone with it.
  for (const GoZone& zone : zones_) {
    if (zone.abbreviation == abbreviation &&
        zoneAt(unixSeconds - zone.offsetSeconds).abbreviation == abbreviation) {
      return zone.offsetSeconds;
    }
  }
  for (const GoZone& zone : zones_) {
    if (zone.abbreviation == abbreviation) return zone.offsetSeconds;
  }
  return std::nullopt;
}

}  // namespace ho::tmpl
