// The process's allocator (mimalloc, in the plain build), tuned for the command at hand.
#pragma once

namespace gitopsgen::cli {

// Makes the allocator give pages back to the system as soon as they are freed, for a command
// that frees as fast as it allocates (a bulk apply); MIMALLOC_DECOMMIT_DELAY (or its old name
// MIMALLOC_RESET_DELAY) in the environment still decides. Does nothing without mimalloc.
void return_freed_pages_at_once();

}  // namespace gitopsgen::cli
