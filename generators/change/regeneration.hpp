// Generating files again without losing a byte: each file is merged three ways, from the bytes
// gitopsgen last generated (the generation record's base) to the new output, into the file as it
// is, so hand edits that do not touch what changed survive; the rest is refused, by line.
#pragma once

#include <deque>
#include <functional>
#include <map>
#include <optional>
#include <set>
#include <string>
#include <vector>

#include "generators/change/generation_record.hpp"
#include "generators/change/three_way_merge.hpp"
#include "generators/changeset.hpp"

namespace gitopsgen {

// Reads the blob `id` (hex) from the repository's objects, or nothing when it holds none.
using BlobLookup = std::function<std::optional<std::string>(const std::string& id)>;

// How a run regenerates: where bases come from and how the user settled conflicts.
struct RegenerationOptions {
  BlobLookup blobs;  // empty: no repository, only base copies
  // True for a path the checks before writing refuse in their own words (uncommitted changes, a
  // symbolic link): where such a file cannot be merged, the new output is planned over it, so
  // that those checks name the real cause.
  std::function<bool(const std::string& path)> checked_later;
  std::set<std::string> take_new;   // paths whose new output replaces the file, edits and all
  std::set<std::string> keep_file;  // paths kept as they are, the new output declined
  std::string version;              // the gitopsgen version written into each record
  // True when adopting files gitopsgen did not write: one no record lists is kept as it is and
  // the new output recorded as its base, so that its differences count as hand edits.
  bool adopt = false;
};

// What regenerating one file did.
enum class FileOutcome { created, unchanged, updated, merged, kept, removed, conflict, adopted };

// One file's outcome; `why` and `regions` explain a conflict.
struct FileReport {
  std::string path;
  FileOutcome outcome;
  std::string why;
  std::vector<ConflictRegion> regions;
};

// The reports of a run, in order; a deque, so that 70,000 of them grow without a copy.
using FileReports = std::deque<FileReport>;

// The word for `outcome` in reports: "created", "merged", "conflict", ...
const char* outcome_name(FileOutcome outcome);

// The generated files of one run, recorded into a ChangeSet with their generation records.
class Regeneration {
 public:
  // Regenerates into `changes`, reading the files as they are through `view` (the ChangeSet's
  // base with `changes` applied).
  Regeneration(ChangeSet& changes, const Workspace& view, RegenerationOptions options);

  // Writes `generated` as the new output for `path`, a file of record `owner`: a new file is
  // created; an existing one is merged three ways with the base its record names. A conflict is
  // noted (see finish), and the file left as it is.
  void write(const std::string& owner, const std::string& path, std::string generated,
             YamlChecked checked = YamlChecked::no);
  // Records `generated` as what gitopsgen generated for `path`, a file of record `owner` that
  // the run writes otherwise (a copy), so that later runs merge from it; the file is not changed.
  void adopt(const std::string& owner, const std::string& path, const std::string& generated);
  // Deletes `path` (when present) and its entry in record `owner`.
  void remove(const std::string& owner, const std::string& path);
  // Deletes each file record `owner` lists that this run has not written (its template is gone,
  // or now renders nothing) when it is as generated; one edited since is a conflict.
  void retire_unwritten(const std::string& owner);
  // Sets the inputs and the templates digest record `owner` keeps.
  void set_inputs(const std::string& owner, std::string inputs, std::string templates);
  // Sets the inputs of record `owner`, keeping its templates digest.
  void set_inputs(const std::string& name, std::string inputs) {
    set_inputs(name, std::move(inputs), owner(name).after.templates);
  }
  // Drops record `owner` entirely (a removed service), with the base copies of its files.
  void drop(const std::string& owner);
  // Puts record `owner` into the change now, as finish would, and frees what the run kept of it
  // (a bulk apply settles each service once written: 70,000 paths need not wait for finish);
  // the run must not name `owner` again, which throws Error.
  void settle(const std::string& owner);
  // The record of `owner` as this run leaves it so far.
  const GenerationRecord& pending(const std::string& owner) { return this->owner(owner).after; }
  // The change the files are written into.
  ChangeSet& changes() { return *changes_; }
  // The record of `owner` as the repository holds it, or nothing; throws Error when malformed.
  const GenerationRecord* recorded(const std::string& owner);
  // Every file written, merged or refused so far, in order.
  const FileReports& reports() const { return reports_; }
  // The reports, moved out (70,000 of them in a bulk apply): for the end of a run.
  FileReports take_reports() { return std::move(reports_); }
  // True when some file is in conflict.
  bool has_conflicts() const;
  // Puts every changed record into `changes`; throws Error listing each conflict by file and
  // lines, and how to settle it, when there is one (the caller then writes nothing).
  void finish();

 private:
  struct Owner {
    std::optional<GenerationRecord> before;  // as the repository holds it
    GenerationRecord after;
    // The paths this run wrote, kept only where the repository held a record: a new record
    // lists nothing but what this run wrote (70,000 paths a bulk apply need not keep).
    std::set<std::string> written;
    bool dropped = false;
    bool settled = false;
  };
  Owner& owner(const std::string& name);
  // Puts the record of `o`, named `name`, into the change where it differs from the one read.
  void put_record(const std::string& name, Owner& o);
  // The bytes last generated for `path`, whose blob id is `id`; nothing when none is found.
  std::optional<std::string> base_bytes(const std::string& path, const std::string& id,
                                        const std::string& ours) const;
  void conflict(const std::string& path, std::string why, std::vector<ConflictRegion> regions);
  // Plans `generated` over `path` when the checks before writing will refuse it (see
  // checked_later); false otherwise.
  bool defer_to_local_check(const std::string& path, const std::string& generated,
                            YamlChecked checked);

  ChangeSet* changes_;
  const Workspace* view_;
  RegenerationOptions options_;
  std::map<std::string, Owner> owners_;
  FileReports reports_;
};

// Renames, in every generation record of `repo` and among the base copies, each path `moves`
// maps (old path → new path), as `changes` moves the files themselves.
void move_recorded_files(ChangeSet& changes, const Workspace& repo,
                         const std::map<std::string, std::string>& moves);

}  // namespace gitopsgen
