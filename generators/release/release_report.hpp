// What release managers read: the tag matrix of the platform now.
#pragma once

#include <optional>
#include <string>
#include <vector>

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

}  // namespace gitopsgen
