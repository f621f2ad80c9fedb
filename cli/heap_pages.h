// Transparent huge pages for the heap of a short command.
#pragma once

#include <cstddef>

namespace ho::cli {

// Every fresh 4 KiB page a process touches costs a page fault (2-4 us on a
// virtual machine, as much as rendering a small template), and `template`
// touches thousands. This asks the kernel for 2 MiB pages on the `span` bytes
// of address space where the heap is growing, trading the unused tail of the
// last huge page in resident memory for most of those faults. Only a hint:
// where transparent huge pages are off or the range is not heap, nothing changes.
void preferHugeHeapPages(std::size_t span);

}  // namespace ho::cli
