// Running an outside program (helm) and capturing what it prints.
#pragma once

#include <filesystem>
#include <optional>
#include <string>
#include <vector>

namespace gitopsgen {

// What a finished process printed and how it ended.
struct ProcessResult {
  int exit_code;  // 128 + signal number when killed by a signal
  std::string out;
  std::string err;
};

// The full path of `program` found on PATH, or nothing.
std::optional<std::filesystem::path> find_on_path(const std::string& program);

// Runs `argv` (argv[0] a path) in `cwd` with no standard input and this process's environment,
// where each "NAME=VALUE" of `env` replaces or adds its variable; waits, and returns its output.
// Throws Error when it cannot be started.
ProcessResult run_process(const std::vector<std::string>& argv, const std::filesystem::path& cwd,
                          const std::vector<std::string>& env = {});

}  // namespace gitopsgen
