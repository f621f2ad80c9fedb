// Values coalescing (Helm's chartutil coalesce.go and values.go): chart
// defaults merged under user values, subchart sections scoped by name, globals
// copied down, `null` deleting a default; and the top-level render values
// (.Values, .Release, .Chart, .Capabilities) that ToRenderValues builds.
#pragma once

#include <functional>
#include <memory>
#include <string>
#include <string_view>

#include "chart/capabilities.h"
#include "chart/chart.h"
#include "core/error.h"
#include "core/value.h"

namespace ho::chart {

// Where chart warnings go. Helm logs them with Go's log.Lshortfile flag, so a
// line reads "coalesce.go:237: warning: skipped value for ..."; the sink gets
// that whole line. The default sink writes it to stderr.
using WarningSink = std::function<void(const std::string& line)>;
void setWarningSink(WarningSink sink);
// `goSource` is the Helm 3.17.3 file and line that logs it, e.g. "coalesce.go:237".
void warn(std::string_view goSource, const std::string& message);

// chartutil.CoalesceValues: a copy of `userValues` with the chart's defaults
// (and every subchart's, under its name) filled in; nulls delete keys.
Result<Value> coalesceValues(const Chart& chart, const Value& userValues);
// chartutil.MergeValues: the same but nulls are kept.
Result<Value> mergeValues(const Chart& chart, const Value& userValues);
// chartutil.CoalesceTables / MergeTables: `dst` wins; both are maps and `dst` is changed in place.
Value coalesceTables(Value dst, const Value& src);
Value mergeTables(Value dst, const Value& src);
// Helm's mergeMaps for -f files and --set layers: `overlay` wins, maps merge recursively.
Value mergeMaps(const Value& base, const Value& overlay);

// Values.Table: the map at a dotted path; an Error "\"key\" is not a table" when absent.
Result<Value> valuesTable(const Value& values, std::string_view dottedPath);
// Values.PathValue: the non-table value at a dotted path; Error when absent.
Result<Value> valuesPathValue(const Value& values, std::string_view dottedPath);

// .Release: `helm template --is-upgrade` gives IsUpgrade=true, IsInstall=false.
struct ReleaseOptions {
  std::string name;
  std::string namespace_ = "default";
  int revision = 1;
  bool isUpgrade = false;
  bool isInstall = true;
};

// chartutil.ToRenderValues: a map {Chart, Capabilities, Release, Values}, Values
// coalesced from `userValues` (schema validation is not part of this yet).
Result<Value> toRenderValues(const Chart& chart, const Value& userValues, const ReleaseOptions& options,
                             std::shared_ptr<const Capabilities> capabilities);

}  // namespace ho::chart
