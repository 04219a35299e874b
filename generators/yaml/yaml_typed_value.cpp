#include "generators/yaml/yaml_typed_value.hpp"

#include <yaml-cpp/yaml.h>

#include <regex>

#include "generators/error.hpp"
#include "generators/yaml/yaml_edit_insert.hpp"
#include "generators/yaml/yaml_node_walk.hpp"

namespace gitopsgen {

std::optional<std::string> typed_plain_token(std::string_view value) {
  static const std::regex integer("-?(0|[1-9][0-9]*)");
  static const std::regex number("-?(0|[1-9][0-9]*)\\.[0-9]+([eE][-+]?[0-9]+)?");
  const std::string v(value);
  if (std::regex_match(v, integer) || std::regex_match(v, number)) return v;
  if (v == "true" || v == "false" || v == "null") return v;
  return std::nullopt;
}

std::string typed_token_kind(std::string_view token) {
  if (token == "true" || token == "false") return "boolean";
  if (token == "null") return "null";
  if (token.find_first_of(".eE") != std::string_view::npos) return "number";
  return "integer";
}

namespace {

std::string dotted(const YamlKeyPath& path) {
  std::string out;
  for (const auto& key : path) out += (out.empty() ? "" : ".") + key;
  return out;
}

// True when yaml-cpp reads the plain scalar `token` at `path` of `text`.
bool reads_back(const std::string& text, const YamlKeyPath& path, const std::string& token) {
  try {
    YAML::Node node = YAML::Load(text);
    for (const auto& key : path) {
      if (!node.IsMap()) return false;
      node = node[key];
    }
    return node.IsScalar() && node.Tag() == "?" && node.Scalar() == token;
  } catch (const YAML::Exception&) {
    return false;
  }
}

}  // namespace

std::string yaml_set_plain_token(const std::string& text, const YamlKeyPath& path,
                                 const std::string& token) {
  if (!typed_plain_token(token)) throw Error("internal: '" + token + "' is not a plain token");
  auto out = text;
  auto span = yaml_scalar_span(out, path);
  if (!span || span->begin == span->end) {
    // Missing, or written as nothing: the string editor places the key, then it becomes a token.
    out = yaml_set_scalar(out, path, token);
    span = yaml_scalar_span(out, path);
    if (!span) throw Error("internal: " + dotted(path) + " was not written");
  }
  out = out.substr(0, span->begin) + token + out.substr(span->end);
  if (!reads_back(out, path, token))
    throw Error("internal: " + dotted(path) + " does not read back as " + token);
  return out;
}

std::string yaml_set_node_plain_token(const std::string& text, const YamlNodePath& path,
                                      const std::string& token) {
  using namespace yaml_edit;
  YamlKeyPath keys;
  for (const auto& step : path)
    if (const auto* key = std::get_if<std::string>(&step)) keys.push_back(*key);
  if (keys.size() == path.size()) return yaml_set_plain_token(text, keys, token);
  if (!typed_plain_token(token)) throw Error("internal: '" + token + "' is not a plain token");
  const auto whole = "cannot set " + node_path_text(path) + ": ";
  const auto doc = scan_document(text);
  const auto found = walk(doc, path, whole);
  const Node& n = editable_scalar(doc, found, path, whole);
  if (!n.tag.empty())
    throw Error(whole + "it is tagged " + n.tag +
                ", which a typed value would keep; edit it by hand");
  auto out = apply_splice(text, {n.token_begin, n.end, token});
  verify_node(text, out, path, token);
  if (const auto node = yaml_cpp_at(YAML::Load(out), path); node.Tag() != "?")
    throw Error("internal: " + node_path_text(path) + " does not read back as " + token);
  return out;
}

}  // namespace gitopsgen
