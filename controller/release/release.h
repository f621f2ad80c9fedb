// The Helm 3 release record (helm's pkg/release: Release, Info, Hook) and its
// JSON form, field for field in the order and with the omissions Go's
// encoding/json produces for those structs, so that the real helm reads what
// we write and we read what it wrote.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "chart/chart.h"
#include "core/error.h"
#include "core/value.h"

namespace ho::controller {

// release.Status values.
namespace status {
inline constexpr std::string_view kUnknown = "unknown";
inline constexpr std::string_view kDeployed = "deployed";
inline constexpr std::string_view kUninstalled = "uninstalled";
inline constexpr std::string_view kSuperseded = "superseded";
inline constexpr std::string_view kFailed = "failed";
inline constexpr std::string_view kUninstalling = "uninstalling";
inline constexpr std::string_view kPendingInstall = "pending-install";
inline constexpr std::string_view kPendingUpgrade = "pending-upgrade";
inline constexpr std::string_view kPendingRollback = "pending-rollback";
}  // namespace status

bool isPendingStatus(std::string_view releaseStatus);

// Times are kept as Go prints them (RFC 3339 with nanoseconds, trailing zeros
// trimmed); "" is the zero time, which helm's time type writes as "".
struct ReleaseInfo {
  std::string firstDeployed;
  std::string lastDeployed;
  std::string deleted;
  std::string description;
  std::string status = std::string(status::kUnknown);
  std::string notes;
};

struct HookExecution {
  std::string startedAt;
  std::string completedAt;
  std::string phase;  // Unknown, Running, Succeeded, Failed ("" before the first run)
};

struct HookRecord {
  std::string name;
  std::string kind;
  std::string path;
  std::string manifest;
  std::vector<std::string> events;
  HookExecution lastRun;
  int weight = 0;
  std::vector<std::string> deletePolicies;
};

struct Release {
  std::string name;
  ReleaseInfo info;
  Value chart;   // the chart record: {metadata, lock, templates, values, schema, files}
  Value config;  // the user-supplied values (a map; nil or empty is omitted)
  std::string manifest;
  std::vector<HookRecord> hooks;
  int version = 0;
  std::string namespace_;
};

// The chart as helm stores it in a release (subcharts are not stored).
Value chartRecord(const chart::Chart& chart);
// Fields of a chart record: "name", "version", "appVersion" of its metadata.
std::string chartMetadataField(const Release& release, std::string_view field);

// json.Marshal(release).
std::string encodeReleaseJson(const Release& release);
// json.Unmarshal into release.Release.
Result<Release> decodeReleaseJson(std::string_view json);

// The storage form: base64(gzip(JSON)), what the Secret's data.release holds.
Result<std::string> encodeRelease(const Release& release);
// Accepts gzipped and plain JSON payloads, as helm's decodeRelease does.
Result<Release> decodeRelease(std::string_view base64Text);

// The current time as helm writes it ("2026-11-27T00:28:08.233947353Z").
std::string nowTimestamp();

}  // namespace ho::controller
