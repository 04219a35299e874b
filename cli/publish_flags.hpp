// The flags every release command shares: where the commit goes and how it is pushed.
#pragma once

#include "cli/app.hpp"
#include "generators/release/release_publish.hpp"
#include "generators/yaml/json_value.hpp"

namespace gitopsgen::cli {

// `--push`, `--remote`, `--branch`, `--base`, `--ssh-key`, `--known-hosts`, `--max-attempts` as
// given.
struct PublishFlags {
  bool push = false;
  std::string remote = "origin";
  std::string branch;
  std::string ssh_key;
  std::string known_hosts;
  int max_attempts = 3;
  std::string base;                     // --base: the branch a pull request merges into
  CLI::Option* branch_opt = nullptr;    // --branch, to tell `--branch ''` (refused) from none
  CLI::Option* base_opt = nullptr;      // --base
  std::vector<CLI::Option*> push_only;  // options that mean something only with --push
};

// Registers the publish flags on `app`.
void add_publish_flags(CLI::App& app, PublishFlags& flags);

// Runs `plan` through commit and push per `flags` and prints what happened: `headline` and a line
// per image edit in text, or JSON with the edits, the commit, the branch, the push and, unless
// null, `values` as the member "values".
int publish_and_report(const PublishFlags& flags, const GlobalOptions& g, Streams io,
                       const std::string& command, const ReleasePlan& plan,
                       const std::string& headline, const JsonValue& values = JsonValue());

}  // namespace gitopsgen::cli
