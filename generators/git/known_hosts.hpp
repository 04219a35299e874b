// Checking an SSH server's host key against an OpenSSH known_hosts file, as `ssh` does.
#pragma once

#include <filesystem>
#include <string>

namespace gitopsgen {

// What a known_hosts file says about a host's key.
enum class HostKeyVerdict { match, mismatch, unknown };

// Looks `host` (a name or address) on `port` up in known_hosts text, plain or hashed
// (`|1|salt|hash`) entries, `[host]:port` for ports other than 22; compares the key blob
// `key` (raw SSH wire format) with every entry for the host. Revoked (`@revoked`) keys never match.
HostKeyVerdict check_host_key(const std::string& known_hosts, const std::string& host, int port,
                              const std::string& key);

// The known_hosts file to trust: $GITOPSGEN_KNOWN_HOSTS, else ~/.ssh/known_hosts.
std::filesystem::path default_known_hosts();

}  // namespace gitopsgen
