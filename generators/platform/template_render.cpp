#include "generators/platform/template_render.hpp"

#include <memory>
#include <unordered_map>
#include <vector>

#include "generators/error.hpp"
#include "generators/yaml/yaml_scalar.hpp"

namespace gitopsgen {
namespace {

// One `{{…}}` tag of a template: its kind ('#', '^', '/', '!', '&', '>' or ' ' for a variable),
// its key, and where it ends.
struct Tag {
  char kind;
  std::string key;
};

// Every tag of `text`, in order (no delimiter changes: the scaffolds use none).
std::vector<Tag> scan_tags(const std::string& text) {
  std::vector<Tag> tags;
  for (auto open = text.find("{{"); open != std::string::npos; open = text.find("{{", open)) {
    const bool triple = text.compare(open, 3, "{{{") == 0;
    const auto close = text.find(triple ? "}}}" : "}}", open);
    if (close == std::string::npos) break;
    std::string inner = text.substr(open + (triple ? 3 : 2), close - open - (triple ? 3 : 2));
    const auto trim = [](std::string& s) {
      s.erase(0, s.find_first_not_of(" \t"));
      s.erase(s.find_last_not_of(" \t") + 1);
    };
    trim(inner);
    char kind = ' ';
    if (!triple && !inner.empty() && std::string("#^/!&>").find(inner[0]) != std::string::npos) {
      kind = inner[0];
      inner.erase(0, 1);
      trim(inner);
    }
    tags.push_back({kind, inner});
    open = close + (triple ? 3 : 2);
  }
  return tags;
}

// True when `key` resolves in one of the nested contexts, innermost last (mustache lookup).
const TemplateData* lookup(const std::vector<const TemplateData*>& contexts,
                           const std::string& key) {
  for (auto it = contexts.rbegin(); it != contexts.rend(); ++it) {
    if ((*it)->is_object())
      if (const auto* value = (*it)->get(key)) return value;
  }
  return nullptr;
}

// Walks tags from `pos` to the close of section `closing`, throwing Error for the first variable no
// context provides. A section over a list is checked against every item; an empty list has no
// item to check against, so its section is checked only for balance.
void check_variables(const std::string& name, const std::vector<Tag>& tags,
                     std::vector<const TemplateData*> contexts, std::size_t& pos,
                     const std::string& closing, bool strict) {
  while (pos < tags.size()) {
    const auto& tag = tags[pos++];
    if (tag.kind == '!') continue;
    if (tag.kind == '/') {
      if (tag.key != closing)
        throw Error("template " + name + ": unbalanced section '" + tag.key + "'");
      return;
    }
    const TemplateData* value = tag.key == "." ? nullptr : lookup(contexts, tag.key);
    if (strict && tag.key != "." && !value)
      throw Error("template " + name + " uses '" + tag.key + "', which gitopsgen does not provide");
    if (tag.kind != '#' && tag.kind != '^') continue;
    const bool empty_list = value && value->is_list() && value->list_value().empty();
    const std::size_t start = pos;
    if (tag.kind == '#' && value && value->is_list() && !empty_list) {
      for (const auto& item : value->list_value()) {
        auto inner = contexts;
        inner.push_back(&item);
        pos = start;
        check_variables(name, tags, inner, pos, tag.key, strict);
      }
    } else {
      auto inner = contexts;
      if (tag.kind == '#' && value && value->is_object()) inner.push_back(value);
      check_variables(name, tags, inner, pos, tag.key, strict && !(tag.kind == '#' && empty_list));
    }
  }
  if (!closing.empty()) throw Error("template " + name + ": section '" + closing + "' not closed");
}

// Makes kainjow 4.1 follow the mustache spec on standalone lines. Kainjow drops a line that
// rendered empty when it held a section tag, but a skipped section never marks its line, so its
// closing line survived as a blank line; an empty inverted section of a name that never exists
// after each closing tag marks it. Standalone comment lines are dropped outright.
std::string strip_standalone_tags(const std::string& text) {
  std::string out;
  std::size_t start = 0;
  while (start < text.size()) {
    auto end = text.find('\n', start);
    const bool newline = end != std::string::npos;
    if (!newline) end = text.size();
    std::string line = text.substr(start, end - start);
    start = end + 1;
    const auto first = line.find_first_not_of(" \t");
    const auto last = line.find_last_not_of(" \t\r");
    if (first != std::string::npos && line.compare(first, 3, "{{!") == 0 &&
        line.find("}}", first) == last - 1)
      continue;  // a standalone comment line
    for (auto pos = line.find("{{/"); pos != std::string::npos; pos = line.find("{{/", pos)) {
      const auto close = line.find("}}", pos);
      if (close == std::string::npos) break;
      static const std::string marker = "{{^-gitopsgen-}}{{/-gitopsgen-}}";
      line.insert(close + 2, marker);
      pos = close + 2 + marker.size();  // past the marker, whose own closing tag needs none
    }
    out += line;
    if (newline) out += '\n';
  }
  return out;
}

// A template parsed once: its tags for the variable check and kainjow's compiled form.
struct Prepared {
  std::vector<Tag> tags;
  std::unique_ptr<kainjow::mustache::mustache> compiled;
};

const Prepared& prepare(const std::string& name, const std::string& text) {
  // Batches render the same few scaffolds thousands of times: parse each text once per thread
  // (kainjow's render keeps state in the template object, so threads cannot share one).
  static thread_local std::unordered_map<std::string, Prepared> cache;
  auto it = cache.find(text);
  if (it != cache.end()) return it->second;
  Prepared p{scan_tags(text),
             std::make_unique<kainjow::mustache::mustache>(strip_standalone_tags(text))};
  if (!p.compiled->is_valid()) throw Error("template " + name + ": " + p.compiled->error_message());
  p.compiled->set_custom_escape([](const std::string& value) { return yaml_scalar(value); });
  return cache.emplace(text, std::move(p)).first->second;
}

}  // namespace

std::string render_template(const std::string& name, const std::string& text,
                            const TemplateData& data) {
  const auto& prepared = prepare(name, text);
  std::size_t pos = 0;
  check_variables(name, prepared.tags, {&data}, pos, "", true);
  auto out = prepared.compiled->render(data);
  if (!prepared.compiled->is_valid())
    throw Error("template " + name + ": " + prepared.compiled->error_message());
  return out;
}

}  // namespace gitopsgen
