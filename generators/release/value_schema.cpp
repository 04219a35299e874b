#include "generators/release/value_schema.hpp"

#include <regex>
#include <vector>

#include "generators/error.hpp"
#include "generators/yaml/yaml_typed_value.hpp"

namespace gitopsgen {
namespace {

// Why a schema refuses a path, when it does: the message, or "" for accepted.
using Verdict = std::string;

struct Walker {
  const YAML::Node& root;
  const std::string& key;
  const YamlNodePath& path;
  const std::string& value;
  const std::optional<std::string>& token;

  // The schema `node` refers to with a local `$ref` (`#/definitions/x`, `#/$defs/x`), or `node`.
  YAML::Node resolved(YAML::Node node, int depth = 0) const {
    if (!node.IsMap() || !node["$ref"] || depth > 32) return node;
    const auto ref = node["$ref"].as<std::string>("");
    if (ref.rfind("#/", 0) != 0) return YAML::Node();  // a remote schema: not read, never refused
    YAML::Node here = root;
    std::size_t start = 2;
    while (start <= ref.size()) {
      const auto slash = ref.find('/', start);
      const auto part = ref.substr(start, slash == std::string::npos ? slash : slash - start);
      if (!here.IsMap() || !here[part]) return YAML::Node();
      here.reset(YAML::Node(here[part]));
      if (slash == std::string::npos) break;
      start = slash + 1;
    }
    return resolved(here, depth + 1);
  }

  // The JSON Schema types `node` allows, or none for any.
  static std::vector<std::string> types(const YAML::Node& node) {
    std::vector<std::string> out;
    const auto type = node["type"];
    if (type && type.IsScalar()) out.push_back(type.Scalar());
    if (type && type.IsSequence())
      for (const auto& t : type) out.push_back(t.as<std::string>(""));
    return out;
  }

  static bool allows(const std::vector<std::string>& types, const std::string& kind) {
    if (types.empty()) return true;
    for (const auto& t : types)
      if (t == kind || (t == "number" && kind == "integer")) return true;
    return false;
  }

  std::string where(std::size_t step) const {
    return node_path_text(
        YamlNodePath(path.begin(), path.begin() + static_cast<std::ptrdiff_t>(step)));
  }

  // The verdict on the value at path[step…] against `schema`.
  Verdict at(YAML::Node schema, std::size_t step) const {
    schema = resolved(schema);
    if (!schema.IsDefined() || !schema.IsMap()) return "";  // `true`, or unread: anything goes
    if (const auto list = schema["allOf"]; list && list.IsSequence()) {
      for (const auto& s : list)
        if (auto v = at(s, step); !v.empty()) return v;
    }
    for (const char* any : {"anyOf", "oneOf"}) {
      if (const auto list = schema[any]; list && list.IsSequence() && list.size() > 0) {
        Verdict first;
        bool accepted = false;
        for (const auto& s : list) {
          auto v = at(s, step);
          if (v.empty())
            accepted = true;
          else if (first.empty())
            first = v;
        }
        if (!accepted) return first;
      }
    }
    const auto allowed = types(schema);
    if (step == path.size()) return value_verdict(schema, allowed);
    if (const auto* name = std::get_if<std::string>(&path[step])) {
      if (!allows(allowed, "object"))
        return where(step) + " is " + allowed.front() + ", not a mapping with the key " + *name;
      if (const auto props = schema["properties"]; props && props.IsMap() && props[*name])
        return at(props[*name], step + 1);
      if (const auto patterns = schema["patternProperties"]; patterns && patterns.IsMap()) {
        for (const auto& p : patterns) {
          try {
            if (std::regex_search(*name, std::regex(p.first.as<std::string>())))
              return at(p.second, step + 1);
          } catch (const std::regex_error&) {
          }
        }
      }
      const auto extra = schema["additionalProperties"];
      if (extra && extra.IsScalar() && extra.Scalar() == "false") return unknown(schema, step);
      return extra && extra.IsMap() ? at(extra, step + 1) : "";
    }
    if (!allows(allowed, "array")) return where(step) + " is " + allowed.front() + ", not a list";
    const auto items = schema["items"];
    return items && items.IsMap() ? at(items, step + 1) : "";
  }

  Verdict unknown(const YAML::Node& schema, std::size_t step) const {
    std::string known;
    std::size_t count = 0;
    if (const auto props = schema["properties"]; props && props.IsMap()) {
      for (const auto& p : props) {
        if (++count > 12) {
          known += ", …";
          break;
        }
        known += (known.empty() ? "" : ", ") + p.first.as<std::string>("");
      }
    }
    const auto* name = std::get_if<std::string>(&path[step]);
    return "the chart does not read " + where(step + 1) + " (" + (name ? *name : "?") +
           " is no key of " + (step == 0 ? std::string("the values") : where(step)) +
           (known.empty() ? "" : "; it has " + known) + ")";
  }

  Verdict value_verdict(const YAML::Node& schema, const std::vector<std::string>& allowed) const {
    const auto kind = token ? typed_token_kind(*token) : std::string("string");
    if (!allows(allowed, kind)) {
      std::string list;
      for (const auto& t : allowed) list += (list.empty() ? "" : " or ") + t;
      return key + " takes " + list + ", not the " + kind + " '" + value + "'" +
             (kind != "string" && allows(allowed, "string") ? " (--string writes it as a string)"
                                                            : "");
    }
    const auto values = schema["enum"];
    if (!values || !values.IsSequence()) return "";
    std::string list;
    for (const auto& v : values) {
      if (v.IsScalar() && v.Scalar() == value) return "";
      list += (list.empty() ? "" : ", ") + (v.IsScalar() ? v.Scalar() : std::string("…"));
    }
    return key + " takes one of " + list + ", not '" + value + "'";
  }
};

}  // namespace

ValueSchema::ValueSchema(YAML::Node root, std::string source)
    : root_(std::move(root)), source_(std::move(source)) {}

void ValueSchema::check(const std::string& key, const YamlNodePath& path, const std::string& value,
                        const std::optional<std::string>& token) const {
  const Walker walker{root_, key, path, value, token};
  const auto verdict = walker.at(root_, 0);
  if (!verdict.empty()) throw Error(verdict + ", says " + source_ + "; --force-key sets it anyway");
}

std::optional<ValueSchema> read_value_schema(const Workspace& repo,
                                             const PlatformSettings& settings) {
  const auto path = settings.chart_path() + "/values.schema.json";
  const auto text = repo.read(path);
  if (!text) return std::nullopt;
  try {
    return ValueSchema(YAML::Load(*text), path);
  } catch (const YAML::Exception& e) {
    throw Error(path + " does not parse (" + e.msg +
                "); fix it, or remove it to set keys unchecked");
  }
}

}  // namespace gitopsgen
