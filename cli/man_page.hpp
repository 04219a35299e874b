// The man page gitopsgen(1), in roff (the man macros), written from the command model.
#pragma once

#include <string>

#include "cli/command_model.hpp"

namespace gitopsgen::cli {

// `text` as roff text: backslashes, hyphens, quotes and non-ASCII characters escaped, and a line
// starting with '.' or '\'' kept from being read as a request.
std::string roff_escape(const std::string& text);

// The whole page: NAME, SYNOPSIS, DESCRIPTION, COMMANDS (each with its options and examples),
// SHARED OPTIONS, EXIT STATUS, ENVIRONMENT, FILES and SEE ALSO; `version` goes in its header.
std::string man_page(const CliModel& model, const std::string& version);

}  // namespace gitopsgen::cli
