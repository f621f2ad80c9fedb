// What the manifest sorter reads from each rendered document (Helm's
// releaseutil.SimpleHead): kind, metadata.name and the two hook annotations,
// after checking that the whole document is YAML that converts to JSON.
#pragma once

#include <optional>
#include <string>
#include <string_view>

#include "core/error.h"

namespace ho::chart {

struct ManifestHead {
  std::string kind;
  std::string name;
  std::optional<std::string> hook;        // metadata.annotations["helm.sh/hook"]
  std::optional<std::string> hookWeight;  // metadata.annotations["helm.sh/hook-weight"]
};

// The head of one document of the template at `path`, or Helm's
// "YAML parse error on PATH: ..." when the document does not parse.
Result<ManifestHead> readManifestHead(std::string_view document, const std::string& path);

}  // namespace ho::chart
