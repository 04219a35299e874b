#include "generators/change/changeset_checks.hpp"

#include <algorithm>
#include <optional>
#include <set>

#include "generators/change/secret_scan.hpp"
#include "generators/error.hpp"
#include "generators/parallel_map.hpp"
#include "generators/yaml/yaml_edit_tree.hpp"

namespace gitopsgen {
namespace {

// A finding that stops the commit, with the file it is in.
struct Refusal {
  std::string path;
  SecretFinding finding;
};

// The one-line message for `r`: file, line, rule and fingerprint, never the secret itself.
std::string refusal_message(const Refusal& r) {
  const auto& f = r.finding;
  const auto where = r.path + ":" + std::to_string(f.line) + ": ";
  if (f.rule == SecretRule::private_key)
    return where + "it would hold a private key (fingerprint " + f.fingerprint +
           "; private keys can never be waived)";
  return where + describe(f.rule) + (f.key.empty() ? "" : " under " + f.key) + " (fingerprint " +
         f.fingerprint + "; waive it in " + kSecretWaiverFile + ")";
}

// What checking one change found: its secrets not waived inline, and why its YAML is invalid.
struct ChangeFindings {
  std::vector<SecretFinding> secrets;
  std::optional<std::string> invalid_yaml;
};

// Throws Error naming the first secret of `found` (the findings of each of `changes`, in order;
// private keys first) and how many more there are; findings in the waiver file pass.
void refuse_secrets(const ChangeSet& changes, std::vector<ChangeFindings>& found) {
  std::optional<std::set<std::string>> waivers;  // read only when a finding needs it
  std::vector<Refusal> refusals;
  for (std::size_t i = 0; i < found.size(); ++i) {
    for (auto& finding : found[i].secrets) {
      if (finding.rule != SecretRule::private_key) {
        if (!waivers) {
          const auto file = changes.read_after(kSecretWaiverFile);
          waivers = file ? parse_secret_waivers(*file) : std::set<std::string>{};
        }
        if (waivers->count(finding.fingerprint)) continue;
      }
      refusals.push_back({changes.changes()[i].path, std::move(finding)});
    }
  }
  if (refusals.empty()) return;
  std::stable_partition(refusals.begin(), refusals.end(),
                        [](const Refusal& r) { return r.finding.rule == SecretRule::private_key; });
  throw Error("refusing to commit: " + refusal_message(refusals.front()) +
              (refusals.size() > 1 ? " and " + std::to_string(refusals.size() - 1) + " more" : ""));
}

// The findings of one change's new bytes, if it has any.
ChangeFindings check_one(const ChangeSet& changes, const FileChange& change) {
  ChangeFindings out;
  const auto new_bytes = changes.new_bytes(change);
  if (!new_bytes) return out;
  for (auto& finding : scan_for_secrets(*new_bytes))
    if (finding.rule == SecretRule::private_key || !finding.waived)
      out.secrets.push_back(std::move(finding));
  if (change.yaml_checked || !is_yaml_path(change.path) || is_helm_template(change.path))
    return out;
  try {
    // libyaml (through the editor's scanner) reads every document of the stream, fast.
    yaml_edit::scan_document(*new_bytes);
  } catch (const Error& e) {
    out.invalid_yaml = e.what();
  }
  return out;
}

}  // namespace

bool is_helm_template(const std::string& path) {
  return path.rfind("charts/", 0) == 0 && path.find("/templates/") != std::string::npos;
}

bool is_yaml_path(const std::string& path) {
  auto ends_with = [&](const char* suffix) {
    const std::string s = suffix;
    return path.size() >= s.size() && path.compare(path.size() - s.size(), s.size(), s) == 0;
  };
  return ends_with(".yaml") || ends_with(".yml");
}

void check_changeset(const ChangeSet& changes) {
  // Every file is checked on every core; the verdicts then come in the order of a plain loop.
  auto found = parallel_map<ChangeFindings>(changes.changes().size(), [&](std::size_t i) {
    return check_one(changes, changes.changes()[i]);
  });
  refuse_secrets(changes, found);
  for (std::size_t i = 0; i < found.size(); ++i)
    if (found[i].invalid_yaml)
      throw Error("generated " + changes.changes()[i].path + " is not valid YAML (" +
                  *found[i].invalid_yaml + ")");
}

}  // namespace gitopsgen
