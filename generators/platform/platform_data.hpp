// The values platform scaffolds are rendered with (see scaffolds/CONTRACT.md).
#pragma once

#include <string>
#include <vector>

#include "generators/platform/settings.hpp"
#include "generators/platform/template_render.hpp"

namespace gitopsgen {

// The template data for `settings`, with the trust-anchor PEM lines when one was given.
TemplateData platform_template_data(const PlatformSettings& settings,
                                    const std::vector<std::string>& trust_anchor_lines);

// Sets tls_issuer, has_tls_issuer, tls_cert_resolver and has_tls_cert_resolver in `data`.
void add_tls_template_data(TemplateData& data, const PlatformSettings& settings);

// `base` plus the per-environment variables of `env`.
TemplateData environment_template_data(TemplateData base, const PlatformSettings& settings,
                                       const Environment& env);

}  // namespace gitopsgen
