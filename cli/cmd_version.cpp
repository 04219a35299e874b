// `gitopsgen version`: the version, the commit it was built from and the libraries it runs on.
#include <git2/common.h>
#include <spdlog/version.h>
#include <yaml.h>

#ifdef GITOPSGEN_MIMALLOC
#include <mimalloc.h>

#include <cstdlib>
#include <memory>
#endif

#include <optional>
#include <ostream>
#include <string>
#include <utility>
#include <vector>

#include "cli/app.hpp"
#include "cli/output.hpp"

namespace gitopsgen::cli {

extern const char* const kBuildCommit;  // build_info.cpp, written by cmake/build_info.cmake

namespace {

// mimalloc's version when it is the allocator malloc hands memory from, else nothing: linking
// it is not enough, it must come before the C library in the lookup of malloc.
std::optional<std::string> mimalloc_in_use() {
#ifdef GITOPSGEN_MIMALLOC
  const std::unique_ptr<void, decltype(&std::free)> probe(std::malloc(16), &std::free);
  if (!mi_is_in_heap_region(probe.get())) return std::nullopt;
  const int v = mi_version();  // 209 is 2.0.9
  return std::to_string(v / 100) + "." + std::to_string(v % 100 / 10) + "." +
         std::to_string(v % 10);
#else
  return std::nullopt;
#endif
}

// Name and version of every library gitopsgen links or compiles in, in a fixed order.
std::vector<std::pair<std::string, std::string>> libraries() {
  int major = 0, minor = 0, rev = 0;
  git_libgit2_version(&major, &minor, &rev);
  std::vector<std::pair<std::string, std::string>> out = {
      {"libgit2", std::to_string(major) + "." + std::to_string(minor) + "." + std::to_string(rev)},
      {"yaml-cpp", GITOPSGEN_YAML_CPP_VERSION},
      {"libyaml", yaml_get_version_string()},
      {"CLI11", CLI11_VERSION},
      {"spdlog", std::to_string(SPDLOG_VER_MAJOR) + "." + std::to_string(SPDLOG_VER_MINOR) + "." +
                     std::to_string(SPDLOG_VER_PATCH)},
  };
  if (auto version = mimalloc_in_use()) out.emplace_back("mimalloc", std::move(*version));
  return out;
}

}  // namespace

std::string version_text() {
  std::string text =
      std::string("gitopsgen ") + GITOPSGEN_VERSION + " (commit " + kBuildCommit + ")\n";
  for (const auto& [name, version] : libraries()) text += "  " + name + " " + version + "\n";
  return text;
}

Subcommand version_command() {
  return {"version", "Show the version, the commit it was built from and its libraries",
          [](CLI::App& app) {
            app.footer("Examples:\n  gitopsgen version\n  gitopsgen version -o json\n");
            return [](const GlobalOptions& g, Streams io) {
              if (!g.structured()) {
                io.out << version_text();
                return 0;
              }
              auto libs = JsonValue::object();
              for (const auto& [name, version] : libraries()) libs.add(name, version);
              auto value = JsonValue::object();
              value.add("command", "version")
                  .add("version", GITOPSGEN_VERSION)
                  .add("commit", std::string(kBuildCommit) == "unknown" ? JsonValue()
                                                                        : JsonValue(kBuildCommit))
                  .add("libraries", std::move(libs));
              print_value(g, io, value);
              return 0;
            };
          }};
}

}  // namespace gitopsgen::cli
