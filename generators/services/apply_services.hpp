// `apply -f SERVICES.yaml`: make the platform hold exactly the services a file lists, one commit.
#pragma once

#include <functional>
#include <string>
#include <vector>

#include "generators/services/add_service.hpp"

namespace gitopsgen {

// The change of one apply run and what it did to each service.
struct ApplyServicesPlan {
  ChangeSet changes;
  std::vector<std::string> added, updated, removed, unchanged;
  std::vector<SecretInstruction> secrets;
  std::string message;
  FileReports files;  // what happened to each generated file
};

// Reports planning progress: services done out of the total.
using Progress = std::function<void(std::size_t done, std::size_t total)>;

// Plans `text` (a services file named `source`) against `repo`: missing services are created as
// add-service would; existing ones are generated anew from their entry (every field converges;
// a tag moves only where the entry names one) and merged three ways with their hand edits, a
// file that cannot be merged refused; environments an entry no longer lists lose the service;
// with `prune`, services the file does not list are removed. Every entry is checked first: when any
// is invalid, throws Error whose lines name each invalid entry's file, line and service, and
// nothing is planned.
ApplyServicesPlan plan_apply_services(const Workspace& repo, const ScaffoldSource& scaffolds,
                                      const PlatformSettings& settings, const std::string& text,
                                      const std::string& source, bool prune,
                                      const Progress& progress = {},
                                      const RegenerationOptions& options = {});

}  // namespace gitopsgen
