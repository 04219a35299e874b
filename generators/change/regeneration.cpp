#include "generators/change/regeneration.hpp"

#include <algorithm>

#include "generators/error.hpp"
#include "generators/git/git_repo.hpp"

namespace gitopsgen {

const char* outcome_name(FileOutcome outcome) {
  switch (outcome) {
    case FileOutcome::created:
      return "created";
    case FileOutcome::unchanged:
      return "unchanged";
    case FileOutcome::updated:
      return "updated";
    case FileOutcome::merged:
      return "merged";
    case FileOutcome::kept:
      return "kept";
    case FileOutcome::removed:
      return "removed";
    case FileOutcome::conflict:
      return "conflict";
    case FileOutcome::adopted:
      return "adopted";
  }
  return "unknown";
}

Regeneration::Regeneration(ChangeSet& changes, const Workspace& view, RegenerationOptions options)
    : changes_(&changes), view_(&view), options_(std::move(options)) {}

Regeneration::Owner& Regeneration::owner(const std::string& name) {
  auto found = owners_.find(name);
  if (found != owners_.end()) {
    if (found->second.settled)
      throw Error("internal error: the generation record of " + name + " is already settled");
    return found->second;
  }
  Owner fresh;
  const auto path = record_path(name);
  if (const auto text = view_->read(path)) {
    fresh.before = parse_record(*text, path);
    fresh.after = *fresh.before;
  }
  return owners_.emplace(name, std::move(fresh)).first->second;
}

const GenerationRecord* Regeneration::recorded(const std::string& name) {
  const auto& o = owner(name);
  return o.before ? &*o.before : nullptr;
}

void Regeneration::set_inputs(const std::string& name, std::string inputs, std::string templates) {
  auto& o = owner(name);
  o.after.inputs = std::move(inputs);
  o.after.templates = std::move(templates);
  o.dropped = false;
}

void Regeneration::drop(const std::string& name) {
  auto& o = owner(name);
  for (const auto& entry : o.after.files) changes_->remove(base_copy_path(entry.first));
  o.after = GenerationRecord{};
  o.dropped = true;
}

std::optional<std::string> Regeneration::base_bytes(const std::string& path, const std::string& id,
                                                    const std::string& ours) const {
  if (blob_id(ours) == id) return ours;
  if (options_.blobs)
    if (auto bytes = options_.blobs(id)) return bytes;
  if (auto copy = view_->read(base_copy_path(path)); copy && blob_id(*copy) == id) return copy;
  return std::nullopt;
}

void Regeneration::conflict(const std::string& path, std::string why,
                            std::vector<ConflictRegion> regions) {
  reports_.push_back({path, FileOutcome::conflict, std::move(why), std::move(regions)});
}

bool Regeneration::defer_to_local_check(const std::string& path, const std::string& generated,
                                        YamlChecked checked) {
  if (!options_.checked_later || !options_.checked_later(path)) return false;
  changes_->put(path, generated, checked);
  reports_.push_back({path, FileOutcome::updated, {}, {}});
  return true;
}

void Regeneration::write(const std::string& name, const std::string& path, std::string generated,
                         YamlChecked checked) {
  auto& o = owner(name);
  // Only a record read from the repository can list a file this run does not write.
  if (o.before) o.written.insert(path);
  const auto ours = view_->read(path);
  const auto recorded = o.after.files.find(path);
  // Hashed once: the commit stores the new bytes under the same id.
  const auto oid = blob_oid(generated);
  const auto id = to_hex(oid);
  const bool take_new = options_.take_new.count(path) > 0;
  const bool keep_file = options_.keep_file.count(path) > 0;
  auto finish_file = [&](FileOutcome outcome, const std::string& committed) {
    // Bytes committed as generated are their own base; bytes generated before are found where
    // they were; only new bytes that are not committed need a copy.
    if (committed == generated)
      changes_->remove(base_copy_path(path));
    else if (recorded == o.after.files.end() || recorded->second != id)
      changes_->put(base_copy_path(path), generated);
    o.after.files[path] = id;
    reports_.push_back({path, outcome, {}, {}});
  };
  // A file that cannot be merged: kept as it is with --keep-file (a deleted one stays deleted
  // and leaves the record), else left to the checks before writing, else a conflict.
  auto unmergeable = [&](std::string why, std::vector<ConflictRegion> regions) {
    if (keep_file && ours) {
      finish_file(FileOutcome::kept, *ours);
    } else if (keep_file) {
      o.after.files.erase(path);
      changes_->remove(base_copy_path(path));
      reports_.push_back({path, FileOutcome::kept, {}, {}});
    } else if (!defer_to_local_check(path, generated, checked)) {
      conflict(path, std::move(why), std::move(regions));
    }
  };
  if (!ours) {
    if (recorded != o.after.files.end() && !take_new)
      return unmergeable("deleted since gitopsgen generated it", {});
    finish_file(FileOutcome::created, generated);
    return changes_->put(path, std::move(generated), checked, oid);
  }
  if (*ours == generated) return finish_file(FileOutcome::unchanged, generated);
  if (options_.adopt && recorded == o.after.files.end())
    return finish_file(FileOutcome::adopted, *ours);
  if (take_new) {
    changes_->replace(path, *ours, generated, checked, oid);
    return finish_file(FileOutcome::updated, generated);
  }
  if (recorded == o.after.files.end())
    return unmergeable(
        "not in the generation record: written by hand, or before gitopsgen kept one", {});
  const auto base = base_bytes(path, recorded->second, *ours);
  if (!base)
    return unmergeable("the bytes gitopsgen last generated, blob " +
                           recorded->second.substr(0, 12) +
                           ", are in no object of this repository: fetch them",
                       {});
  auto merge = merge_three_way(*base, *ours, generated);
  if (!merge.conflicts.empty()) return unmergeable("", std::move(merge.conflicts));
  const auto outcome = *base == *ours ? FileOutcome::updated : FileOutcome::merged;
  // A merge made new bytes nobody has parsed; the new output alone was checked by its maker.
  const bool as_generated = merge.merged == generated;
  if (merge.merged != *ours)
    changes_->replace(path, *ours, merge.merged, as_generated ? checked : YamlChecked::no,
                      as_generated ? std::optional(oid) : std::nullopt);
  finish_file(merge.merged == *ours ? FileOutcome::unchanged : outcome, merge.merged);
}

void Regeneration::adopt(const std::string& name, const std::string& path,
                         const std::string& generated) {
  auto& o = owner(name);
  // Only a record read from the repository can list a file this run does not write.
  if (o.before) o.written.insert(path);
  o.after.files[path] = blob_id(generated);
  if (view_->read(path) == generated)
    changes_->remove(base_copy_path(path));
  else
    changes_->put(base_copy_path(path), generated);
}

void Regeneration::remove(const std::string& name, const std::string& path) {
  auto& o = owner(name);
  if (view_->read(path)) {
    changes_->remove(path);
    reports_.push_back({path, FileOutcome::removed, {}, {}});
  }
  o.after.files.erase(path);
  changes_->remove(base_copy_path(path));
}

void Regeneration::retire_unwritten(const std::string& name) {
  auto& o = owner(name);
  std::vector<std::pair<std::string, std::string>> unwritten;
  for (const auto& [path, id] : o.after.files)
    if (!o.written.count(path)) unwritten.emplace_back(path, id);
  for (const auto& [path, id] : unwritten) {
    const auto ours = view_->read(path);
    if (ours && blob_id(*ours) != id && !options_.take_new.count(path)) {
      if (options_.keep_file.count(path)) {
        o.after.files.erase(path);
        changes_->remove(base_copy_path(path));
        reports_.push_back({path, FileOutcome::kept, {}, {}});
      } else {
        conflict(path, "no longer generated, but edited since gitopsgen generated it", {});
      }
      continue;
    }
    remove(name, path);
  }
}

bool Regeneration::has_conflicts() const {
  return std::any_of(reports_.begin(), reports_.end(),
                     [](const FileReport& r) { return r.outcome == FileOutcome::conflict; });
}

void Regeneration::finish() {
  if (has_conflicts()) {
    std::size_t count = 0;
    std::string where;
    for (const auto& r : reports_) {
      if (r.outcome != FileOutcome::conflict) continue;
      ++count;
      where += (where.empty() ? "" : "; ") + r.path + " ";
      if (r.regions.empty()) where += "(" + r.why + ")";
      for (std::size_t i = 0; i < r.regions.size(); ++i)
        where += (i ? ", " : "") + describe_region(r.regions[i]);
    }
    // One line: each file and where its hand edit meets the new output.
    throw Error(std::to_string(count) + " file(s) changed by hand where the new output changes " +
                "them too, so nothing was changed: " + where +
                " (edit them and run again, or settle each with --take-new FILE or " +
                "--keep-file FILE)");
  }
  for (auto& [name, o] : owners_)
    if (!o.settled) put_record(name, o);
}

void Regeneration::settle(const std::string& name) {
  auto& o = owner(name);
  put_record(name, o);
  o = Owner{};
  o.settled = true;
}

void Regeneration::put_record(const std::string& name, Owner& o) {
  const auto path = record_path(name);
  if (o.after.files.empty()) {
    if (o.before) changes_->remove(path);
    return;
  }
  if (o.before && o.after == *o.before) return;
  o.after.version = options_.version;
  changes_->put(path, format_record(o.after));
}

void move_recorded_files(ChangeSet& changes, const Workspace& repo,
                         const std::map<std::string, std::string>& moves) {
  if (moves.empty()) return;
  for (const auto& path : repo.list_files(kRecordDir)) {
    auto record = parse_record(*changes.read_after(path), path);
    std::map<std::string, std::string> files;
    bool moved = false;
    for (const auto& [file, id] : record.files) {
      const auto to = moves.find(file);
      moved |= to != moves.end();
      files.emplace(to == moves.end() ? file : to->second, id);
    }
    if (!moved) continue;
    record.files = std::move(files);
    changes.put(path, format_record(record));
  }
  for (const auto& [from, to] : moves) {
    auto copy = changes.read_after(base_copy_path(from));
    if (!copy) continue;
    changes.put(base_copy_path(to), std::move(*copy));
    changes.remove(base_copy_path(from));
  }
}

}  // namespace gitopsgen
