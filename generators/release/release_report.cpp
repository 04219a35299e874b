#include "generators/release/release_report.hpp"

#include <map>

#include "generators/change/git_tree_workspace.hpp"
#include "generators/error.hpp"
#include "generators/release/version_order.hpp"
#include "generators/services/add_service.hpp"
#include "generators/services/service_inventory.hpp"
#include "generators/services/service_spec.hpp"

namespace gitopsgen {

const char* drift_name(Drift drift) {
  switch (drift) {
    case Drift::same:
      return "same";
    case Drift::behind:
      return "behind";
    case Drift::ahead:
      return "ahead";
    case Drift::differs:
      return "differs";
  }
  return "differs";
}

Drift drift_of(const ImageRef& earlier, const ImageRef& image) {
  if (earlier == image) return Drift::same;
  // The tags say which release is newer, even where a promotion also moves the repository.
  const auto order = compare_versions(image.tag, earlier.tag);
  if (!order || *order == 0) return Drift::differs;  // "1.0" and "1.0.0": equal, yet not alike
  return *order < 0 ? Drift::behind : Drift::ahead;
}

std::vector<StatusRow> read_status(const Workspace& repo, const PlatformSettings& settings) {
  std::map<std::string, StatusRow> rows;
  const auto& envs = settings.environments;
  for (const auto& instance : list_service_instances(repo, settings)) {
    auto& row = rows[instance.service];
    if (row.service.empty()) {
      row.service = instance.service;
      row.images.resize(envs.size());
      row.drift.resize(envs.size(), Drift::same);
    }
    for (std::size_t i = 0; i < envs.size(); ++i) {
      if (envs[i].name == instance.env)
        row.images[i] = read_image(*repo.read(instance.value_file), instance.value_file);
    }
  }
  std::vector<StatusRow> out;
  for (auto& [name, row] : rows) {
    const ImageRef* previous = nullptr;
    for (std::size_t i = 0; i < envs.size(); ++i) {
      if (!row.images[i]) continue;
      if (previous) row.drift[i] = drift_of(*previous, *row.images[i]);
      previous = &*row.images[i];
    }
    out.push_back(std::move(row));
  }
  return out;
}

std::vector<HistoryEntry> read_history(GitRepo& repo, const PlatformSettings& settings,
                                       const std::string& service, const std::string& env) {
  validate_service_name(service);
  const auto envs = select_environments(
      settings, env.empty() ? std::vector<std::string>{} : std::vector<std::string>{env});
  std::vector<HistoryEntry> entries;
  git_oid current;
  if (git_reference_name_to_id(&current, repo.raw(), "HEAD") != 0) return entries;
  git::Commit commit;
  {
    git_commit* raw = nullptr;
    git::check(git_commit_lookup(&raw, repo.raw(), &current), "cannot read HEAD");
    commit.reset(raw);
  }
  while (commit) {
    git::Commit parent;
    if (git_commit_parentcount(commit.get()) > 0) {
      git_commit* raw = nullptr;
      git::check(git_commit_parent(&raw, commit.get(), 0), "cannot read a parent commit");
      parent.reset(raw);
    }
    const GitTreeWorkspace after(repo.raw(), *git_commit_id(commit.get()));
    const std::optional<GitTreeWorkspace> before =
        parent ? std::optional<GitTreeWorkspace>(std::in_place, repo.raw(),
                                                 *git_commit_id(parent.get()))
               : std::nullopt;
    for (const auto& e : envs) {
      const auto path = value_file_path(settings, service, e.name);
      const auto new_id = after.blob_id(path);
      const auto old_id = before ? before->blob_id(path) : std::nullopt;
      if (new_id.has_value() == old_id.has_value() &&
          (!new_id || git_oid_equal(&*new_id, &*old_id)))
        continue;  // the file did not change in this commit
      const auto old_image = old_id ? read_image(*before->read(path), path) : ImageRef{};
      const auto new_image = new_id ? read_image(*after.read(path), path) : ImageRef{};
      if (old_image == new_image) continue;
      const git_signature* author = git_commit_author(commit.get());
      entries.push_back({to_hex(*git_commit_id(commit.get())),
                         std::string(author->name) + " <" + author->email + ">",
                         static_cast<std::time_t>(author->when.time), author->when.offset, e.name,
                         old_image, new_image});
    }
    commit = std::move(parent);
  }
  return entries;
}

}  // namespace gitopsgen
