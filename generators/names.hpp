// Validation of the names and values a platform is built from.
#pragma once

#include <string>
#include <string_view>

namespace gitopsgen {

// True when `name` is a DNS-1123 label: 1-63 lowercase alphanumerics or '-', alphanumeric at
// both ends.
bool is_dns1123_label(std::string_view name);

// True when `name` is a DNS-1123 subdomain: dot-separated labels, at most 253 characters.
bool is_dns1123_subdomain(std::string_view name);

// Throws Error naming `what` unless `name` is a DNS-1123 label.
void require_dns1123_label(std::string_view what, std::string_view name);

// Throws Error naming `what` unless `value` is one line of printable text without control
// characters.
void require_single_line(std::string_view what, std::string_view value);

}  // namespace gitopsgen
