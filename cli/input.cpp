#include "cli/input.hpp"

#include <unistd.h>

#include <filesystem>
#include <iostream>
#include <iterator>

#include "generators/error.hpp"
#include "generators/workspace.hpp"

namespace gitopsgen::cli {

std::string read_input(const std::string& path) {
  if (path != "-") return read_file(path);
  // A terminal would wait for typing that nobody announced: "-" means a pipe or a file.
  if (::isatty(STDIN_FILENO))
    throw Error(
        "'-' reads standard input, but it is a terminal: pipe "
        "or redirect the file into gitopsgen");
  std::string text{std::istreambuf_iterator<char>(std::cin), std::istreambuf_iterator<char>()};
  if (std::cin.bad()) throw Error("cannot read standard input");
  return text;
}

std::string input_name(const std::string& path) {
  return path == "-" ? "stdin" : std::filesystem::path(path).filename().string();
}

}  // namespace gitopsgen::cli
