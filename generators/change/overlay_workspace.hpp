// A repository as a pending ChangeSet would leave it, for planning one change on top of another.
#pragma once

#include "generators/changeset.hpp"

namespace gitopsgen {

// A read-only Workspace showing `changes` applied to their base.
class OverlayWorkspace : public Workspace {
 public:
  // Views `changes` (which must outlive this view) over its base `base`.
  OverlayWorkspace(const Workspace& base, const ChangeSet& changes)
      : base_(base), changes_(changes) {}
  std::optional<std::string> read(const std::string& path) const override;
  bool is_directory(const std::string& path) const override;
  std::vector<std::string> list_files(const std::string& dir) const override;

 private:
  const Workspace& base_;
  const ChangeSet& changes_;
};

}  // namespace gitopsgen
