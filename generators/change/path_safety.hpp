// Keeping every write inside the repository.
#pragma once

#include <filesystem>

#include "generators/changeset.hpp"

namespace gitopsgen {

// Throws Error unless writing every path of `changes` under `root` stays inside `root`: no file
// to write or remove is a symbolic link, and no directory on its way is a symbolic link leading
// outside `root`.
void check_paths_stay_inside(const std::filesystem::path& root, const ChangeSet& changes);

}  // namespace gitopsgen
