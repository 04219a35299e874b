#include "generators/release/image_history.hpp"

#include <git2.h>

#include <cctype>
#include <map>
#include <memory>
#include <regex>

#include "generators/change/git_tree_workspace.hpp"
#include "generators/error.hpp"
#include "generators/git/git_handles.hpp"
#include "generators/services/add_service.hpp"
#include "generators/services/service_inventory.hpp"
#include "generators/services/service_spec.hpp"

namespace gitopsgen {
namespace {

using Diff = std::unique_ptr<git_diff, git::Deleter<git_diff, git_diff_free>>;

git::Commit lookup_commit(git_repository* repo, const git_oid& id) {
  git_commit* raw = nullptr;
  git::check(git_commit_lookup(&raw, repo, &id), "cannot read a commit");
  return git::Commit(raw);
}

git::Tree tree_of(const git_commit* commit) {
  git_tree* raw = nullptr;
  git::check(git_commit_tree(&raw, commit), "cannot read a commit's tree");
  return git::Tree(raw);
}

// The path `path` had in `parent` when `commit` renamed it there, as git's rename detection
// (git log --follow's) finds it; nothing when the commit created the file.
std::optional<std::string> renamed_from(git_repository* repo, const git_commit* parent,
                                        const git_commit* commit, const std::string& path) {
  const auto old_tree = tree_of(parent);
  const auto new_tree = tree_of(commit);
  git_diff* raw = nullptr;
  git::check(git_diff_tree_to_tree(&raw, repo, old_tree.get(), new_tree.get(), nullptr),
             "cannot compare a commit with its parent");
  Diff diff(raw);
  git_diff_find_options find = GIT_DIFF_FIND_OPTIONS_INIT;
  find.flags = GIT_DIFF_FIND_RENAMES;
  git::check(git_diff_find_similar(diff.get(), &find), "cannot detect renames");
  for (std::size_t i = 0; i < git_diff_num_deltas(diff.get()); ++i) {
    const auto* delta = git_diff_get_delta(diff.get(), i);
    if (delta->status == GIT_DELTA_RENAMED && path == delta->new_file.path)
      return std::string(delta->old_file.path);
  }
  return std::nullopt;
}

// Appends to `entries` the query's changes along first parents from HEAD; false when HEAD has no
// commit. `path` maps each environment to its value file's path at the commit being read.
bool walk(GitRepo& repo, const PlatformSettings& settings, const HistoryQuery& query,
          const std::vector<Environment>& envs, std::vector<HistoryEntry>& entries) {
  git_oid head;
  if (git_reference_name_to_id(&head, repo.raw(), "HEAD") != 0) return false;
  std::map<std::string, std::string> path;
  for (const auto& e : envs) path[e.name] = value_file_path(settings, query.service, e.name);
  auto commit = lookup_commit(repo.raw(), head);
  // Each commit's tree, read once: a commit's parent is the next commit read.
  std::optional<GitTreeWorkspace> after(std::in_place, repo.raw(), head);
  while (commit) {
    if (query.since && git_commit_time(commit.get()) < *query.since) break;
    git::Commit parent;
    if (git_commit_parentcount(commit.get()) > 0) {
      git_commit* raw = nullptr;
      git::check(git_commit_parent(&raw, commit.get(), 0), "cannot read a parent commit");
      parent.reset(raw);
    }
    std::optional<GitTreeWorkspace> before;
    if (parent) before.emplace(repo.raw(), *git_commit_id(parent.get()));
    for (const auto& e : envs) {
      auto& now_path = path[e.name];
      const auto new_id = after->blob_id(now_path);
      std::string old_path = now_path;
      auto old_id = before ? before->blob_id(old_path) : std::nullopt;
      if (new_id && !old_id && parent) {
        if (const auto from = renamed_from(repo.raw(), parent.get(), commit.get(), now_path)) {
          old_path = *from;
          old_id = before->blob_id(old_path);
        }
      }
      const bool changed = new_id.has_value() != old_id.has_value() ||
                           (new_id && !git_oid_equal(&*new_id, &*old_id));
      if (changed) {
        const auto old_image = old_id ? read_image(*before->read(old_path), old_path) : ImageRef{};
        const auto new_image = new_id ? read_image(*after->read(now_path), now_path) : ImageRef{};
        if (old_image != new_image) {
          const git_signature* author = git_commit_author(commit.get());
          entries.push_back({to_hex(*git_commit_id(commit.get())),
                             std::string(author->name) + " <" + author->email + ">",
                             static_cast<std::time_t>(author->when.time), author->when.offset,
                             e.name, old_image, new_image});
          if (query.limit && entries.size() >= *query.limit) return true;
        }
      }
      now_path = old_path;
    }
    commit = std::move(parent);
    after = std::move(before);
  }
  return true;
}

}  // namespace

std::vector<HistoryEntry> read_history(GitRepo& repo, const PlatformSettings& settings,
                                       const HistoryQuery& query) {
  validate_service_name(query.service);
  const auto envs =
      select_environments(settings, query.env.empty() ? std::vector<std::string>{}
                                                      : std::vector<std::string>{query.env});
  std::vector<HistoryEntry> entries;
  if (!walk(repo, settings, query, envs, entries) || !entries.empty()) return entries;
  // Nothing found: a service of the platform (now, or in an unfiltered walk) simply had no
  // change there; any other name is a mistake to report.
  git_oid head_id;
  git::check(git_reference_name_to_id(&head_id, repo.raw(), "HEAD"), "cannot read HEAD");
  const GitTreeWorkspace head(repo.raw(), head_id);
  for (const auto& e : settings.environments) {
    if (head.read(value_file_path(settings, query.service, e.name))) return entries;
  }
  if (query.limit || query.since || !query.env.empty()) {
    std::vector<HistoryEntry> all;
    walk(repo, settings, {query.service, "", std::nullopt, std::nullopt}, settings.environments,
         all);
    if (!all.empty()) return entries;
  }
  throw Error("'" + query.service + "' is no service of the platform, now or in its history");
}

namespace {

// Days since 1970-01-01 of a proleptic Gregorian date (Howard Hinnant's days_from_civil).
long long days_from_civil(long long y, unsigned m, unsigned d) {
  y -= m <= 2;
  const long long era = (y >= 0 ? y : y - 399) / 400;
  const auto yoe = static_cast<unsigned>(y - era * 400);
  const unsigned doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
  const unsigned doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
  return era * 146097 + static_cast<long long>(doe) - 719468;
}

}  // namespace

std::time_t parse_since(const std::string& text, std::time_t now) {
  const auto bad = [&] {
    return UsageError("--since '" + text +
                      "' is not a time: give YYYY-MM-DD, an ISO 8601 time (2026-12-01T09:30Z) or "
                      "N.days (minutes, hours, days, weeks)");
  };
  std::smatch m;
  static const std::regex absolute(
      R"((\d{4})-(\d{2})-(\d{2})(?:[T ](\d{2}):(\d{2})(?::(\d{2}))?(Z|[+-]\d{2}:\d{2})?)?)");
  static const std::regex relative(R"((\d{1,6})(?:\.| +)(minute|hour|day|week)s?(?: +ago)?)",
                                   std::regex::icase);
  if (std::regex_match(text, m, absolute)) {
    const int month = std::stoi(m[2]), day = std::stoi(m[3]);
    const int hour = m[4].matched ? std::stoi(m[4]) : 0,
              minute = m[5].matched ? std::stoi(m[5]) : 0;
    const int second = m[6].matched ? std::stoi(m[6]) : 0;
    if (month < 1 || month > 12 || day < 1 || day > 31 || hour > 23 || minute > 59 || second > 60)
      throw bad();
    long long t = days_from_civil(std::stoll(m[1]), static_cast<unsigned>(month),
                                  static_cast<unsigned>(day)) *
                      86400 +
                  hour * 3600 + minute * 60 + second;
    if (m[7].matched && m[7].str() != "Z") {
      const auto zone = m[7].str();
      const int offset = (std::stoi(zone.substr(1, 2)) * 60 + std::stoi(zone.substr(4, 2))) * 60;
      t -= zone[0] == '-' ? -offset : offset;
    }
    return static_cast<std::time_t>(t);
  }
  if (std::regex_match(text, m, relative)) {
    auto unit = m[2].str();
    for (auto& c : unit) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    const long long seconds = unit == "minute" ? 60
                              : unit == "hour" ? 3600
                              : unit == "day"  ? 86400
                                               : 604800;
    return now - static_cast<std::time_t>(std::stoll(m[1]) * seconds);
  }
  throw bad();
}

}  // namespace gitopsgen
