// Reading a failed `helm template`'s complaint: its lines, the values it names, and where in a
// platform's value files those values are set.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "generators/workspace.hpp"

namespace gitopsgen {

// Helm's complaint as lines, trailing spaces, blank lines and its "--debug" hint dropped.
std::vector<std::string> helm_reason_lines(const std::string& text);

// The `.Values` key paths ("ingress.hosts") a complaint names: `<.Values.a.b>` in its lines, then
// those on the template line it points at ("chart/templates/x.yaml:37:19", read from the chart at
// `chart_path` in `repo`) or, when that line reads none, on the nearest of the 5 lines above it
// that does; each once, in that order.
std::vector<std::string> helm_value_paths(const std::vector<std::string>& reason,
                                          const Workspace& repo, const std::string& chart_path);

// Where a value is set in a value file.
struct ValueLocation {
  std::string file;  // the repository path of the value file
  int line = 0;      // the line of the key
  std::string key;   // the key path found: the one asked for, or its longest prefix that is set
};

// The value file of `files` (repository paths, in Helm's order: the last one wins) that sets
// `key_path`, or else the longest prefix of it, with the line of that key; nothing when none
// sets even its first key or none parses.
std::optional<ValueLocation> locate_value(const Workspace& repo,
                                          const std::vector<std::string>& files,
                                          const std::string& key_path);

}  // namespace gitopsgen
