// diffReleaseManifests: object matching and a line diff (LCS on the part
// between the common prefix and suffix).
#include "cli/manifest_diff.h"

#include <algorithm>
#include <cstddef>
#include <cstdint>
#include <map>
#include <sstream>

#include "chart/manifests.h"
#include "encoding/go_yaml.h"

namespace ho::cli {
namespace {

// Past this many cells the changed middle is shown as removed then added.
constexpr std::size_t kMaxTableCells = 4'000'000;

std::vector<std::string> splitLines(std::string_view text) {
  std::vector<std::string> lines;
  std::size_t start = 0;
  while (start < text.size()) {
    const std::size_t end = text.find('\n', start);
    if (end == std::string_view::npos) {
      lines.emplace_back(text.substr(start));
      break;
    }
    lines.emplace_back(text.substr(start, end - start));
    start = end + 1;
  }
  return lines;
}

std::string stringField(const Value& map, std::string_view key) {
  const Value* field = map.isMap() ? map.find(key) : nullptr;
  return field != nullptr && field->isString() ? field->asString() : std::string();
}

// "NAMESPACE, NAME, KIND (APIVERSION)" for each document of a manifest.
std::map<std::string, std::string> documentsByObject(std::string_view manifest, const std::string& releaseNamespace) {
  std::map<std::string, std::string> documents;
  for (const std::string& document : chart::splitManifests(manifest)) {
    auto parsed = encoding::parseYaml(document);
    const Value object = parsed ? *parsed : Value();
    const Value* metadata = object.isMap() ? object.find("metadata") : nullptr;
    const Value none;
    std::string ns = stringField(metadata ? *metadata : none, "namespace");
    if (ns.empty()) ns = releaseNamespace;
    const std::string key = ns + ", " + stringField(metadata ? *metadata : none, "name") + ", " +
                            stringField(object, "kind") + " (" + stringField(object, "apiVersion") + ")";
    documents[key] = document;
  }
  return documents;
}

// LCS on before[lo..bEnd) x after[lo..aEnd), appended to `out`.
void diffMiddle(const std::vector<std::string>& before, const std::vector<std::string>& after, std::size_t lo,
                std::size_t beforeEnd, std::size_t afterEnd, std::vector<DiffLine>& out) {
  const std::size_t n = beforeEnd - lo;
  const std::size_t m = afterEnd - lo;
  if (n * m > kMaxTableCells) {
    for (std::size_t i = lo; i < beforeEnd; ++i) out.push_back({LineChange::Removed, before[i]});
    for (std::size_t j = lo; j < afterEnd; ++j) out.push_back({LineChange::Added, after[j]});
    return;
  }
  // common[i][j]: LCS length of before[lo+i..] and after[lo+j..].
  std::vector<std::vector<std::uint32_t>> common(n + 1, std::vector<std::uint32_t>(m + 1, 0));
  for (std::size_t i = n; i-- > 0;) {
    for (std::size_t j = m; j-- > 0;) {
      common[i][j] = before[lo + i] == after[lo + j] ? common[i + 1][j + 1] + 1
                                                     : std::max(common[i + 1][j], common[i][j + 1]);
    }
  }
  std::size_t i = 0;
  std::size_t j = 0;
  while (i < n || j < m) {
    if (i < n && j < m && before[lo + i] == after[lo + j]) {
      out.push_back({LineChange::Same, before[lo + i]});
      ++i, ++j;
    } else if (i < n && (j == m || common[i + 1][j] >= common[i][j + 1])) {
      out.push_back({LineChange::Removed, before[lo + i++]});
    } else {
      out.push_back({LineChange::Added, after[lo + j++]});
    }
  }
}

// The lines to print: all of them, or the changes with `context` lines around
// them and "..." for each run left out.
void printLines(const std::vector<DiffLine>& lines, int context, std::ostringstream& out) {
  std::vector<bool> shown(lines.size(), context < 0);
  for (std::size_t i = 0; context >= 0 && i < lines.size(); ++i) {
    if (lines[i].change == LineChange::Same) continue;
    const std::size_t from = i >= static_cast<std::size_t>(context) ? i - context : 0;
    const std::size_t to = std::min(lines.size(), i + context + 1);
    std::fill(shown.begin() + static_cast<std::ptrdiff_t>(from), shown.begin() + static_cast<std::ptrdiff_t>(to), true);
  }
  for (std::size_t i = 0; i < lines.size(); ++i) {
    if (!shown[i]) {
      if (i == 0 || shown[i - 1]) out << "...\n";
      continue;
    }
    out << static_cast<char>(lines[i].change) << ' ' << lines[i].text << '\n';
  }
}

}  // namespace

std::vector<DiffLine> diffLines(const std::vector<std::string>& before, const std::vector<std::string>& after) {
  std::size_t prefix = 0;
  while (prefix < before.size() && prefix < after.size() && before[prefix] == after[prefix]) ++prefix;
  std::size_t suffix = 0;
  while (suffix < before.size() - prefix && suffix < after.size() - prefix &&
         before[before.size() - 1 - suffix] == after[after.size() - 1 - suffix]) {
    ++suffix;
  }
  std::vector<DiffLine> lines;
  for (std::size_t i = 0; i < prefix; ++i) lines.push_back({LineChange::Same, before[i]});
  diffMiddle(before, after, prefix, before.size() - suffix, after.size() - suffix, lines);
  for (std::size_t i = before.size() - suffix; i < before.size(); ++i) lines.push_back({LineChange::Same, before[i]});
  return lines;
}

std::string diffReleaseManifests(std::string_view current, std::string_view proposed,
                                 const std::string& releaseNamespace, int context) {
  const auto before = documentsByObject(current, releaseNamespace);
  const auto after = documentsByObject(proposed, releaseNamespace);
  std::map<std::string, std::pair<const std::string*, const std::string*>> objects;
  for (const auto& [key, text] : before) objects[key].first = &text;
  for (const auto& [key, text] : after) objects[key].second = &text;

  std::ostringstream out;
  static const std::string kNothing;
  for (const auto& [key, texts] : objects) {
    const auto& [old, now] = texts;
    if (old != nullptr && now != nullptr && *old == *now) continue;
    const char* what = old == nullptr ? "has been added" : now == nullptr ? "has been removed" : "has changed";
    out << key << ' ' << what << ":\n";
    printLines(diffLines(splitLines(old ? *old : kNothing), splitLines(now ? *now : kNothing)),
               old != nullptr && now != nullptr ? context : -1, out);
  }
  return out.str();
}

}  // namespace ho::cli
