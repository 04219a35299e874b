#include "generators/platform/argo_apps.hpp"

#include <fnmatch.h>
#include <yaml-cpp/yaml.h>

#include <algorithm>
#include <iterator>

#include "generators/change/changeset_checks.hpp"
#include "generators/error.hpp"
#include "generators/parallel_map.hpp"
#include "generators/platform/application_set.hpp"
#include "generators/yaml/yaml_edit_tree.hpp"
#include "generators/yaml/yaml_guard.hpp"
#include "generators/yaml/yaml_path.hpp"

namespace gitopsgen {
namespace {

// Splits "{a,b}" into its alternatives; any other pattern is its own single alternative.
std::vector<std::string> alternatives(const std::string& pattern) {
  if (pattern.size() < 2 || pattern.front() != '{' || pattern.back() != '}') return {pattern};
  std::vector<std::string> out;
  std::size_t start = 1;
  while (start < pattern.size()) {
    auto comma = pattern.find(',', start);
    if (comma == std::string::npos) comma = pattern.size() - 1;
    out.push_back(pattern.substr(start, comma - start));
    start = comma + 1;
  }
  return out;
}

std::string strip_repo_url(std::string url) {
  std::transform(url.begin(), url.end(), url.begin(),
                 [](unsigned char c) { return std::tolower(c); });
  while (!url.empty() && url.back() == '/') url.pop_back();
  if (url.size() > 4 && url.compare(url.size() - 4, 4, ".git") == 0) url.resize(url.size() - 4);
  return url;
}

}  // namespace

std::string application_origin(const AppRecord& app) {
  if (app.generated_by.empty()) return app.file;
  return app.file + " (ApplicationSet " + app.generated_by + ", from " + app.generated_from + ")";
}

bool same_repository(const std::string& a, const std::string& b) {
  return strip_repo_url(a) == strip_repo_url(b);
}

bool matches_directory_glob(const std::string& pattern, const std::string& relative) {
  for (const auto& alt : alternatives(pattern)) {
    if (fnmatch(alt.c_str(), relative.c_str(), FNM_PATHNAME) == 0) return true;
  }
  return false;
}

std::vector<std::string> directory_source_files(const Workspace& repo, const AppSource& source) {
  std::vector<std::string> out;
  for (const auto& file : repo.list_files(source.path)) {
    const auto relative = file.substr(source.path.size() + 1);
    if (!source.recurse && relative.find('/') != std::string::npos) continue;
    if (!is_yaml_path(file) && file.size() > 5 && file.compare(file.size() - 5, 5, ".json") != 0)
      continue;
    if (!source.include.empty() && !matches_directory_glob(source.include, relative)) continue;
    if (!source.exclude.empty() && matches_directory_glob(source.exclude, relative)) continue;
    out.push_back(file);
  }
  return out;
}

namespace {

// What one YAML file holds for validate: its Argo CD objects, or why it cannot be read.
struct FileObjects {
  std::vector<Finding> findings;
  std::vector<AppRecord> apps;
  std::vector<ProjectRecord> projects;
  std::vector<AppSetRecord> sets;
};

// True when `text` may spell an Argo CD apiVersion: it names argoproj, or holds an escape that
// could spell it. Other files need only the guard's parse (every file must parse), not a tree.
bool may_hold_argo_objects(const std::string& text) {
  return text.find("argoproj") != std::string::npos || text.find('\\') != std::string::npos;
}

// libyaml's tree of a file of one document with no anchor, alias, tag or merge key, in which
// lookups read as yaml-cpp's do; the fast road for the many small Application files.
class PlainTree {
 public:
  using Ref = const yaml_edit::Node*;  // null: absent
  PlainTree(const std::string& text, yaml_edit::Document doc) : doc_(std::move(doc)) {
    for (std::size_t i = 0; i < text.size(); ++i)
      if (text[i] == '\n') breaks_.push_back(i);
  }
  // True when every node is one yaml-cpp reads the same way.
  bool plain() const {
    return std::none_of(doc_.nodes.begin(), doc_.nodes.end(), [](const yaml_edit::Node& n) {
      return !n.anchor.empty() || !n.tag.empty() || n.kind == yaml_edit::NodeKind::alias ||
             yaml_edit::is_merge_key(n);
    });
  }
  Ref root() const { return doc_.root < 0 ? nullptr : &node(doc_.root); }
  // The value at `keys` below mapping `map`, or null.
  Ref at(Ref map, std::initializer_list<const char*> keys) const {
    for (const char* key : keys) {
      if (!is_map(map)) return nullptr;
      Ref found = nullptr;
      for (std::size_t k = 0; k + 1 < map->children.size(); k += 2) {
        const auto& name = node(map->children[k]);
        if (name.kind == yaml_edit::NodeKind::scalar && name.value == key)
          found = &node(map->children[k + 1]);
      }
      map = found;
    }
    return map;
  }
  // The scalar's text ("" for a null, a collection or nothing), as yaml-cpp reads it.
  static std::string text(Ref n) {
    if (!n || n->kind != yaml_edit::NodeKind::scalar || yaml_edit::is_null_scalar(*n)) return {};
    return n->value;
  }
  std::string text_at(Ref map, std::initializer_list<const char*> keys) const {
    return text(at(map, keys));
  }
  static bool is_map(Ref n) { return n && n->kind == yaml_edit::NodeKind::mapping; }
  static bool is_sequence(Ref n) { return n && n->kind == yaml_edit::NodeKind::sequence; }
  std::vector<Ref> items(Ref n) const {
    std::vector<Ref> out;
    for (const int i : n->children) out.push_back(&node(i));
    return out;
  }
  // The line (from 1) `n` starts on.
  int line(Ref n) const {
    return static_cast<int>(std::lower_bound(breaks_.begin(), breaks_.end(), n->begin) -
                            breaks_.begin()) +
           1;
  }

