#include "generators/platform/process.hpp"

#include <fcntl.h>
#include <spawn.h>
#include <sys/wait.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <cstdlib>
#include <cstring>
#include <string_view>

#include "generators/error.hpp"
#include "generators/workspace.hpp"

extern char** environ;

namespace gitopsgen {
namespace fs = std::filesystem;

std::optional<fs::path> find_on_path(const std::string& program) {
  const char* path = std::getenv("PATH");
  if (path == nullptr) return std::nullopt;
  std::string dirs = path;
  std::size_t start = 0;
  while (start <= dirs.size()) {
    auto colon = dirs.find(':', start);
    if (colon == std::string::npos) colon = dirs.size();
    const fs::path candidate = fs::path(dirs.substr(start, colon - start)) / program;
    if (::access(candidate.c_str(), X_OK) == 0) return candidate;
    start = colon + 1;
  }
  return std::nullopt;
}

namespace {

// This process's environment with each "NAME=VALUE" of `env` in place of its variable.
std::vector<char*> environment_with(const std::vector<std::string>& env) {
  std::vector<char*> out;
  for (char** e = environ; *e != nullptr; ++e) {
    const std::string_view entry = *e;
    const bool replaced = std::any_of(env.begin(), env.end(), [&](const std::string& v) {
      const auto eq = v.find('=');
      const auto name = eq == std::string::npos ? v + "=" : v.substr(0, eq + 1);
      return entry.substr(0, name.size()) == name;
    });
    if (!replaced) out.push_back(*e);
  }
  for (const auto& v : env) out.push_back(const_cast<char*>(v.c_str()));
  out.push_back(nullptr);
  return out;
}

}  // namespace

ProcessResult run_process(const std::vector<std::string>& argv, const fs::path& cwd,
                          const std::vector<std::string>& env) {
  // Output goes to unlinked temporary files: no pipe can fill up and block the child.
  auto temp = [](const char* what) {
    char name[] = "/tmp/gitopsgen-proc-XXXXXX";
    const int fd = mkstemp(name);
    if (fd < 0) throw Error(std::string("cannot capture ") + what + ": " + std::strerror(errno));
    ::unlink(name);
    return fd;
  };
  const int out_fd = temp("output");
  const int err_fd = temp("errors");
  posix_spawn_file_actions_t actions;
  posix_spawn_file_actions_init(&actions);
  posix_spawn_file_actions_addopen(&actions, 0, "/dev/null", O_RDONLY, 0);
  posix_spawn_file_actions_adddup2(&actions, out_fd, 1);
  posix_spawn_file_actions_adddup2(&actions, err_fd, 2);
  posix_spawn_file_actions_addchdir_np(&actions, cwd.c_str());
  std::vector<char*> args;
  for (const auto& a : argv) args.push_back(const_cast<char*>(a.c_str()));
  args.push_back(nullptr);
  pid_t pid = 0;
  auto child_env = env.empty() ? std::vector<char*>() : environment_with(env);
  const int rc = posix_spawn(&pid, args[0], &actions, nullptr, args.data(),
                             env.empty() ? environ : child_env.data());
  posix_spawn_file_actions_destroy(&actions);
  auto slurp = [](int fd) {
    std::string text;
    ::lseek(fd, 0, SEEK_SET);
    char buf[65536];
    ssize_t n;
    while ((n = ::read(fd, buf, sizeof buf)) > 0) text.append(buf, static_cast<std::size_t>(n));
    ::close(fd);
    return text;
  };
  if (rc != 0) {
    ::close(out_fd);
    ::close(err_fd);
    throw Error("cannot run " + argv[0] + ": " + std::strerror(rc));
  }
  int status = 0;
  while (::waitpid(pid, &status, 0) < 0 && errno == EINTR) {
  }
  ProcessResult result{WIFEXITED(status) ? WEXITSTATUS(status) : 128 + WTERMSIG(status),
                       slurp(out_fd), slurp(err_fd)};
  return result;
}

}  // namespace gitopsgen
