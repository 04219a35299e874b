// The web page that opens a pull (or merge) request for a pushed branch.
#pragma once

#include <optional>
#include <string>

namespace gitopsgen {

// The forges whose pull-request pages gitopsgen can link to.
enum class Forge { github, gitlab, bitbucket, gitea };

// The forge that serves `remote_url` (HTTPS, SSH or scp-like), told by its host name: github,
// gitlab, bitbucket, and gitea, forgejo or codeberg; nothing for any other host or a local path.
std::optional<Forge> forge_of(const std::string& remote_url);

// The page that opens a request to merge `branch` into `base` on the repository at `remote_url`
// (credentials dropped), or nothing when its forge is unknown.
std::optional<std::string> pull_request_url(const std::string& remote_url,
                                            const std::string& branch, const std::string& base);

}  // namespace gitopsgen
