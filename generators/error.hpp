// The error types of the core: user-facing, single-line messages, each kind its own exit code.
#pragma once

#include <stdexcept>
#include <string>

namespace gitopsgen {

// A failure the user can act on; its message is one line, ready for stderr (exit code 1).
class Error : public std::runtime_error {
 public:
  explicit Error(const std::string& message) : std::runtime_error(message) {}
};

// A command line that asks for something impossible: a missing or contradictory argument (exit 2).
class UsageError : public Error {
 public:
  explicit UsageError(const std::string& message) : Error(message) {}
};

// A refusal only a person can resolve: a conflict, hand edits in the way, a refused merge (exit 3).
class NeedsPerson : public Error {
 public:
  explicit NeedsPerson(const std::string& message) : Error(message) {}
};

}  // namespace gitopsgen
