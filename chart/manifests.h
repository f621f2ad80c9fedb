// Splitting and ordering rendered manifests like Helm's releaseutil
// (SplitManifests, SortManifests, InstallOrder) and printing them exactly as
// `helm template` does: CRDs (--include-crds), sorted manifests, then hooks,
// each as "---\n# Source: path\n<content>\n", with --show-only and --skip-tests.
#pragma once

#include <functional>
#include <map>
#include <string>
#include <string_view>
#include <vector>

#include "chart/chart.h"
#include "core/error.h"

namespace ho::chart {

struct Manifest {
  std::string name;     // "chart/templates/x.yaml"
  std::string content;  // one YAML document, trimmed
  std::string kind;
};

struct Hook {
  std::string name;  // metadata.name
  std::string kind;
  std::string path;  // the template path
  std::string manifest;
  std::vector<std::string> events;  // "pre-install", "test", ...
  int weight = 0;
};

struct SortedManifests {
  std::vector<Hook> hooks;
  std::vector<Manifest> manifests;
};

// releaseutil.SplitManifests: documents of a rendered file in order, trimmed, empties dropped.
std::vector<std::string> splitManifests(std::string_view text);

struct TemplateOutputOptions {
  bool includeCrds = false;
  bool skipTests = false;
  bool disableHooks = false;
  std::vector<std::string> showOnly;  // --show-only patterns
};

// Helm's renderResources step (releaseutil.SortManifests with InstallOrder):
// the rendered files without NOTES.txt, partials ("_x") and blank files, split
// into documents, hooks separated, ordered by kind. Takes the files over and
// frees each one's text once it is split. Errors: "YAML parse error on PATH: ...".
Result<SortedManifests> sortRenderedFiles(std::map<std::string, std::string> renderedFiles);

// Receives output text piece by piece, in order.
using TextSink = std::function<void(std::string_view)>;

// Writes the stdout of `helm template` for sorted manifests to `out` as it goes
// (a large chart's output is never held whole, except for --show-only, which
// needs all of it first); errors only for --show-only misses, before anything
// is written.
Result<void> writeSortedOutput(const Chart& chart, const SortedManifests& sorted, const TemplateOutputOptions& options,
                               const TextSink& out);

// sortRenderedFiles then writeSortedOutput, collected in a string: the stdout
// of `helm template` for the engine's output `renderedFiles` (path -> text,
// NOTES.txt and partials included; they are dropped). On a YAML parse error
// the Error carries Helm's message.
Result<std::string> formatTemplateOutput(const Chart& chart, const std::map<std::string, std::string>& renderedFiles,
                                         const TemplateOutputOptions& options);

// The rendered NOTES.txt of the top chart (or all charts when `subNotes`), as
// helm install prints it; notes files are those ending in "NOTES.txt".
std::string collectNotes(const Chart& chart, const std::map<std::string, std::string>& renderedFiles, bool subNotes);

}  // namespace ho::chart
