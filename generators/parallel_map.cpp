#include "generators/parallel_map.hpp"

#include <cstdlib>
#include <string>

namespace gitopsgen {

std::size_t parallel_threads() {
  static const std::size_t threads = [] {
    if (const char* wanted = std::getenv("GITOPSGEN_THREADS")) {
      char* end = nullptr;
      const auto n = std::strtoul(wanted, &end, 10);
      if (end != wanted && *end == '\0' && n >= 1) return std::min<std::size_t>(n, 64);
    }
    return std::min<std::size_t>(std::max(1u, std::thread::hardware_concurrency()), 8);
  }();
  return threads;
}

}  // namespace gitopsgen
