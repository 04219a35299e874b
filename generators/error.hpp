// The one error type of the core: a user-facing, single-line message.
#pragma once

#include <stdexcept>
#include <string>

namespace gitopsgen {

// A failure the user can act on; its message is one line, ready for stderr.
class Error : public std::runtime_error {
 public:
  explicit Error(const std::string& message) : std::runtime_error(message) {}
};

}  // namespace gitopsgen
