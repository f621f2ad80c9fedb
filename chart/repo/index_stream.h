// index.yaml read straight from YAML events into the IndexFile model, without
// building a document tree or a value tree of the whole index: a 20 MB index
// is a few hundred megabytes as trees. Each entry's `fields` stay text (a
// slice of the index) until the index writer asks for them.
#pragma once

#include <optional>

#include "chart/repo/index.h"
#include "core/shared_text.h"

namespace ho::chart::repo {

// The index, unsorted, or nullopt when it holds anything this reader leaves to
// the generic parse (tags, anchors, aliases, flow collections around entries,
// non-string keys, repeated top-level keys, a syntax error): parseIndex then
// reads it the generic way, with the same results and errors as before.
std::optional<IndexFile> streamIndex(const SharedText& text);

// A part of a block-layout index's entries (whole lines of chart keys at
// column 2 with their version lists) read on its own: the charts it holds, or
// nullopt when it is not plain (as above), does not parse on its own (a cut
// through a quoted scalar or a flow collection) or gives a chart a value that
// is not a list. Only `entries` is filled.
std::optional<IndexFile> streamIndexPart(const SharedText& part);

}  // namespace ho::chart::repo
