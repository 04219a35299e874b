#include "generators/release/release_publish.hpp"

#include "generators/change/changeset_checks.hpp"
#include "generators/change/git_tree_workspace.hpp"
#include "generators/error.hpp"

namespace gitopsgen {
namespace {

// Commits the release on a new branch without touching HEAD, the index or the work tree.
ApplyResult commit_on_new_branch(GitRepo& repo, const ReleasePlan& plan,
                                 const ApplyOptions& options, const std::string& branch) {
  ApplyResult result =
      apply_changes(&repo, {}, plan.changes, {ApplyOptions::Mode::dry_run, options.message});
  const auto head = repo.head_commit();
  if (!head) throw Error("the repository has no commit to branch from");
  const auto commit = repo.write_commit_on(head, plan.changes, options.message);
  repo.create_branch(branch, commit);
  result.commit_id = to_hex(commit);
  return result;
}

// Keeps `commit` on a conflict branch and puts `branch` back at `original`, then throws.
[[noreturn]] void keep_and_fail(GitRepo& repo, const git_oid& commit, const std::string& branch,
                                bool checked_out, const std::optional<git_oid>& original,
                                const std::string& why) {
  const std::string keep = "gitopsgen/conflict-" + to_hex(commit).substr(0, 12);
  repo.create_branch(keep, commit);
  if (checked_out && original)
    repo.move_head_to(*original, "gitopsgen: undo release after conflict");
  throw NeedsPerson(why + "; nothing was pushed and your commit is kept on branch " + keep +
                    (checked_out ? " (" + branch + " is back where it was)" : ""));
}

}  // namespace

PublishResult publish_release(GitRepo& repo, const std::filesystem::path& root,
                              const PlatformSettings& settings, const ReleasePlan& plan,
                              ApplyOptions options, const PublishOptions& publish,
                              const RemoteAuth& auth) {
  PublishResult result;
  const auto original = repo.head_commit();
  const bool checked_out = !publish.branch;
  result.branch = publish.branch ? *publish.branch : repo.head_branch();
  if (options.mode != ApplyOptions::Mode::commit || plan.changes.empty()) {
    result.applied = apply_changes(&repo, root, plan.changes, options);
    return result;
  }
  // Reach the remote before committing: a wrong remote or credentials change nothing.
  std::optional<Remote> remote;
  std::optional<std::optional<git_oid>> fetched;
  if (publish.remote) {
    remote.emplace(repo, *publish.remote, auth);
    fetched = remote->fetch_branch(result.branch);
    // A replay rebuilds the release on the remote's head; commits of the branch that the remote
    // lacks would fall off it. Only the release itself may be unpushed.
    if (*fetched && original && !repo.contains(**fetched, *original))
      throw NeedsPerson((checked_out ? result.branch : "HEAD") + " has commits that are not on " +
                        remote->display_url() + ": push or drop them first, then release");
  }
  result.applied = checked_out ? apply_changes(&repo, root, plan.changes, options)
                               : commit_on_new_branch(repo, plan, options, result.branch);
  if (!remote) return result;

  const std::string local_ref = "refs/heads/" + result.branch;
  for (result.attempts = 1; result.attempts <= publish.max_attempts; ++result.attempts) {
    const auto local = *repo.ref_target(local_ref);
    const auto remote_head = fetched ? *fetched : remote->fetch_branch(result.branch);
    fetched.reset();
    if (remote_head && !repo.contains(local, *remote_head)) {
      // The remote moved on: make the same edits on top of what it has now.
      try {
        const GitTreeWorkspace upstream(repo.raw(), *remote_head);
        const auto changes = apply_image_edits(upstream, settings, plan.edits);
        // The replayed commit passes the checks every commit passes: the remote's own new
        // content (a secret pushed past gitopsgen, say) is in the files it rewrites.
        try {
          check_changeset(changes);
        } catch (const Error& e) {
          throw EditConflict(e.what());
        }
        const auto rebased = changes.empty()
                                 ? *remote_head
                                 : repo.write_commit_on(remote_head, changes, options.message);
        if (checked_out) {
          repo.move_head_to(rebased, "gitopsgen: release replayed on " + remote->display_url());
        } else {
          git_reference* raw = nullptr;
          git::check(git_reference_create(&raw, repo.raw(), local_ref.c_str(), &rebased, 1,
                                          "gitopsgen: release replayed"),
                     "cannot move " + local_ref);
          git_reference_free(raw);
        }
        result.applied.commit_id = to_hex(rebased);
        ++result.replays;
        if (changes.empty()) return result;  // the remote already holds every edit
      } catch (const EditConflict& e) {
        keep_and_fail(
            repo, local, result.branch, checked_out, original,
            std::string("cannot replay the release on the remote's new commits: ") + e.what());
      }
    }
    PushOutcome outcome;
    try {
      outcome = remote->push(local_ref, result.branch);
    } catch (const Error& e) {
      throw Error(std::string(e.what()) + "; the release is committed on " + result.branch + " (" +
                  result.applied.commit_id->substr(0, 12) + ") but not pushed");
    }
    if (outcome == PushOutcome::pushed) {
      result.pushed = true;
      result.remote_url = remote->display_url();
      return result;
    }
  }
  throw Error("the remote " + remote->display_url() + " kept moving; gave up after " +
              std::to_string(publish.max_attempts) + " attempts; the release is committed on " +
              result.branch + " but not pushed");
}

}  // namespace gitopsgen
