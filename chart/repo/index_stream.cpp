// The streaming index reader (see index_stream.h). It walks the YAML events of
// the first document: apiVersion and generated at the top, and under entries
// each chart's list of versions, taking the fields ChartVersion models with
// the typed decoder's scalar rules (go-yaml v2 resolution, untagged) and
// skipping everything else. Whatever it does not model exactly makes it give
// the index back to the generic parse.
#include "chart/repo/index_stream.h"

#include <set>

#include "core/go_float.h"
#include "encoding/yaml_plain_events.h"
#include "templating/sprig/semver_constraint.h"

namespace ho::chart::repo {
namespace {

using encoding::ResolvedScalar;
using encoding::ScalarKind;
using encoding::yaml::Event;
using encoding::yaml::EventType;
using encoding::yaml::NotPlainYaml;
using encoding::yaml::PlainEvents;

// Whether the text read is a whole index or a part of its entries.
enum class Chunk { Whole, Part };

class IndexStream {
 public:
  explicit IndexStream(const SharedText& text) : text_(text), events_(text.view()) {}

  // A run of chart keys with their lists, as they stand under entries.
  IndexFile readPart() {
    expect(EventType::StreamStart);
    expect(EventType::DocumentStart);
    if (next().type != EventType::MappingStart) throw NotPlainYaml{};
    IndexFile part;
    readChartLists(part, Chunk::Part);
    expect(EventType::DocumentEnd);
    return part;
  }

  IndexFile read() {
    expect(EventType::StreamStart);
    expect(EventType::DocumentStart);
    if (next().type != EventType::MappingStart) throw NotPlainYaml{};
    std::set<std::string> seen;
    IndexFile index;
    for (Event key = next(); key.type != EventType::MappingEnd; key = next()) {
      std::string name = stringKey(key);
      if (!seen.insert(name).second) throw NotPlainYaml{};  // the generic parse keeps the last one
      if (name == "apiVersion") {
        index.apiVersion = scalarText(next());
      } else if (name == "generated") {
        index.generated = scalarText(next());
      } else if (name == "entries") {
        readEntries(index);
      } else {
        skip(next());
      }
    }
    expect(EventType::DocumentEnd);
    return index;
  }

 private:
  Event next() { return events_.next(); }
  void expect(EventType type) { events_.expect(type); }

  // Collections written in flow style ([...], {...}) end where their closing
  // bracket is, which the end event does not mark: left to the generic parse
  // wherever an entry's text would be cut from them.
  bool isFlow(const Event& start) const {
    const char c = text_.view()[start.start.index];
    return c == '[' || c == '{';
  }

  std::string scalarText(const Event& event) {
    if (event.type != EventType::Scalar) throw NotPlainYaml{};
    const ResolvedScalar r = PlainEvents::resolve(event);
    switch (r.kind) {
      case ScalarKind::Null: return "";
      case ScalarKind::Bool: return r.boolValue ? "true" : "false";
      case ScalarKind::Int: return std::to_string(r.intValue);
      case ScalarKind::Uint: return std::to_string(r.uintValue);
      case ScalarKind::Float: return formatGoFloat(r.floatValue, 'g', -1);
      default: return std::string(event.value);
    }
  }
  // A mapping key that decodes to a string spelled as written.
  std::string stringKey(const Event& key) {
    if (key.type != EventType::Scalar) throw NotPlainYaml{};
    const ResolvedScalar r = PlainEvents::resolve(key);
    if (r.kind != ScalarKind::String) throw NotPlainYaml{};
    return std::string(key.value);
  }

  // Skips the node `first` starts.
  void skip(const Event& first) {
    if (first.type == EventType::Scalar) return;
    int depth = 1;
    while (depth > 0) {
      switch (next().type) {
        case EventType::SequenceStart:
        case EventType::MappingStart: ++depth; break;
        case EventType::SequenceEnd:
        case EventType::MappingEnd: --depth; break;
        case EventType::Scalar: break;
        default: throw NotPlainYaml{};
      }
    }
  }

