// Checks every ChangeSet passes before anything is written.
#pragma once

#include "generators/changeset.hpp"

namespace gitopsgen {

// Throws Error naming the file unless every new or changed YAML file parses (Helm templates
// excepted) and no new or changed file holds a secret (secret_scan.hpp) that is not waived by an
// inline `# gitopsgen:allow-secret` or a fingerprint in .gitopsgen-allow-secrets (read through
// the change's base); a private key can never be waived.
void check_changeset(const ChangeSet& changes);

// True when `path` is a Go template of a Helm chart rather than plain YAML.
bool is_helm_template(const std::string& path);

// True when `path` names a YAML file.
bool is_yaml_path(const std::string& path);

}  // namespace gitopsgen
