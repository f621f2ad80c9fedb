// Reading a large index.yaml on several threads. In the block layout Helm and
// `repo index` write ("entries:" at column 0, chart names at column 2), the
// entries are cut into parts at chart keys, each part is read on its own
// thread by streamIndexPart, and the lines around the entries (apiVersion,
// generated, ...) by streamIndex; the parts are joined in order.
#pragma once

#include <cstddef>
#include <optional>

#include "chart/repo/index.h"
#include "core/shared_text.h"

namespace ho::chart::repo {

// How many parts are worth the threads for an index of `bytes` on this
// machine (1: read it whole).
unsigned indexPartsFor(std::size_t bytes);

// The index read in `parts` parts, unsorted, exactly as streamIndex reads it
// whole; nullopt when the layout is not the block one, when some column-0
// line sits among the entries, when a part does not read on its own or when a
// chart is named in two parts: then read it whole.
std::optional<IndexFile> streamIndexInParts(const SharedText& text, unsigned parts);

}  // namespace ho::chart::repo
