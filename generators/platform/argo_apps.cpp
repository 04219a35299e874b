#include "generators/platform/argo_apps.hpp"

#include <fnmatch.h>
#include <yaml-cpp/yaml.h>

#include <algorithm>
#include <iterator>

#include "generators/change/changeset_checks.hpp"
#include "generators/error.hpp"
#include "generators/parallel_map.hpp"
#include "generators/yaml/yaml_edit_tree.hpp"
#include "generators/yaml/yaml_guard.hpp"
#include "generators/yaml/yaml_path.hpp"

namespace gitopsgen {
namespace {

AppSource read_source(const YAML::Node& node) {
  AppSource s;
  s.repo_url = yaml_string_at(node, {"repoURL"});
  s.path = yaml_string_at(node, {"path"});
  s.chart = yaml_string_at(node, {"chart"});
  s.ref = yaml_string_at(node, {"ref"});
  s.target_revision = yaml_string_at(node, {"targetRevision"});
  s.line = node.Mark().line + 1;
  const auto path = yaml_at(node, {"path"});
  s.path_line = path.IsDefined() ? path.Mark().line + 1 : s.line;
  if (const auto files = yaml_at(node, {"helm", "valueFiles"}); files.IsSequence()) {
    for (const auto& f : files) {
      s.value_files.push_back(f.IsScalar() ? f.as<std::string>() : "");
      s.value_file_lines.push_back(f.Mark().line + 1);
    }
  }
  if (const auto recurse = yaml_at(node, {"directory", "recurse"}); recurse.IsScalar())
    s.recurse = recurse.as<bool>(false);
  s.include = yaml_string_at(node, {"directory", "include"});
  s.exclude = yaml_string_at(node, {"directory", "exclude"});
  return s;
}

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
  const yaml_edit::Node* root() const { return doc_.root < 0 ? nullptr : &doc_.nodes[doc_.root]; }
  const yaml_edit::Node& node(int i) const { return doc_.nodes[static_cast<std::size_t>(i)]; }
  // The value of `key` in mapping `map`, or null.
  const yaml_edit::Node* at(const yaml_edit::Node* map,
                            std::initializer_list<const char*> keys) const {
    for (const char* key : keys) {
      if (!map || map->kind != yaml_edit::NodeKind::mapping) return nullptr;
      const yaml_edit::Node* found = nullptr;
      for (std::size_t k = 0; k + 1 < map->children.size(); k += 2) {
        const auto& name = node(map->children[k]);
        if (name.kind == yaml_edit::NodeKind::scalar && name.value == key)
          found = &node(map->children[k + 1]);
      }
      map = found;
    }
    return map;
  }
  // The scalar's text ("" for a null, a collection or nothing), as yaml_string_at reads it.
  static std::string text(const yaml_edit::Node* n) {
    if (!n || n->kind != yaml_edit::NodeKind::scalar || yaml_edit::is_null_scalar(*n)) return {};
    return n->value;
  }
  std::string text_at(const yaml_edit::Node* map, std::initializer_list<const char*> keys) const {
    return text(at(map, keys));
  }
  // The line (from 1) `n` starts on.
  int line(const yaml_edit::Node& n) const {
    return static_cast<int>(std::lower_bound(breaks_.begin(), breaks_.end(), n.begin) -
                            breaks_.begin()) +
           1;
  }