  void readEntries(IndexFile& index) {
    const Event entries = next();
    if (entries.type != EventType::MappingStart) {
      skip(entries);
      return;
    }
    readChartLists(index, Chunk::Whole);
  }

  // The pairs of chart name and versions up to the end of the mapping. In a
  // chunk, which is merged with the chunks around it, a chart whose value is
  // not a list (which would erase a list under the same name in an earlier
  // chunk) is left to the whole reading.
  void readChartLists(IndexFile& index, Chunk chunk) {
    for (Event key = next(); key.type != EventType::MappingEnd; key = next()) {
      std::string chart = stringKey(key);
      const Event list = next();
      if (list.type != EventType::SequenceStart) {
        if (chunk == Chunk::Part) throw NotPlainYaml{};
        index.entries.erase(chart);  // a later non-list replaces an earlier list, which is then skipped
        skip(list);
        continue;
      }
      if (isFlow(list)) throw NotPlainYaml{};
      auto& versions = index.entries[chart];
      versions.clear();
      for (Event item = next(); item.type != EventType::SequenceEnd; item = next()) {
        if (item.type != EventType::MappingStart) {
          skip(item);
          continue;
        }
        if (auto version = readVersion(item)) versions.push_back(std::move(*version));
      }
    }
  }

  // One entry, as toChartVersion in index.cpp takes it from the decoded map.
  std::optional<ChartVersion> readVersion(const Event& start) {
    if (isFlow(start)) throw NotPlainYaml{};
    ChartVersion cv;
    Event key = next();
    for (; key.type != EventType::MappingEnd; key = next()) {
      const std::string name = stringKey(key);
      const Event value = next();
      if (name == "urls") {
        cv.urls.clear();  // the last urls key counts; anything but a list leaves none
        if (value.type != EventType::SequenceStart) {
          skip(value);
          continue;
        }
        for (Event url = next(); url.type != EventType::SequenceEnd; url = next()) cv.urls.push_back(scalarText(url));
        continue;
      }
      if (value.type != EventType::Scalar) {
        if (name == "name" || name == "version" || name == "appVersion" || name == "apiVersion" ||
            name == "digest" || name == "created" || name == "removed") {
          throw NotPlainYaml{};
        }
        skip(value);
        continue;
      }
      if (name == "name") cv.name = scalarText(value);
      else if (name == "version") cv.version = scalarText(value);
      else if (name == "appVersion") cv.appVersion = scalarText(value);
      else if (name == "apiVersion") cv.apiVersion = scalarText(value);
      else if (name == "digest") cv.digest = scalarText(value);
      else if (name == "created") cv.created = scalarText(value);
      else if (name == "removed") {
        const ResolvedScalar r = PlainEvents::resolve(value);
        cv.removed = r.kind == ScalarKind::Bool && r.boolValue;  // the last one counts, a bool or false
      }
    }
    if (cv.name.empty() || cv.version.empty() || !tmpl::parseSemVersion(cv.version)) return std::nullopt;
    if (cv.apiVersion.empty()) cv.apiVersion = "v1";
    const std::size_t from = start.start.index;
    cv.fieldsText = text_.slice(from, key.start.index - from);
    cv.fieldsColumn = start.start.column;
    return cv;
  }

  const SharedText& text_;
  PlainEvents events_;
};

// What `read` returns, or nullopt when the text is left to the generic parse.
template <class Read>
std::optional<IndexFile> unlessNotPlain(Read read) {
  try {
    return read();
  } catch (const NotPlainYaml&) {
    return std::nullopt;
  } catch (const encoding::yaml::SyntaxError&) {
    return std::nullopt;
  }
}

}  // namespace

std::optional<IndexFile> streamIndex(const SharedText& text) {
  return unlessNotPlain([&] { return IndexStream(text).read(); });
}

std::optional<IndexFile> streamIndexPart(const SharedText& part) {
  return unlessNotPlain([&] { return IndexStream(part).readPart(); });
}

}  // namespace ho::chart::repo
