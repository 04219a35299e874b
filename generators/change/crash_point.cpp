#include "generators/change/crash_point.hpp"

#include <csignal>
#include <cstdlib>
#include <cstring>
#include <map>
#include <string>

namespace gitopsgen {

void crash_point(const char* point) {
  static const char* const wanted = std::getenv("GITOPSGEN_CRASH_AT");
  if (wanted == nullptr) return;
  static std::map<std::string, long> reached;
  const long count = ++reached[point];
  const char* colon = std::strchr(wanted, ':');
  const std::string name = colon ? std::string(wanted, colon) : std::string(wanted);
  const long nth = colon ? std::atol(colon + 1) : 1;
  if (name == point && count == nth) std::raise(SIGKILL);
}

}  // namespace gitopsgen
