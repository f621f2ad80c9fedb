// Go's reflect.DeepEqual over Values: equal Go types and equal contents,
// recursively (int 1 and int64 1 differ). Used by has, uniq and without.
#pragma once

#include "core/value.h"

namespace ho::tmpl {

bool goDeepEqual(const Value& a, const Value& b);

}  // namespace ho::tmpl
