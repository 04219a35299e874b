// Validation of the names and values a platform is built from.
#pragma once

#include <string>
#include <string_view>

namespace gitopsgen {

// True when `name` is a DNS-1123 label: 1-63 lowercase alphanumerics or '-', alphanumeric at
// both ends.
bool is_dns1123_label(std::string_view name);

// True when `name` is a DNS-1123 subdomain that names a host: dot-separated labels, at most 253
// characters, the last one not all digits (so never an IPv4 literal such as 10.0.0.1).
bool is_dns1123_subdomain(std::string_view name);

// Throws Error naming `what` unless `name` is a DNS-1123 label.
void require_dns1123_label(std::string_view what, std::string_view name);

// True when `name` is a branch name git accepts (`git check-ref-format --branch`): no leading
// '-', no "..", "@{", "//", control characters, space or ~^:?*[\, no component starting with
// '.' or ending with ".lock", not ending with '/' or '.', and not "HEAD" or "@".
bool is_git_branch_name(std::string_view name);

// Throws Error unless `name` is a branch name git accepts.
void require_branch_name(std::string_view name);

// Throws Error naming `what` unless `value` is one line of printable text without control
// characters.
void require_single_line(std::string_view what, std::string_view value);

}  // namespace gitopsgen
