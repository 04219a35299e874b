#include "cli/publish_flags.hpp"

#include <ostream>

#include "cli/output.hpp"
#include "cli/platform_context.hpp"
#include "generators/error.hpp"
#include "generators/platform/names.hpp"
#include "generators/release/pull_request_link.hpp"

namespace gitopsgen::cli {

void add_publish_flags(CLI::App& app, PublishFlags& flags) {
  app.add_flag("--push", flags.push,
               "Push the commit (token from GITOPSGEN_TOKEN or GIT_TOKEN for HTTP(S))");
  flags.push_only.push_back(
      app.add_option("--remote", flags.remote, "Remote name, URL or path to push to")
          ->capture_default_str());
  flags.branch_opt =
      app.add_option("--branch", flags.branch,
                     "Commit on this new branch (for a pull request) instead of the current one");
  flags.base_opt = app.add_option(
      "--base", flags.base,
      "With --branch --push: the branch the pull request merges into (default: the current one)");
  flags.push_only.push_back(
      app.add_option("--ssh-key", flags.ssh_key, "Private key for SSH remotes (default: ssh-agent)")
          ->type_name("FILE"));
  flags.push_only.push_back(app.add_option("--known-hosts", flags.known_hosts,
                                           "SSH host keys to trust (default ~/.ssh/known_hosts)")
                                ->type_name("FILE"));
  flags.push_only.push_back(
      app.add_option("--max-attempts", flags.max_attempts, "Push rounds when the remote moves on")
          ->check(CLI::Range(1, 20))
          ->capture_default_str());
}

namespace {

// Refuses the publish options that would do nothing with the rest of the command line.
void check_publish_flags(const PublishFlags& flags, const GlobalOptions& g) {
  for (const auto* option : flags.push_only)
    if (!flags.push && option->count() > 0)
      throw UsageError(option->get_name() + " has no effect without --push");
  if (flags.base_opt->count() > 0 && (flags.branch_opt->count() == 0 || !flags.push))
    throw UsageError("--base has no effect without --branch and --push");
  if (flags.base_opt->count() > 0 && flags.base.empty())
    throw UsageError("--base must not be empty");
  if (flags.push && g.no_commit)
    throw UsageError("--push has no effect with --no-commit: there is no commit to push");
}

// {"repository", "tag"}, each null when the value file has none.
JsonValue image_value(const ImageRef& image) {
  auto value = JsonValue::object();
  value.add("repository", JsonValue::string_or_null(image.repository))
      .add("tag", JsonValue::string_or_null(image.tag));
  return value;
}

}  // namespace

int publish_and_report(const PublishFlags& flags, const GlobalOptions& g, Streams io,
                       const std::string& command, const ReleasePlan& plan,
                       const std::string& headline, const JsonValue& values) {
  check_publish_flags(flags, g);
  auto platform = open_platform(g);
  if (!platform.repo) throw Error("not a git repository: " + platform.root.string());
  PublishOptions publish;
  // The branch a new branch forks from is where its pull request goes back to.
  const auto base = flags.base_opt->count() > 0 ? flags.base : platform.repo->head_branch();
  if (flags.base_opt->count() > 0) require_branch_name(flags.base);
  if (flags.branch_opt && flags.branch_opt->count() > 0) {
    if (flags.branch.empty()) throw UsageError("--branch must not be empty");
    require_branch_name(flags.branch);
    publish.branch = flags.branch;
  }
  if (flags.push) publish.remote = flags.remote;
  publish.max_attempts = flags.max_attempts;
  auto auth = auth_from_environment();
  if (!flags.ssh_key.empty()) auth.ssh_key = flags.ssh_key;
  if (!flags.known_hosts.empty()) auth.known_hosts = flags.known_hosts;
  auto options = apply_options(g);
  if (options.message.empty()) options.message = plan.message;
  const auto result = publish_release(*platform.repo, platform.root, platform.settings, plan,
                                      options, publish, auth);

  // Each edit's line and JSON entry only for the output that shows them: a promote of 10,000
  // services with -q prints nothing of either.
  const bool json = g.structured(), lines = !json && !g.quiet && !g.dry_run;
  auto changed = JsonValue::array();
  std::string text = headline;
  for (const auto& e : plan.edits) {
    if (json) {
      auto entry = JsonValue::object();
      entry.add("service", e.service)
          .add("env", e.env)
          .add("from", image_value(e.before))
          .add("to", image_value(e.after));
      changed.push(std::move(entry));
    }
    if (!lines) continue;
    text += "\n  " + e.service + " (" + e.env +
            "): " + (e.before.tag.empty() ? "(none)" : e.before.tag) + " → " + e.after.tag;
    if (e.before.repository != e.after.repository) text += " [" + e.after.repository + "]";
  }
  auto skipped = JsonValue::array();
  for (const auto& s : plan.skipped) {
    if (json) {
      auto entry = JsonValue::object();
      entry.add("service", s.service)
          .add("env", s.env)
          .add("repository", JsonValue::string_or_null(s.image.repository))
          .add("tag", JsonValue::string_or_null(s.image.tag));
      skipped.push(std::move(entry));
    }
    if (lines) text += "\n  " + s.service + ": " + s.image.tag + " (already there, skipped)";
  }
  const auto link = result.pushed && publish.branch
                        ? pull_request_url(result.remote_url, result.branch, base)
                        : std::nullopt;
  if (plan.edits.empty() && plan.changes.empty()) text += "\nNothing to change.";
  if (result.applied.commit_id)
    text += "\nCommit " + result.applied.commit_id->substr(0, 12) + " on " + result.branch;
  if (result.pushed)
    text += ", pushed to " + redact_url(flags.remote) +
            (result.replays ? " (replayed on the remote's newer commits)" : "");
  if (link) text += "\nOpen a pull request: " + *link;
  auto extra = JsonValue::object();
  extra.add("branch", JsonValue::string_or_null(result.branch))
      .add("remote", flags.push ? JsonValue(redact_url(flags.remote)) : JsonValue())
      .add("pushed", result.pushed)
      .add("attempts", result.attempts)
      .add("replays", result.replays)
      .add("changed", changed)
      .add("skipped", skipped)
      .add("pull_request", link ? JsonValue(*link) : JsonValue());
  if (values.kind() != JsonValue::Kind::null) extra.add("values", values);
  print_apply_result(g, io, command, result.applied, text, extra);
  return 0;
}

}  // namespace gitopsgen::cli
