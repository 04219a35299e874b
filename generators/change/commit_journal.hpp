// The record a commit leaves in the git directory while it changes the work tree, so that a run
// killed half-way can be rolled back or forward by the next one.
#pragma once

#include <git2.h>

#include <filesystem>
#include <optional>
#include <string>
#include <vector>

namespace gitopsgen {

// One file of the interrupted change: its blob before and after (absent: no file).
struct JournalEntry {
  std::string path;
  std::optional<git_oid> before;
  std::optional<git_oid> after;
};

// A commit in progress: the branch tip before it, the commit it makes, and every file it touches.
struct CommitJournal {
  std::optional<git_oid> head_before;  // absent while the branch is unborn
  git_oid commit{};
  std::vector<JournalEntry> entries;
};

// The journal's file in `git_dir`.
std::filesystem::path journal_path(const std::filesystem::path& git_dir);

// Writes `journal` to `git_dir` atomically; throws Error.
void write_journal(const std::filesystem::path& git_dir, const CommitJournal& journal);

// The journal in `git_dir`, or nothing when no commit was interrupted; throws Error when the file
// is not a journal this version wrote.
std::optional<CommitJournal> read_journal(const std::filesystem::path& git_dir);

// Removes the journal from `git_dir`, if there is one.
void remove_journal(const std::filesystem::path& git_dir) noexcept;

}  // namespace gitopsgen
