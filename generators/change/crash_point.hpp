// A test hook that kills the process at a named point of a commit, to prove crash safety.
#pragma once

namespace gitopsgen {

// Kills the process with SIGKILL when GITOPSGEN_CRASH_AT names `point` ("point" for its first
// reach, "point:N" for its N-th); does nothing otherwise. Only the crash-safety tests set it.
void crash_point(const char* point);

}  // namespace gitopsgen
