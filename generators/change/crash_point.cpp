#include "generators/change/crash_point.hpp"

#include <csignal>
#include <cstdlib>
#include <cstring>
#include <map>
#include <mutex>
#include <string>

namespace gitopsgen {

void crash_point(const char* point) {
  static const char* const wanted = std::getenv("GITOPSGEN_CRASH_AT");
  if (wanted == nullptr) return;
  // Files are written on several threads (DiskTransaction): count each point once per hit.
  static std::mutex lock;
  static std::map<std::string, long> reached;
  long count = 0;
  {
    const std::lock_guard guard(lock);
    count = ++reached[point];
  }
  const char* colon = std::strchr(wanted, ':');
  const std::string name = colon ? std::string(wanted, colon) : std::string(wanted);
  const long nth = colon ? std::atol(colon + 1) : 1;
  if (name == point && count == nth) std::raise(SIGKILL);
}

}  // namespace gitopsgen
