// `adopt`, first step: the guide's layout read from a repository gitopsgen did not write — the
// shared chart, the environments and the Application of each service in each of them.
#pragma once

#include <map>
#include <string>
#include <vector>

#include "generators/platform/settings.hpp"
#include "generators/workspace.hpp"

namespace gitopsgen {

// Facts the user gives adopt where the files do not tell them, keyed by init's flag without its
// dashes ("platform", "envs", "registry", ...; "namespace.ENV" for one environment's namespace).
using AdoptFacts = std::map<std::string, std::string>;

// One setting adopt settled, its value and where it came from (a file, or the flag that gave it).
struct AdoptedFact {
  std::string setting;
  std::string value;
  std::string source;
};

// What adopt learns from a repository and what it cannot.
struct AdoptFindings {
  std::vector<AdoptedFact> facts;
  std::vector<std::string> gaps;   // each: what is unknown, where, and the flag that gives it
  std::vector<std::string> notes;  // files in the layout's places adopt leaves alone, and why
};

// A service's Application in one environment and the value file it reads.
struct AdoptedInstance {
  std::string service;
  std::string env;
  std::string application;  // its path
  std::string value_file;   // its path
};

// The layout of a platform: the settings the layout tells (platform, environments and their
// namespaces, repository URL, revision, Argo CD namespace) and every service instance, sorted by
// service, then environment order.
struct AdoptLayout {
  PlatformSettings settings;
  std::vector<AdoptedInstance> instances;
};

// The one value every file of `seen` (value → the files that say it) agrees on, noted into
// `findings` as `setting` with its source; `given[flag]` wins when set. A gap naming --`flag` when
// they disagree or none of the `what` (such as "Application") says one.
std::string settle_fact(const std::string& setting, const std::string& flag,
                        const std::map<std::string, std::vector<std::string>>& seen,
                        const AdoptFacts& given, AdoptFindings& findings, const std::string& what);

// `text` with each occurrence of a name of `names` (name → placeholder) replaced by its
// placeholder, the longest name first: "shop-api-prod" with shop, api, prod → "{platform}-…".
std::string with_placeholders(const std::string& text,
                              std::vector<std::pair<std::string, std::string>> names);

// The environment names `names` in promotion order (dev before staging before production, as
// their usual names say), or nothing when a name is not one of those usual names.
std::optional<std::vector<std::string>> promotion_order(std::vector<std::string> names);

// Reads the layout of `repo` with `given` laid over what its files say; notes into `findings`
// each fact and its source, and a gap for each fact it cannot tell. Throws Error naming the file
// when an environment's directory holds an ApplicationSet: that layout is not adopted.
AdoptLayout read_adopt_layout(const Workspace& repo, const AdoptFacts& given,
                              AdoptFindings& findings);

}  // namespace gitopsgen
