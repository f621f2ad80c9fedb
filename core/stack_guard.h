// A guard against native stack overflow: recursive parsers, decoders, emitters
// and the template executor ask it before going deeper, so hostile input fails
// with an error instead of crashing, whatever the thread's stack size.
#pragma once

namespace ho {

// True when less than a safety margin of the current thread's stack remains.
bool stackNearlyExhausted();

}  // namespace ho
