// Rendering for the install/upgrade actions (what helm's action.renderResources
// produces), as data rather than `helm template` text: the hooks and the
// manifests in install order, the release manifest text, the notes, and the
// chart after dependency processing (the one a release record stores).
#pragma once

#include <memory>
#include <string>
#include <vector>

#include "chart/capabilities.h"
#include "chart/engine.h"
#include "chart/manifests.h"
#include "chart/values.h"

namespace ho::chart {

struct RenderedRelease {
  std::shared_ptr<Chart> chart;  // the processed clone
  std::vector<Hook> hooks;
  std::vector<Manifest> manifests;  // install order, no hooks
  std::string manifestText;         // "---\n# Source: PATH\nCONTENT\n" per manifest
  std::string notes;                // the top chart's NOTES.txt ("" when none)
};

// `loaded` is not changed. `userValues` are the merged -f/--set values.
Result<RenderedRelease> renderRelease(const Chart& loaded, const Value& userValues, const ReleaseOptions& release,
                                      const Capabilities& capabilities, const EngineOptions& engine = {});

}  // namespace ho::chart
