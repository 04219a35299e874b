// A service's image tags through the git history: every change, following renamed value files.
#pragma once

#include <cstddef>
#include <ctime>
#include <optional>
#include <string>
#include <vector>

#include "generators/git/git_repo.hpp"
#include "generators/platform/settings.hpp"
#include "generators/release/release.hpp"

namespace gitopsgen {

// One change of a service's image in the git history.
struct HistoryEntry {
  std::string commit;  // hex id
  std::string author;  // "Name <email>"
  std::time_t time;    // the author's time
  int offset_minutes;
  std::string env;
  ImageRef before;  // empty when the value file was created
  ImageRef after;   // empty when it was deleted
};

// Which changes `read_history` returns.
struct HistoryQuery {
  std::string service;
  std::string env;                   // empty: every environment
  std::optional<std::size_t> limit;  // at most this many, the newest
  std::optional<std::time_t> since;  // only commits made (committer time) at or after this
};

// The changes of the query's service's image reachable from HEAD along first parents, newest
// first; a value file that a commit renamed (`migrate rename-chart`) is followed to its old path.
// Throws Error on an unknown environment, and on a name that is no service now and was none in
// the history.
std::vector<HistoryEntry> read_history(GitRepo& repo, const PlatformSettings& settings,
                                       const HistoryQuery& query);

// The time `text` names, relative to `now` where it is relative: `YYYY-MM-DD` (midnight UTC),
// ISO 8601 `YYYY-MM-DDTHH:MM[:SS]` with `Z` or `±HH:MM` (UTC without one), or `N.unit` /
// `N unit ago` for minutes, hours, days, weeks; throws UsageError naming `text` otherwise.
std::time_t parse_since(const std::string& text, std::time_t now);

}  // namespace gitopsgen
