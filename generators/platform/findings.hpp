// What `validate` reports: problems located by file and line.
#pragma once

#include <string>
#include <vector>

namespace gitopsgen {

// One problem found in a repository; line 0 means the whole file.
struct Finding {
  enum class Severity { error, warning };
  Severity severity;
  std::string file;
  int line;
  std::string message;
  std::vector<std::string> detail = {};  // lines shown under the message (a tool's whole reason)
};

// The findings of one validation run.
using Findings = std::vector<Finding>;

// True when any finding is an error.
bool has_errors(const Findings& findings);

}  // namespace gitopsgen