 private:
  yaml_edit::Document doc_;
  std::vector<std::size_t> breaks_;
};

AppSource read_source(const PlainTree& t, const yaml_edit::Node& node) {
  AppSource s;
  s.repo_url = t.text_at(&node, {"repoURL"});
  s.path = t.text_at(&node, {"path"});
  s.chart = t.text_at(&node, {"chart"});
  s.ref = t.text_at(&node, {"ref"});
  s.target_revision = t.text_at(&node, {"targetRevision"});
  s.line = t.line(node);
  const auto* path = t.at(&node, {"path"});
  s.path_line = path ? t.line(*path) : s.line;
  if (const auto* files = t.at(&node, {"helm", "valueFiles"});
      files && files->kind == yaml_edit::NodeKind::sequence)
    for (const int f : files->children) {
      s.value_files.push_back(PlainTree::text(&t.node(f)));
      s.value_file_lines.push_back(t.line(t.node(f)));
    }
  const auto recurse = t.text_at(&node, {"directory", "recurse"});
  s.recurse = recurse == "true" || recurse == "True" || recurse == "TRUE" || recurse == "yes" ||
              recurse == "Yes" || recurse == "YES" || recurse == "on" || recurse == "On" ||
              recurse == "ON" || recurse == "y" || recurse == "Y";
  s.include = t.text_at(&node, {"directory", "include"});
  s.exclude = t.text_at(&node, {"directory", "exclude"});
  return s;
}

// The Argo CD objects of a file read as a PlainTree.
FileObjects plain_file_objects(const std::string& file, const PlainTree& t) {
  FileObjects out;
  const auto* doc = t.root();
  if (!doc || doc->kind != yaml_edit::NodeKind::mapping ||
      t.text_at(doc, {"apiVersion"}).rfind("argoproj.io/", 0) != 0)
    return out;
  const auto kind = t.text_at(doc, {"kind"});
  const auto count = [](const yaml_edit::Node* n) {
    return n && (n->kind == yaml_edit::NodeKind::sequence) ? n->children.size() : 0;
  };
  if (kind == "AppProject")
    out.projects.push_back({t.text_at(doc, {"metadata", "name"}), file, t.line(*doc),
                            count(t.at(doc, {"spec", "sourceRepos"})) == 0 &&
                                count(t.at(doc, {"spec", "destinations"})) == 0});
  if (kind != "Application") return out;
  AppRecord app;
  app.name = t.text_at(doc, {"metadata", "name"});
  app.project = t.text_at(doc, {"spec", "project"});
  app.file = file;
  app.line = t.line(*doc);
  app.destination_namespace = t.text_at(doc, {"spec", "destination", "namespace"});
  if (const auto* source = t.at(doc, {"spec", "source"});
      source && source->kind == yaml_edit::NodeKind::mapping)
    app.sources.push_back(read_source(t, *source));
  if (const auto* sources = t.at(doc, {"spec", "sources"});
      sources && sources->kind == yaml_edit::NodeKind::sequence)
    for (const int s : sources->children) app.sources.push_back(read_source(t, t.node(s)));
  out.apps.push_back(std::move(app));
  return out;
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
      if (guard.documents() <= 1 && tree.plain()) return plain_file_objects(file, tree);
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
  for (const auto& doc : docs) {
    if (!doc.IsMap() || yaml_string_at(doc, {"apiVersion"}).rfind("argoproj.io/", 0) != 0) continue;
    const auto kind = yaml_string_at(doc, {"kind"});
    if (kind == "AppProject") {
      const auto repos = yaml_at(doc, {"spec", "sourceRepos"});
      const auto destinations = yaml_at(doc, {"spec", "destinations"});
      out.projects.push_back({yaml_string_at(doc, {"metadata", "name"}), file, doc.Mark().line + 1,
                              (!repos.IsSequence() || repos.size() == 0) &&
                                  (!destinations.IsSequence() || destinations.size() == 0)});
    }
    if (kind != "Application") continue;
    AppRecord app;
    app.name = yaml_string_at(doc, {"metadata", "name"});
    app.project = yaml_string_at(doc, {"spec", "project"});
    app.file = file;
    app.line = doc.Mark().line + 1;
    app.destination_namespace = yaml_string_at(doc, {"spec", "destination", "namespace"});
    if (const auto source = yaml_at(doc, {"spec", "source"}); source.IsMap())
      app.sources.push_back(read_source(source));
    if (const auto sources = yaml_at(doc, {"spec", "sources"}); sources.IsSequence()) {
      for (const auto& s : sources) app.sources.push_back(read_source(s));
    }
    out.apps.push_back(std::move(app));
  }
  return out;
}

}  // namespace

std::vector<AppRecord> read_applications(const Workspace& repo, Findings& findings,
                                         std::vector<ProjectRecord>* projects) {
  std::vector<std::string> files;
  for (auto& file : repo.list_files(""))
    if (is_yaml_path(file) && !is_helm_template(file)) files.push_back(std::move(file));
  // Read in order (the repository may be a git tree) and parsed on every core, a chunk at a
  // time so that the texts held stay few; results in file order.
  constexpr std::size_t kChunk = 1024;
  std::vector<AppRecord> apps;
  for (std::size_t start = 0; start < files.size(); start += kChunk) {
    const auto count = std::min(kChunk, files.size() - start);
    std::vector<std::string> texts;
    texts.reserve(count);
    for (std::size_t k = 0; k < count; ++k) texts.push_back(*repo.read(files[start + k]));
    auto read = parallel_map<FileObjects>(
        count, [&](std::size_t k) { return read_file_objects(files[start + k], texts[k]); });
    for (auto& r : read) {
      std::move(r.findings.begin(), r.findings.end(), std::back_inserter(findings));
      std::move(r.apps.begin(), r.apps.end(), std::back_inserter(apps));
      if (projects) std::move(r.projects.begin(), r.projects.end(), std::back_inserter(*projects));
    }
  }
  return apps;
}

}  // namespace gitopsgen
