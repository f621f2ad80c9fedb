// Rendered output to `helm template` text: releaseutil's SplitManifests and
// SortManifests (InstallOrder, hooks apart), then the printing done by
// action.renderResources and cmd/helm/template.go (CRDs, manifests, hooks, --show-only).
#include "chart/manifests.h"

#include <re2/re2.h>

#include <algorithm>
#include <optional>
#include <set>

#include "chart/ascii_space.h"
#include "chart/glob.h"
#include "chart/manifest_head.h"
#include "chart/values.h"

namespace ho::chart {
namespace {

const std::vector<std::string>& installOrder() {
  static const std::vector<std::string> order = {"PriorityClass",
                                                 "Namespace",
                                                 "NetworkPolicy",
                                                 "ResourceQuota",
                                                 "LimitRange",
                                                 "PodSecurityPolicy",
                                                 "PodDisruptionBudget",
                                                 "ServiceAccount",
                                                 "Secret",
                                                 "SecretList",
                                                 "ConfigMap",
                                                 "StorageClass",
                                                 "PersistentVolume",
                                                 "PersistentVolumeClaim",
                                                 "CustomResourceDefinition",
                                                 "ClusterRole",
                                                 "ClusterRoleList",
                                                 "ClusterRoleBinding",
                                                 "ClusterRoleBindingList",
                                                 "Role",
                                                 "RoleList",
                                                 "RoleBinding",
                                                 "RoleBindingList",
                                                 "Service",
                                                 "DaemonSet",
                                                 "Pod",
                                                 "ReplicationController",
                                                 "ReplicaSet",
                                                 "Deployment",
                                                 "HorizontalPodAutoscaler",
                                                 "StatefulSet",
                                                 "Job",
                                                 "CronJob",
                                                 "IngressClass",
                                                 "Ingress",
                                                 "APIService"};
  return order;
}

const std::set<std::string>& hookEvents() {
  static const std::set<std::string> events = {"pre-install", "post-install", "pre-delete",   "post-delete",
                                               "pre-upgrade", "post-upgrade", "pre-rollback", "post-rollback",
                                               "test",        "test-success"};
  return events;
}


std::string lower(std::string s) {
  for (char& c : s) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return s;
}

std::vector<std::string> splitCommas(const std::string& s) {
  std::vector<std::string> parts;
  std::size_t start = 0;
  while (true) {
    std::size_t comma = s.find(',', start);
    parts.push_back(s.substr(start, comma == std::string::npos ? std::string::npos : comma - start));
    if (comma == std::string::npos) return parts;
    start = comma + 1;
  }
}

// lessByKind: known kinds by install order, unknown kinds after them alphabetically.
bool lessByKind(const std::string& a, const std::string& b) {
  const auto& order = installOrder();
  auto ia = std::find(order.begin(), order.end(), a);
  auto ib = std::find(order.begin(), order.end(), b);
  bool aKnown = ia != order.end(), bKnown = ib != order.end();
  if (!aKnown && !bKnown) return a < b;
  if (!aKnown) return false;
  if (!bKnown) return true;
  return ia < ib;
}

int hookWeight(const ManifestHead& head) {
  if (!head.hookWeight) return 0;
  try {
    std::size_t used = 0;
    int weight = std::stoi(*head.hookWeight, &used);
    return used == head.hookWeight->size() ? weight : 0;
  } catch (const std::exception&) {
    return 0;
  }
}

// Sorts one rendered file's documents into hooks and plain manifests.
Result<void> sortFile(const std::string& path, const std::string& content, SortedManifests& out) {
  for (std::string& document : splitManifests(content)) {
    auto head = readManifestHead(document, path);
    if (!head) return head.error();
    if (!head->hook) {
      out.manifests.push_back(Manifest{path, std::move(document), head->kind});
      continue;
    }
    Hook hook{head->name, head->kind, path, std::move(document), {}, hookWeight(*head)};
    bool unknown = false;
    for (const std::string& type : splitCommas(*head->hook)) {
      std::string event = lower(std::string(trimSpace(type)));
      if (!hookEvents().contains(event)) {
        unknown = true;
        break;
      }
      hook.events.push_back(event == "test-success" ? "test" : event);
    }
    if (unknown) {
      warn("manifest_sorter.go:190", "info: skipping unknown hook: \"" + *head->hook + "\"");
      continue;
    }
    out.hooks.push_back(std::move(hook));
  }
  return {};
}

bool isTestHook(const Hook& hook) {
  return std::find(hook.events.begin(), hook.events.end(), "test") != hook.events.end();
}

void writeDocument(const TextSink& out, const std::string& source, std::string_view content) {
  out("---\n# Source: ");
  out(source);
  out("\n");
  out(content);
  out("\n");
}

// Passes text on to a sink but holds back trailing whitespace until more text
// follows, so what reaches the sink ends as if the whole had been right-trimmed.
class RightTrimmingSink {
 public:
  explicit RightTrimmingSink(const TextSink& sink) : sink_(sink) {}
  void operator()(std::string_view piece) {
    auto last = piece.find_last_not_of(kAsciiSpace);
    if (last == std::string_view::npos) {
      held_ += piece;
      return;
    }
    if (!held_.empty()) sink_(held_);
    sink_(piece.substr(0, last + 1));
    held_.assign(piece.substr(last + 1));
  }

