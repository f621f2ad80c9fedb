// Cutting a block-layout index into parts and reading them in parallel (see
// index_parts.h).
#include "chart/repo/index_parts.h"

#include <algorithm>
#include <system_error>
#include <thread>
#include <vector>

#include "chart/repo/index_stream.h"

namespace ho::chart::repo {
namespace {

constexpr std::size_t kMinPartBytes = std::size_t{4} << 20;
constexpr unsigned kMaxParts = 8;

// Where the entries' lines are: [begin, end) follows the "entries:" line and
// ends before the column-0 lines that close the document's mapping.
struct EntriesSpan {
  std::size_t begin = 0;
  std::size_t end = 0;
};

// The first "entries:" at the start of a line must be alone on its line.
std::optional<EntriesSpan> findEntries(std::string_view text) {
  constexpr std::string_view key = "entries:";
  std::size_t at = 0;
  while ((at = text.find(key, at)) != std::string_view::npos && at != 0 && text[at - 1] != '\n') ++at;
  if (at == std::string_view::npos) return std::nullopt;
  std::size_t after = at + key.size();
  if (after < text.size() && text[after] == '\r') ++after;
  if (after >= text.size() || text[after] != '\n') return std::nullopt;
  EntriesSpan span{after + 1, text.size()};
  // Back over the trailing lines that do not start indented.
  while (span.end > span.begin) {
    std::size_t newline = span.end >= 2 ? text.rfind('\n', span.end - 2) : std::string_view::npos;
    std::size_t lineStart = newline == std::string_view::npos ? 0 : newline + 1;
    if (lineStart < span.begin) break;
    char first = text[lineStart];
    if (first == ' ' || first == '\t') break;
    if (first == '-') return std::nullopt;  // a sequence at column 0 would be entries' value, not a new key
    span.end = lineStart;
  }
  return span.end > span.begin ? std::optional(span) : std::nullopt;
}

// Whether a line whose first byte (at some column) is `c` has content there:
// not a blank, a comment or a line break.
bool startsContent(char c) { return c != ' ' && c != '\t' && c != '#' && c != '\n' && c != '\r'; }

// A line of `text` starting at column 0 with anything but a comment: a
// document marker, a top-level key or the rest of a scalar, none of which a
// part can be read without.
bool hasColumnZeroContent(std::string_view text) {
  if (!text.empty() && startsContent(text[0])) return true;
  for (std::size_t newline = text.find('\n'); newline != std::string_view::npos && newline + 1 < text.size();
       newline = text.find('\n', newline + 1)) {
    if (startsContent(text[newline + 1])) return true;
  }
  return false;
}

// The start of the first chart key line ("  name:") at or after `from`.
std::size_t nextChartKey(std::string_view text, std::size_t from) {
  for (std::size_t at = text.find("\n  ", from); at != std::string_view::npos; at = text.find("\n  ", at + 1)) {
    if (at + 3 >= text.size()) break;
    const char first = text[at + 3];
    if (startsContent(first) && first != '-') return at + 1;  // not a sequence item of the chart above
  }
  return std::string_view::npos;
}

std::optional<IndexFile> readPart(const SharedText& part) {
  if (hasColumnZeroContent(part.view())) return std::nullopt;
  return streamIndexPart(part);
}

}  // namespace

unsigned indexPartsFor(std::size_t bytes) {
  const auto byCores = std::max(1u, std::thread::hardware_concurrency());
  return static_cast<unsigned>(
      std::min<std::size_t>({byCores, kMaxParts, std::max<std::size_t>(1, bytes / kMinPartBytes)}));
}

std::optional<IndexFile> streamIndexInParts(const SharedText& text, unsigned parts) {
  const std::string_view view = text.view();
  auto span = findEntries(view);
  if (!span) return std::nullopt;
  std::vector<std::size_t> cuts{span->begin};
  const std::size_t length = span->end - span->begin;
  for (unsigned k = 1; k < parts; ++k) {
    std::size_t cut = nextChartKey(view, std::max(cuts.back(), span->begin + length / parts * k));
    if (cut == std::string_view::npos || cut >= span->end) break;
    if (cut > cuts.back()) cuts.push_back(cut);
  }
  cuts.push_back(span->end);

  std::vector<std::optional<IndexFile>> read(cuts.size() - 1);
  {
    std::vector<std::jthread> helpers;
    for (std::size_t k = 1; k + 1 < cuts.size(); ++k) {
      auto readPartK = [&, k] { read[k] = readPart(text.slice(cuts[k], cuts[k + 1] - cuts[k])); };
      try {
        helpers.emplace_back(readPartK);
      } catch (const std::system_error&) {  // no thread to be had: read it here
        readPartK();
      }
    }
    read[0] = readPart(text.slice(cuts[0], cuts[1] - cuts[0]));
  }  // joined
  // The document without its entries' lines: "entries:" is then null.
  auto index = streamIndex(SharedText(std::string(view.substr(0, span->begin)) + std::string(view.substr(span->end))));
  if (!index || !index->entries.empty()) return std::nullopt;
  for (auto& part : read) {
    if (!part) return std::nullopt;
    index->entries.merge(part->entries);
    if (!part->entries.empty()) return std::nullopt;  // a chart named again replaces the earlier one: read whole
  }
  return index;
}

}  // namespace ho::chart::repo
