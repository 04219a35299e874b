// The flags every release command shares: where the commit goes and how it is pushed.
#pragma once

#include "cli/app.hpp"
#include "generators/release/release_publish.hpp"

namespace gitopsgen::cli {

// `--push`, `--remote`, `--branch`, `--ssh-key`, `--known-hosts`, `--max-attempts` as given.
struct PublishFlags {
  bool push = false;
  std::string remote = "origin";
  std::string branch;
  std::string ssh_key;
  std::string known_hosts;
  int max_attempts = 3;
  CLI::Option* branch_opt = nullptr;    // --branch, to tell `--branch ''` (refused) from none
  std::vector<CLI::Option*> push_only;  // options that mean something only with --push
};

// Registers the publish flags on `app`.
void add_publish_flags(CLI::App& app, PublishFlags& flags);

// Runs `plan` through commit and push per `flags` and prints what happened: `lines` (one per
// edit) in text, or JSON with the edits, the commit, the branch and the push.
int publish_and_report(const PublishFlags& flags, const GlobalOptions& g, Streams io,
                       const std::string& command, const ReleasePlan& plan,
                       const std::string& headline);

}  // namespace gitopsgen::cli
