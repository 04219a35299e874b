#include "generators/yaml/yaml_guard.hpp"

#include <yaml.h>

#include <utility>

#include "generators/yaml/libyaml_handles.hpp"

namespace gitopsgen {
namespace {

std::string located(const std::string& what, int line, const std::string& reason) {
  return what + (line > 0 ? ":" + std::to_string(line) : std::string()) + ": " + reason;
}

std::string anchor_of(const yaml_char_t* anchor) {
  return anchor ? reinterpret_cast<const char*>(anchor) : std::string();
}

}  // namespace

YamlRefused::YamlRefused(const std::string& what, int line, const std::string& reason)
    : Error(located(what, line, reason)), line_(line), reason_(reason) {}

YamlGuard::YamlGuard(const std::string& text, std::string what) : what_(std::move(what)) {
  if (text.size() > kYamlMaxBytes)
    throw YamlRefused(what_, 0,
                      "YAML text of " + std::to_string(text.size()) + " bytes is over the " +
                          std::to_string(kYamlMaxBytes >> 20) + " MiB limit");
}

// Each collection's count includes what its aliases repeat, so counts stay bounded by the limit.
void YamlGuard::event(const yaml_event_t& e) {
  const int line = static_cast<int>(e.start_mark.line) + 1;
  switch (e.type) {
    case YAML_DOCUMENT_START_EVENT:
      anchors_.clear();  // anchors are local to their document
      ++documents_;
      break;
    case YAML_SCALAR_EVENT:
      if (is_key())
        key(std::string(reinterpret_cast<const char*>(e.data.scalar.value), e.data.scalar.length),
            line);
      node(anchor_of(e.data.scalar.anchor), 1);
      break;
    case YAML_ALIAS_EVENT:
      is_key();
      alias(anchor_of(e.data.alias.anchor), line);
      break;
    case YAML_SEQUENCE_START_EVENT:
      is_key();
      open(anchor_of(e.data.sequence_start.anchor), line, false);
      break;
    case YAML_MAPPING_START_EVENT:
      is_key();
      open(anchor_of(e.data.mapping_start.anchor), line, true);
      break;
    case YAML_SEQUENCE_END_EVENT:
    case YAML_MAPPING_END_EVENT: {
      auto frame = std::move(open_.back());
      open_.pop_back();
      node(frame.anchor, frame.nodes);
      break;
    }
    default:
      break;
  }
}

void YamlGuard::parse_failed(const yaml_parser_t& p) const {
  std::string why = p.problem ? p.problem : "unreadable";
  if (p.context) why += " " + std::string(p.context);
  throw YamlRefused(what_, static_cast<int>(p.problem_mark.line) + 1, "invalid YAML: " + why);
}

// Counts one node inside the open collection; true when it is a key of a mapping.
bool YamlGuard::is_key() {
  if (open_.empty()) return false;
  auto& frame = open_.back();
  return frame.mapping && frame.children++ % 2 == 0;
}

void YamlGuard::key(std::string name, int line) {
  if (!open_.back().keys.insert(name).second)
    throw YamlRefused(what_, line, "invalid YAML: duplicate key '" + name + "'");
}

void YamlGuard::open(std::string anchor, int line, bool mapping) {
  if (open_.size() >= kYamlMaxDepth)
    throw YamlRefused(what_, line,
                      "YAML nesting deeper than " + std::to_string(kYamlMaxDepth) + " levels");
  open_.push_back({std::move(anchor), 1, mapping});
}

void YamlGuard::node(const std::string& anchor, std::uint64_t nodes) {
  if (!anchor.empty()) anchors_[anchor] = nodes;
  if (!open_.empty()) open_.back().nodes += nodes;
}

void YamlGuard::alias(const std::string& anchor, int line) {
  // An anchor still open here would make the alias its own ancestor: a cycle.
  const auto found = anchors_.find(anchor);
  if (found == anchors_.end())
    throw YamlRefused(what_, line,
                      "invalid YAML: alias *" + anchor + " names no complete anchor before it");
  alias_nodes_ += found->second;
  if (alias_nodes_ > kYamlMaxAliasNodes)
    throw YamlRefused(
        what_, line,
        "YAML aliases stand for more than " + std::to_string(kYamlMaxAliasNodes) + " nodes");
  if (!open_.empty()) open_.back().nodes += found->second;
}

std::size_t yaml_guard(const std::string& text, const std::string& what) {
  YamlGuard guard(text, what);
  libyaml::Parser parser(text);
  while (true) {
    libyaml::Event e;
    if (!yaml_parser_parse(parser.get(), &e.event)) guard.parse_failed(*parser.get());
    if (e.event.type == YAML_STREAM_END_EVENT) return guard.documents();
    guard.event(e.event);
  }
}

YAML::Node yaml_load_guarded(const std::string& text, const std::string& what) {
  if (const auto documents = yaml_guard(text, what); documents > 1)
    throw YamlRefused(what, 0,
                      "holds " + std::to_string(documents) + " YAML documents; expected one");
  return YAML::Load(text);
}

std::vector<YAML::Node> yaml_load_all_guarded(const std::string& text, const std::string& what) {
  yaml_guard(text, what);
  return YAML::LoadAll(text);
}

}  // namespace gitopsgen
