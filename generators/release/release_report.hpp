// What release managers read: the tag matrix now, and each tag change in the history.
#pragma once

#include <ctime>
#include <optional>
#include <string>
#include <vector>

#include "generators/git/git_repo.hpp"
#include "generators/platform/settings.hpp"
#include "generators/release/release.hpp"

namespace gitopsgen {

// How an environment's image stands against the nearest earlier environment that deploys the
// service: the same, behind it (an older tag: not yet promoted), ahead of it (a newer tag), or
// different where the tags do not order (no versions, or equal versions in other repositories).
enum class Drift { same, behind, ahead, differs };

// "same", "behind", "ahead" or "differs".
const char* drift_name(Drift drift);

// One service's images across the platform's environments, in platform order.
struct StatusRow {
  std::string service;
  std::vector<std::optional<ImageRef>> images;  // nothing where the service is not deployed
  std::vector<Drift> drift;  // against the nearest earlier environment that deploys it
};

// How `image` stands against `earlier`, the image of the environment before it.
Drift drift_of(const ImageRef& earlier, const ImageRef& image);

// The services × environments matrix of `repo`'s platform, services sorted by name.
std::vector<StatusRow> read_status(const Workspace& repo, const PlatformSettings& settings);

// One change of a service's image in the git history.
struct HistoryEntry {
  std::string commit;  // hex id
  std::string author;  // "Name <email>"
  std::time_t time;
  int offset_minutes;
  std::string env;
  ImageRef before;  // empty when the value file was created
  ImageRef after;   // empty when it was deleted
};

// Every change of `service`'s image (in `env`, or every environment when empty) reachable from
// HEAD along first parents, newest first; throws Error on an unknown environment.
std::vector<HistoryEntry> read_history(GitRepo& repo, const PlatformSettings& settings,
                                       const std::string& service, const std::string& env);

}  // namespace gitopsgen