 private:
  const TextSink& sink_;
  std::string held_;
};

bool isNotes(const std::string& path) { return path.ends_with("NOTES.txt"); }

// --show-only: documents whose "# Source: chart/<path>" matches a pattern, per pattern in order.
Result<std::string> filterShowOnly(const std::string& output, const std::vector<std::string>& patterns) {
  static const RE2 sourceLine("# Source: [^/]+/(.+)");
  std::vector<std::string> documents = splitManifests(output);
  std::string out;
  for (const std::string& pattern : patterns) {
    bool missing = true;
    for (const std::string& document : documents) {
      std::string name;
      if (!RE2::PartialMatch(document, sourceLine, &name)) continue;
      auto matched = pathMatch(pattern, name);
      if (!matched.ok() || !*matched) continue;
      out += "---\n" + document + "\n";
      missing = false;
    }
    if (missing) return Error{"could not find template " + pattern + " in chart"};
  }
  return out;
}

}  // namespace

namespace {

// releaseutil's separator, the regexp (?:^|\s*\n)---\s*, at its leftmost
// match at or after `from`: [start, end), or nullopt. (\s is [\t\n\f\r ].)
std::optional<std::pair<std::size_t, std::size_t>> findSeparator(std::string_view text, std::size_t from) {
  auto isSpace = [](char c) { return c == ' ' || c == '\t' || c == '\n' || c == '\f' || c == '\r'; };
  auto spacesEnd = [&](std::size_t i) {
    while (i < text.size() && isSpace(text[i])) ++i;
    return i;
  };
  if (from == 0 && text.starts_with("---")) return std::pair{std::size_t{0}, spacesEnd(3)};
  std::size_t newline = text.find("\n---", from);
  if (newline == std::string_view::npos) return std::nullopt;
  std::size_t start = newline;
  while (start > from && isSpace(text[start - 1])) --start;
  return std::pair{start, spacesEnd(newline + 4)};
}

}  // namespace

std::vector<std::string> splitManifests(std::string_view text) {
  std::string_view whole = trimSpace(text);
  std::vector<std::string> documents;
  auto keep = [&documents](std::string_view piece) {
    if (!piece.empty()) documents.emplace_back(trimSpace(piece));
  };
  std::size_t begin = 0;
  while (auto separator = findSeparator(whole, begin)) {
    keep(whole.substr(begin, separator->first - begin));
    begin = separator->second;
  }
  keep(whole.substr(begin));
  return documents;
}

Result<SortedManifests> sortRenderedFiles(std::map<std::string, std::string> renderedFiles) {
  SortedManifests sorted;
  while (!renderedFiles.empty()) {  // std::map: by path, as Helm sorts them; each text freed once split
    auto file = renderedFiles.extract(renderedFiles.begin());
    const std::string& path = file.key();
    auto slash = path.rfind('/');
    std::string_view base =
        slash == std::string::npos ? std::string_view(path) : std::string_view(path).substr(slash + 1);
    if (isNotes(path) || base.starts_with("_") || trimSpace(file.mapped()).empty()) continue;
    if (auto r = sortFile(path, file.mapped(), sorted); !r) return r.error();
  }
  std::stable_sort(sorted.manifests.begin(), sorted.manifests.end(),
                   [](const Manifest& a, const Manifest& b) { return lessByKind(a.kind, b.kind); });
  std::stable_sort(sorted.hooks.begin(), sorted.hooks.end(),
                   [](const Hook& a, const Hook& b) { return lessByKind(a.kind, b.kind); });
  return sorted;
}

Result<void> writeSortedOutput(const Chart& chart, const SortedManifests& sorted, const TemplateOutputOptions& options,
                               const TextSink& out) {
  if (!options.showOnly.empty()) {
    std::string whole;
    TemplateOutputOptions all = options;
    all.showOnly.clear();
    if (auto written = writeSortedOutput(chart, sorted, all, [&whole](std::string_view piece) { whole += piece; });
        !written) {
      return written.error();
    }
    auto shown = filterShowOnly(whole, options.showOnly);
    if (!shown) return shown.error();
    out(*shown);
    return {};
  }
  {
    RightTrimmingSink manifests(out);
    TextSink trimmed = std::ref(manifests);
    if (options.includeCrds) {
      for (const CrdFile& crd : chart.crdObjects()) writeDocument(trimmed, crd.filename, crd.file->data);
    }
    for (const Manifest& m : sorted.manifests) writeDocument(trimmed, m.name, m.content);
  }
  out("\n");
  if (!options.disableHooks) {
    for (const Hook& hook : sorted.hooks) {
      if (options.skipTests && isTestHook(hook)) continue;
      writeDocument(out, hook.path, hook.manifest);
    }
  }
  return {};
}

Result<std::string> formatTemplateOutput(const Chart& chart, const std::map<std::string, std::string>& renderedFiles,
                                         const TemplateOutputOptions& options) {
  auto sorted = sortRenderedFiles(renderedFiles);
  if (!sorted) return sorted.error();
  std::string output;
  auto written = writeSortedOutput(chart, *sorted, options, [&output](std::string_view piece) { output += piece; });
  if (!written) return written.error();
  return output;
}

std::string collectNotes(const Chart& chart, const std::map<std::string, std::string>& renderedFiles, bool subNotes) {
  std::string notes;
  std::string topNotes = chart.name() + "/templates/NOTES.txt";
  for (const auto& [path, content] : renderedFiles) {
    if (!isNotes(path) || (!subNotes && path != topNotes)) continue;
    if (!notes.empty()) notes += "\n";
    notes += content;
  }
  return notes;
}

}  // namespace ho::chart
