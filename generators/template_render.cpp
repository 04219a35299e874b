#include "generators/template_render.hpp"

#include <regex>
#include <vector>

#include "generators/error.hpp"
#include "generators/yaml_scalar.hpp"

namespace gitopsgen {
namespace {

// True when `key` resolves in one of the nested contexts, innermost last (mustache lookup).
bool resolves(const std::vector<const TemplateData*>& contexts, const std::string& key) {
  for (auto it = contexts.rbegin(); it != contexts.rend(); ++it) {
    if ((*it)->is_object() && (*it)->get(key) != nullptr) return true;
  }
  return false;
}

// Walks the template's tags, throwing Error for the first variable no context provides.
// Sections over a list are checked against every item of the list.
void check_variables(const std::string& name, const std::string& text,
                     std::vector<const TemplateData*> contexts, std::size_t& pos,
                     const std::string& closing, bool strict) {
  static const std::regex tag(R"(\{\{(\{?)\s*([#^/!>&]?)\s*([^}\s]*)\s*\}?\}\})");
  std::smatch m;
  auto begin = text.cbegin() + static_cast<std::ptrdiff_t>(pos);
  while (std::regex_search(begin, text.cend(), m, tag)) {
    pos = static_cast<std::size_t>(m[0].second - text.cbegin());
    begin = m[0].second;
    const std::string kind = m[2];
    const std::string key = m[3];
    if (kind == "!") continue;
    if (kind == "/") {
      if (key != closing) throw Error("template " + name + ": unbalanced section '" + key + "'");
      return;
    }
    if (strict && key != "." && !resolves(contexts, key))
      throw Error("template " + name + " uses '" + key + "', which gitopsgen does not provide");
    if (kind == "#" || kind == "^") {
      const TemplateData* value = nullptr;
      for (auto it = contexts.rbegin(); it != contexts.rend() && !value; ++it) {
        if ((*it)->is_object()) value = (*it)->get(key);
      }
      // An empty list gives no item to check the section's variables against.
      const bool empty_list = value && value->is_list() && value->list_value().empty();
      const std::size_t section_start = pos;
      std::size_t section_end = pos;
      if (kind == "#" && value && value->is_list() && !empty_list) {
        for (const auto& item : value->list_value()) {
          auto inner = contexts;
          inner.push_back(&item);
          section_end = section_start;
          check_variables(name, text, inner, section_end, key, strict);
        }
      } else {
        auto inner = contexts;
        if (kind == "#" && value && value->is_object()) inner.push_back(value);
        check_variables(name, text, inner, section_end, key,
                        strict && !(kind == "#" && empty_list));
      }
      pos = section_end;
      begin = text.cbegin() + static_cast<std::ptrdiff_t>(pos);
    }
  }
  if (!closing.empty()) throw Error("template " + name + ": section '" + closing + "' not closed");
}

// Makes kainjow 4.1 follow the mustache spec on standalone lines. Kainjow drops a line that
// rendered empty when it held a section tag, but a skipped section never marks its line, so its
// closing line survived as a blank line; an empty inverted section of a name that never exists
// after each closing tag marks it. Standalone comment lines are dropped outright.
std::string strip_standalone_tags(const std::string& text) {
  static const std::regex closing(R"(\{\{/[^}]*\}\})");
  static const std::regex comment_line(R"((^|\n)[ \t]*\{\{![^}]*\}\}[ \t]*\r?\n)");
  const auto marked = std::regex_replace(text, closing, "$&{{^-gitopsgen-}}{{/-gitopsgen-}}");
  return std::regex_replace(marked, comment_line, "$1");
}

}  // namespace

std::string render_template(const std::string& name, const std::string& text,
                            const TemplateData& data) {
  std::size_t pos = 0;
  check_variables(name, text, {&data}, pos, "", true);
  kainjow::mustache::mustache tmpl(strip_standalone_tags(text));
  if (!tmpl.is_valid()) throw Error("template " + name + ": " + tmpl.error_message());
  tmpl.set_custom_escape([](const std::string& value) { return yaml_scalar(value); });
  auto out = tmpl.render(data);
  if (!tmpl.is_valid()) throw Error("template " + name + ": " + tmpl.error_message());
  return out;
}

}  // namespace gitopsgen
