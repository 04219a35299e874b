// Talking to a remote through libgit2: fetch and push with tokens, SSH keys and checked hosts.
#pragma once

#include <filesystem>
#include <optional>
#include <string>

#include "generators/git/git_repo.hpp"

namespace gitopsgen {

// How to authenticate to remotes. Secrets stay in memory and never reach a message.
struct RemoteAuth {
  std::optional<std::string> token;              // HTTP(S) basic auth password
  std::string username = "x-access-token";       // HTTP(S) user when the URL names none
  std::optional<std::filesystem::path> ssh_key;  // private key file; else ssh-agent
  std::filesystem::path known_hosts;             // SSH host keys to trust
};

// The authentication the environment gives: GITOPSGEN_TOKEN or GIT_TOKEN, GITOPSGEN_USERNAME,
// GITOPSGEN_SSH_KEY, GITOPSGEN_KNOWN_HOSTS (else ~/.ssh/known_hosts).
RemoteAuth auth_from_environment();

// What a push came to.
enum class PushOutcome { pushed, rejected };

// A connection to one remote: a configured remote's name, a URL or a local path.
class Remote {
 public:
  // Resolves `name_or_url` in `repo` (TLS trusting GIT_SSL_CAINFO or SSL_CERT_FILE when set);
  // throws Error when it names nothing usable.
  Remote(GitRepo& repo, const std::string& name_or_url, RemoteAuth auth);
  ~Remote();
  Remote(const Remote&) = delete;
  Remote& operator=(const Remote&) = delete;
  // Fetches `branch` and returns its head on the remote, or nothing when the branch is absent.
  std::optional<git_oid> fetch_branch(const std::string& branch);
  // Pushes local reference `local_ref` (refs/heads/…) to `branch` on the remote as a
  // fast-forward; `rejected` when the remote moved on meanwhile; throws Error otherwise.
  PushOutcome push(const std::string& local_ref, const std::string& branch);
  // The URL with any password removed, for messages.
  std::string display_url() const;

 private:
  git_remote* remote_ = nullptr;
  RemoteAuth auth_;
};

// The URL with its password (and any token in it) replaced by "***".
std::string redact_url(const std::string& url);

}  // namespace gitopsgen
