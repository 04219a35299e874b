#include "generators/change/changeset_checks.hpp"

#include <algorithm>
#include <optional>
#include <set>

#include "generators/change/secret_scan.hpp"
#include "generators/error.hpp"
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

// Throws Error naming the first secret in the new bytes of `changes` (private keys first) and
// how many more there are; findings waived inline or in the waiver file pass.
void refuse_secrets(const ChangeSet& changes) {
  std::optional<std::set<std::string>> waivers;  // read only when a finding needs it
  std::vector<Refusal> refusals;
  for (const auto& change : changes.changes()) {
    if (!change.new_bytes) continue;
    for (auto& finding : scan_for_secrets(*change.new_bytes)) {
      if (finding.rule != SecretRule::private_key) {
        if (finding.waived) continue;
        if (!waivers) {
          const auto file = changes.read_after(kSecretWaiverFile);
          waivers = file ? parse_secret_waivers(*file) : std::set<std::string>{};
        }
        if (waivers->count(finding.fingerprint)) continue;
      }
      refusals.push_back({change.path, std::move(finding)});
    }
  }
  if (refusals.empty()) return;
  std::stable_partition(refusals.begin(), refusals.end(),
                        [](const Refusal& r) { return r.finding.rule == SecretRule::private_key; });
  throw Error("refusing to commit: " + refusal_message(refusals.front()) +
              (refusals.size() > 1 ? " and " + std::to_string(refusals.size() - 1) + " more" : ""));
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
  refuse_secrets(changes);
  for (const auto& change : changes.changes()) {
    if (!change.new_bytes) continue;
    if (change.yaml_checked || !is_yaml_path(change.path) || is_helm_template(change.path))
      continue;
    try {
      // libyaml (through the editor's scanner) reads every document of the stream, fast.
      yaml_edit::scan_document(*change.new_bytes);
    } catch (const Error& e) {
      throw Error("generated " + change.path + " is not valid YAML (" + e.what() + ")");
    }
  }
}

}  // namespace gitopsgen
