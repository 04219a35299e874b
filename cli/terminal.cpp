#include "cli/terminal.hpp"

#include <sys/ioctl.h>
#include <unistd.h>

#include <algorithm>
#include <csignal>
#include <cstdio>
#include <cstdlib>
#include <iostream>

namespace gitopsgen::cli {
namespace {

const char* sgr(Colour colour) {
  switch (colour) {
    case Colour::red:
      return "\033[31m";
    case Colour::green:
      return "\033[32m";
    case Colour::yellow:
      return "\033[33m";
    case Colour::cyan:
      return "\033[36m";
    case Colour::bold:
      return "\033[1m";
    case Colour::dim:
      return "\033[2m";
  }
  return "";
}

std::string env(const char* name) {
  const char* value = std::getenv(name);
  return value ? value : "";
}

// The terminal's height in lines, or 0 when unknown.
std::size_t terminal_rows() {
  winsize size{};
  if (::ioctl(STDOUT_FILENO, TIOCGWINSZ, &size) == 0) return size.ws_row;
  return 0;
}

}  // namespace

bool use_colour(const std::string& mode) {
  if (mode == "always") return true;
  if (mode == "never") return false;
  return ::isatty(STDOUT_FILENO) && env("NO_COLOR").empty() && env("TERM") != "dumb";
}

std::string paint(const std::string& text, Colour colour, bool on) {
  if (!on || text.empty()) return text;
  return sgr(colour) + text + "\033[0m";
}

std::string colour_diff(const std::string& diff, bool on) {
  if (!on) return diff;
  std::string out;
  std::size_t start = 0;
  while (start < diff.size()) {
    auto end = diff.find('\n', start);
    const bool newline = end != std::string::npos;
    if (!newline) end = diff.size();
    const std::string line = diff.substr(start, end - start);
    const bool header =
        line.rfind("+++ ", 0) == 0 || line.rfind("--- ", 0) == 0 || line.rfind("diff ", 0) == 0;
    if (header)
      out += paint(line, Colour::bold, true);
    else if (line.rfind("@@", 0) == 0)
      out += paint(line, Colour::cyan, true);
    else if (!line.empty() && line[0] == '+')
      out += paint(line, Colour::green, true);
    else if (!line.empty() && line[0] == '-')
      out += paint(line, Colour::red, true);
    else
      out += line;
    if (newline) out += '\n';
    start = end + 1;
  }
  return out;
}

void page(const std::string& text, std::ostream& out, bool allowed) {
  const bool to_terminal = &out == &std::cout && ::isatty(STDOUT_FILENO);
  const auto rows = terminal_rows();
  const auto lines = static_cast<std::size_t>(std::count(text.begin(), text.end(), '\n'));
  std::string pager = std::getenv("GITOPSGEN_PAGER") ? env("GITOPSGEN_PAGER")
                      : std::getenv("PAGER")         ? env("PAGER")
                                                     : "less";
  if (!allowed || !to_terminal || rows == 0 || lines < rows || pager.empty() || pager == "cat") {
    out << text;
    return;
  }
  out.flush();
  if (env("LESS").empty()) ::setenv("LESS", "FRX", 1);
  // A pager quit early closes the pipe: the write must fail quietly, not kill the process.
  const auto previous = std::signal(SIGPIPE, SIG_IGN);
  FILE* pipe = ::popen(pager.c_str(), "w");
  if (!pipe) {
    std::signal(SIGPIPE, previous);
    out << text;
    return;
  }
  std::fwrite(text.data(), 1, text.size(), pipe);
  ::pclose(pipe);
  std::signal(SIGPIPE, previous);
}

}  // namespace gitopsgen::cli
