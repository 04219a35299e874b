// Committing a release and pushing it, replaying it on a remote that moved on.
#pragma once

#include <optional>
#include <string>

#include "generators/change/apply_changes.hpp"
#include "generators/git/git_remote.hpp"
#include "generators/release/release.hpp"

namespace gitopsgen {

// Where a release goes beyond the local commit.
struct PublishOptions {
  std::optional<std::string> branch;  // commit on this new branch, leaving HEAD where it is
  std::optional<std::string> remote;  // push to this remote name, URL or path
  int max_attempts = 3;               // fetch → replay → push rounds before giving up
};

// What publishing did.
struct PublishResult {
  ApplyResult applied;
  std::string branch;  // the branch that holds the release
  bool pushed = false;
  std::string remote_url;  // the URL pushed to, credentials redacted; empty when not pushed
  int attempts = 0;        // push rounds used
  int replays = 0;         // times the release was replayed on a newer remote head
};

// Commits `plan` per `options` (or only diffs it on a dry run), then pushes when asked; a branch
// holding commits the remote lacks is refused before anything is committed. When the
// remote moved on, fetches, applies the same edits on the remote head and pushes again, at most
// `max_attempts` times. When an edit no longer applies, throws Error saying so and keeps the
// commit on a branch named `gitopsgen/conflict-<id>`, the original branch put back as it was.
PublishResult publish_release(GitRepo& repo, const std::filesystem::path& root,
                              const PlatformSettings& settings, const ReleasePlan& plan,
                              ApplyOptions options, const PublishOptions& publish,
                              const RemoteAuth& auth);

}  // namespace gitopsgen