 private:
  const yaml_edit::Node& node(int i) const { return doc_.nodes[static_cast<std::size_t>(i)]; }
  yaml_edit::Document doc_;
  std::vector<std::size_t> breaks_;
};

// yaml-cpp's tree of one document, read through the same lookups as PlainTree.
struct YamlCppTree {
  using Ref = YAML::Node;
  static Ref at(const Ref& map, std::initializer_list<const char*> keys) {
    return yaml_at(map, keys);
  }
  static std::string text(const Ref& n) { return n.IsDefined() && n.IsScalar() ? n.Scalar() : ""; }
  static std::string text_at(const Ref& map, std::initializer_list<const char*> keys) {
    return text(at(map, keys));
  }
  static bool is_map(const Ref& n) { return n.IsDefined() && n.IsMap(); }
  static bool is_sequence(const Ref& n) { return n.IsDefined() && n.IsSequence(); }
  static std::vector<Ref> items(const Ref& n) {
    std::vector<Ref> out;
    for (const auto& item : n) out.push_back(item);
    return out;
  }
  static int line(const Ref& n) { return n.Mark().line + 1; }
};

// True for the scalars yaml-cpp reads as the boolean true.
bool is_true(const std::string& v) {
  for (const char* yes : {"true", "True", "TRUE", "yes", "Yes", "YES", "on", "On", "ON", "y", "Y"})
    if (v == yes) return true;
  return false;
}

template <typename Tree>
AppSource read_source(const Tree& t, const typename Tree::Ref& node) {
  AppSource s;
  s.repo_url = t.text_at(node, {"repoURL"});
  s.path = t.text_at(node, {"path"});
  s.chart = t.text_at(node, {"chart"});
  s.ref = t.text_at(node, {"ref"});
  s.target_revision = t.text_at(node, {"targetRevision"});
  s.line = t.line(node);
  const auto path = t.at(node, {"path"});
  s.path_line = path ? t.line(path) : s.line;
  if (const auto files = t.at(node, {"helm", "valueFiles"}); t.is_sequence(files))
    for (const auto& f : t.items(files)) {
      s.value_files.push_back(t.text(f));
      s.value_file_lines.push_back(t.line(f));
    }
  s.recurse = is_true(t.text_at(node, {"directory", "recurse"}));
  s.include = t.text_at(node, {"directory", "include"});
  s.exclude = t.text_at(node, {"directory", "exclude"});
  return s;
}

// The Application `node` (a document, or an ApplicationSet's template) of `file` describes.
template <typename Tree>
AppRecord read_app(const Tree& t, const typename Tree::Ref& node, const std::string& file) {
  AppRecord app;
  app.name = t.text_at(node, {"metadata", "name"});
  app.project = t.text_at(node, {"spec", "project"});
  app.file = file;
  app.line = t.line(node);
  app.destination_namespace = t.text_at(node, {"spec", "destination", "namespace"});
  if (const auto source = t.at(node, {"spec", "source"}); t.is_map(source))
    app.sources.push_back(read_source(t, source));
  if (const auto sources = t.at(node, {"spec", "sources"}); t.is_sequence(sources))
    for (const auto& item : t.items(sources)) app.sources.push_back(read_source(t, item));
  return app;
}

// The ApplicationSet document `doc` of `file`: its git files generators and its template.
template <typename Tree>
AppSetRecord read_app_set(const Tree& t, const typename Tree::Ref& doc, const std::string& file) {
  AppSetRecord set;
  set.name = t.text_at(doc, {"metadata", "name"});
  set.file = file;
  set.line = t.line(doc);
  set.go_template = is_true(t.text_at(doc, {"spec", "goTemplate"}));
  if (const auto generators = t.at(doc, {"spec", "generators"}); t.is_sequence(generators))
    for (const auto& g : t.items(generators)) {
      const auto files = t.at(g, {"git", "files"});
      if (!t.is_sequence(files)) {
        ++set.other_generators;
        continue;
      }
      FilesGenerator fg{
          t.text_at(g, {"git", "repoURL"}), t.text_at(g, {"git", "revision"}), {}, {}, t.line(g)};
      for (const auto& f : t.items(files))
        (is_true(t.text_at(f, {"exclude"})) ? fg.excludes : fg.paths)
            .push_back(t.text_at(f, {"path"}));
      set.generators.push_back(std::move(fg));
    }
  if (const auto tmpl = t.at(doc, {"spec", "template"}); t.is_map(tmpl))
    set.app_template = read_app(t, tmpl, file);
  set.app_template.line = set.line;
  return set;
}

// The Argo CD object document `doc` of `file` is, into `out` (nothing for any other document).
template <typename Tree>
void read_objects(const Tree& t, const typename Tree::Ref& doc, const std::string& file,
                  FileObjects& out) {
  if (!t.is_map(doc) || t.text_at(doc, {"apiVersion"}).rfind("argoproj.io/", 0) != 0) return;
  const auto kind = t.text_at(doc, {"kind"});
  const auto count = [&](const typename Tree::Ref& n) {
    return t.is_sequence(n) ? t.items(n).size() : 0;
  };
  if (kind == "AppProject")
    out.projects.push_back({t.text_at(doc, {"metadata", "name"}), file, t.line(doc),
                            count(t.at(doc, {"spec", "sourceRepos"})) == 0 &&
                                count(t.at(doc, {"spec", "destinations"})) == 0});
  if (kind == "Application") out.apps.push_back(read_app(t, doc, file));
  if (kind == "ApplicationSet") out.sets.push_back(read_app_set(t, doc, file));
}

FileObjects read_file_objects(const std::string& file, const std::string& text) {
  FileObjects out;
  std::vector<YAML::Node> docs;
  try {
    if (!may_hold_argo_objects(text)) {
      yaml_guard(text, file);
      return out;
    }
    // One parse, guard and tree together, where the tree reads as yaml-cpp's would.
    try {
      YamlGuard guard(text, file);
      PlainTree tree(text, yaml_edit::scan_document(text, &guard));
      if (guard.documents() <= 1 && tree.plain()) {
        read_objects(tree, tree.root(), file, out);
        return out;
      }
    } catch (const YamlRefused&) {
      throw;  // the guard's refusal, as the road below would give it
    } catch (const Error&) {
      // Text the editor's tree refuses (an encoding, a depth): yaml-cpp's road says why.
    }
    docs = yaml_load_all_guarded(text, file);
  } catch (const YAML::Exception& e) {
    out.findings.push_back(
        {Finding::Severity::error, file, e.mark.line + 1, "invalid YAML: " + e.msg});
    return out;
  } catch (const YamlRefused& e) {
    out.findings.push_back({Finding::Severity::error, file, e.line(), e.reason()});
    return out;
  }
  for (const auto& doc : docs) read_objects(YamlCppTree{}, doc, file, out);
  return out;
}

}  // namespace

std::vector<AppRecord> read_applications(const Workspace& repo, const std::string& repo_url,
                                         Findings& findings, std::vector<ProjectRecord>* projects,
                                         std::vector<AppSetRecord>* sets) {
  std::vector<std::string> files;
  for (auto& file : repo.list_files(""))
    if (is_yaml_path(file) && !is_helm_template(file)) files.push_back(std::move(file));
  auto read = parallel_map_texts<FileObjects>(
      files.size(), [&](std::size_t k) { return *repo.read(files[k]); },
      [&](std::size_t k, const std::string& text) { return read_file_objects(files[k], text); },
      repo.reads_concurrently());
  std::vector<AppRecord> apps;
  for (auto& r : read) {
    std::move(r.findings.begin(), r.findings.end(), std::back_inserter(findings));
    std::move(r.apps.begin(), r.apps.end(), std::back_inserter(apps));
    if (projects) std::move(r.projects.begin(), r.projects.end(), std::back_inserter(*projects));
    for (auto& set : r.sets) {
      auto generated = generate_applications(repo, set, repo_url, findings);
      std::move(generated.begin(), generated.end(), std::back_inserter(apps));
      if (sets) sets->push_back(std::move(set));
    }
  }
  return apps;
}

}  // namespace gitopsgen
