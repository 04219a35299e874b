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

// `base` plus the per-environment variables of `env`.
TemplateData environment_template_data(TemplateData base, const PlatformSettings& settings,
                                       const Environment& env);

}  // namespace gitopsgen
