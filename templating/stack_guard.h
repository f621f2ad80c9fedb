// A guard against native stack overflow: recursive parsing and execution ask
// it before going deeper, so a hostile template fails with an error instead
// of crashing, whatever the thread's stack size.
#pragma once

namespace ho::tmpl {

// True when less than a safety margin of the current thread's stack remains.
bool stackNearlyExhausted();

}  // namespace ho::tmpl
