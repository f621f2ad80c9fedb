// dario.cat/mergo's map merging as sprig's merge and mergeOverwrite use it.
//
// Both walk the source's keys and merge nested maps in place in the
// destination. mergeInto (mergo.Merge) fills only keys the destination lacks
// or holds an empty value for (nil, false, 0, "", empty list or map);
// mergeOverwriting (mergo.MergeWithOverwrite) lets every source value win,
// even nil or empty ones, except that two maps are merged key by key.
// Values copied over are shared, not deep-copied, as in Go.
#pragma once

#include "core/value.h"

namespace ho::tmpl {

void mergeInto(Map& destination, const Map& source);
void mergeOverwriting(Map& destination, const Map& source);

}  // namespace ho::tmpl
