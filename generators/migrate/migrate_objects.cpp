#include "generators/migrate/migrate_objects.hpp"

#include <set>

#include "generators/change/changeset_checks.hpp"
#include "generators/error.hpp"
#include "generators/platform/validate_platform.hpp"
#include "generators/yaml/yaml_guard.hpp"
#include "generators/yaml/yaml_path.hpp"

namespace gitopsgen {
namespace {

// The repository as `changes` would leave it, for judging the result before anything is written.
class ChangedWorkspace : public Workspace {
 public:
  ChangedWorkspace(const Workspace& base, const ChangeSet& changes)
      : base_(base), changes_(changes) {}

  std::optional<std::string> read(const std::string& path) const override {
    return changes_.read_after(path);
  }

  bool is_directory(const std::string& path) const override { return !list_files(path).empty(); }

  std::vector<std::string> list_files(const std::string& dir) const override {
    const auto listed = base_.list_files(dir);
    std::set<std::string> files(listed.begin(), listed.end());
    for (const auto& c : changes_.changes()) {
      if (!dir.empty() && c.path.rfind(dir + "/", 0) != 0) continue;
      if (c.writes())
        files.insert(c.path);
      else
        files.erase(c.path);
    }
    return {files.begin(), files.end()};
  }

 private:
  const Workspace& base_;
  const ChangeSet& changes_;
};

std::string first_error(const Findings& findings) {
  for (const auto& f : findings) {
    if (f.severity != Finding::Severity::error) continue;
    return f.file + (f.line > 0 ? ":" + std::to_string(f.line) : "") + ": " + f.message;
  }
  return "";
}

}  // namespace

std::vector<ArgoObject> read_argo_objects(const Workspace& repo) {
  std::vector<ArgoObject> out;
  for (const auto& file : repo.list_files("")) {
    if (!is_yaml_path(file) || is_helm_template(file)) continue;
    std::vector<YAML::Node> docs;
    try {
      docs = yaml_load_all_guarded(*repo.read(file), file);
    } catch (const YAML::Exception& e) {
      throw Error(file + ":" + std::to_string(e.mark.line + 1) +
                  " is not valid YAML; fix it before migrating (" + e.msg + ")");
    }
    for (std::size_t i = 0; i < docs.size(); ++i) {
      const auto& doc = docs[i];
      if (!doc.IsMap() || yaml_string_at(doc, {"apiVersion"}).rfind("argoproj.io/", 0) != 0)
        continue;
      const auto kind = yaml_string_at(doc, {"kind"});
      if (kind != "Application" && kind != "AppProject" && kind != "ApplicationSet") continue;
      out.push_back({file, i, kind, yaml_string_at(doc, {"metadata", "name"}), doc});
    }
  }
  return out;
}

std::vector<SourceAt> application_sources(const ArgoObject& app) {
  std::vector<SourceAt> out;
  const YamlNodePath spec = app.kind == "ApplicationSet" ? YamlNodePath{"spec", "template", "spec"}
                                                         : YamlNodePath{"spec"};
  const auto node = app.kind == "ApplicationSet" ? yaml_at(app.node, {"spec", "template", "spec"})
                                                 : child(app.node, "spec");
  if (const auto source = child(node, "source"); source.IsMap())
    out.push_back({node_path(spec, {"source"}), source});
  if (const auto sources = child(node, "sources"); sources.IsSequence()) {
    for (std::size_t i = 0; i < sources.size(); ++i) {
      if (sources[i].IsMap()) out.push_back({node_path(spec, {"sources", i}), sources[i]});
    }
  }
  return out;
}

std::vector<SourceAt> git_generators(const ArgoObject& set) {
  std::vector<SourceAt> out;
  const auto generators = yaml_at(set.node, {"spec", "generators"});
  if (set.kind != "ApplicationSet" || !generators.IsSequence()) return out;
  for (std::size_t i = 0; i < generators.size(); ++i)
    if (const auto git = child(generators[i], "git"); git.IsMap())
      out.push_back({{"spec", "generators", i, "git"}, git});
  return out;
}

YAML::Node child(const YAML::Node& node, const std::string& key) {
  if (!node.IsDefined() || !node.IsMap()) return YAML::Node(YAML::NodeType::Undefined);
  const YAML::Node value = node[key];
  return value.IsDefined() ? value : YAML::Node(YAML::NodeType::Undefined);
}

std::string scalar_of(const YAML::Node& node, const std::string& key) {
  const auto value = child(node, key);
  return value.IsScalar() ? value.Scalar() : "";
}

std::string normal_path(std::string path) {
  while (path.rfind("./", 0) == 0) path.erase(0, 2);
  while (path.size() > 1 && path.back() == '/') path.pop_back();
  return path;
}

YamlNodePath node_path(YamlNodePath base, const YamlNodePath& more) {
  base.insert(base.end(), more.begin(), more.end());
  return base;
}

void set_in_object(ChangeSet& changes, const ArgoObject& object, const YamlNodePath& path,
                   const std::string& value) {
  if (object.document != 0)
    throw Error(object.file + ": " + object.kind + " " + object.name +
                " is not the file's first YAML document, and only the first can be edited in "
                "place; move it to a file of its own first");
  const auto text = changes.read_after(object.file);
  if (!text) throw Error("internal: " + object.file + " is gone");
  try {
    changes.put(object.file, yaml_set_node(*text, path, value));
  } catch (const Error& e) {
    throw Error(object.file + ": " + e.what());
  }
}

void move_file(ChangeSet& changes, const std::string& from, const std::string& to) {
  if (from == to) return;
  if (changes.read_after(to)) throw Error("cannot move " + from + " to " + to + ": it exists");
  auto bytes = changes.read_after(from);
  if (!bytes) throw Error("internal: " + from + " is gone");
  changes.put(to, std::move(*bytes));
  changes.remove(from);
}

void require_still_valid(const Workspace& repo, const ChangeSet& changes) {
  if (has_errors(validate_platform(repo, {}, {}))) return;
  const ChangedWorkspace after(repo, changes);
  const auto problem = first_error(validate_platform(after, {}, {}));
  if (!problem.empty())
    throw Error("refusing a migration that would break `gitopsgen validate`: " + problem);
}

}  // namespace gitopsgen
