// Rendering mustache scaffolds into YAML with every value escaped and every variable checked.
#pragma once

#include <kainjow/mustache.hpp>
#include <string>

namespace gitopsgen {

// The values a template is rendered with.
using TemplateData = kainjow::mustache::data;

// Renders `text` (named `name` in errors) with `data`: `{{x}}` is emitted as a YAML scalar that
// reads back as x; throws Error when the template is malformed or names a variable `data` lacks.
std::string render_template(const std::string& name, const std::string& text,
                            const TemplateData& data);

}  // namespace gitopsgen
