// `diff`: the values of one service that differ between two environments, path by path.
#pragma once

#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "generators/platform/settings.hpp"
#include "generators/workspace.hpp"

namespace gitopsgen {

// Every scalar of the YAML `text` (named `source` in errors) by dotted path, in document order:
// map keys joined by '.' (a key holding a dot in brackets: `a[eks.amazonaws.com/x]`), a list of
// maps that each have a distinct `name` by that name (an item of only name and value is its value:
// `env.LOG_LEVEL`, as set addresses it; other keys follow: `env.DB.valueFrom.secretKeyRef.key`),
// any other list by index (`args.0`); an empty map or list is "{}" or "[]", a null "null". Throws
// Error when the text does not parse.
std::vector<std::pair<std::string, std::string>> flatten_values(const std::string& text,
                                                                const std::string& source);

// One path whose value differs between the two environments.
struct ValueDifference {
  std::string path;
  std::optional<std::string> from;  // nothing when the path is absent there
  std::optional<std::string> to;
  bool promoted = false;  // true for image.tag and image.repository: what promote carries
};

// What `diff SERVICE --from ENV --to ENV` compares.
struct ValueDiffRequest {
  std::string service;
  std::string from;
  std::string to;
};

// The differing paths of `request.service`'s value files in the two environments, in the
// order of the `from` file then paths only in `to`; throws UsageError when both environments
// are the same, Error on an unknown service or environment or a file that does not parse.
std::vector<ValueDifference> diff_values(const Workspace& repo, const PlatformSettings& settings,
                                         const ValueDiffRequest& request);

}  // namespace gitopsgen
