// Reading an input file named on the command line, where "-" is standard input.
#pragma once

#include <string>

namespace gitopsgen::cli {

// The bytes of `path`, or all of standard input when `path` is "-"; throws Error when it cannot
// be read, or when standard input is a terminal (nothing was piped in).
std::string read_input(const std::string& path);

// How messages name `path`: "stdin" for "-", else its file name.
std::string input_name(const std::string& path);

}  // namespace gitopsgen::cli
