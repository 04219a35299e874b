#include "generators/platform/app_graph.hpp"

#include <algorithm>
#include <filesystem>
#include <map>
#include <set>

namespace gitopsgen {
namespace {

// `path` with "." and ".." resolved and no trailing '/'.
std::string normal(const std::string& path) {
  auto out = std::filesystem::path(path).lexically_normal().generic_string();
  while (out.size() > 1 && out.back() == '/') out.pop_back();
  return out;
}

bool is_url(const std::string& value_file) {
  return value_file.find("://") != std::string::npos;
}

// True when `source` is a git source of this repository that is neither a chart nor only a
// lender of value files.
bool is_own_path(const AppSource& source, const std::string& repo_url) {
  return source.chart.empty() && same_repository(source.repo_url, repo_url) &&
         !(source.path.empty() && !source.ref.empty());
}

// True when `source` deploys the plain manifests of a directory of this repository.
bool is_directory_source(const Workspace& repo, const AppSource& source,
                         const std::string& repo_url) {
  return is_own_path(source, repo_url) && !source.path.empty() && repo.is_directory(source.path) &&
         !repo.read(normal(source.path) + "/Chart.yaml");
}

void add_ref_value_file(const Workspace& repo, const std::string& repo_url, const AppRecord& app,
                        const std::string& value_file, int line, std::vector<MissingFile>& out) {
  const auto slash = value_file.find('/');
  if (slash == std::string::npos) return;
  const auto name = value_file.substr(1, slash - 1);
  const auto lender = std::find_if(app.sources.begin(), app.sources.end(),
                                   [&](const AppSource& s) { return s.ref == name; });
  if (lender == app.sources.end() || !same_repository(lender->repo_url, repo_url)) return;
  const auto path = normal(value_file.substr(slash + 1));
  if (!repo.read(path)) out.push_back({path, "value file", line});
}

}  // namespace

std::vector<MissingFile> missing_files(const Workspace& repo, const std::string& repo_url,
                                       const AppRecord& app) {
  std::vector<MissingFile> out;
  for (const auto& source : app.sources) {
    for (std::size_t i = 0; i < source.value_files.size(); ++i) {
      const auto& value_file = source.value_files[i];
      if (!value_file.empty() && value_file.front() == '$')
        add_ref_value_file(repo, repo_url, app, value_file, source.value_file_lines[i], out);
    }
    if (!is_own_path(source, repo_url)) continue;
    if (!repo.is_directory(source.path)) {
      out.push_back({normal(source.path), "path", source.line});
      continue;
    }
    for (std::size_t i = 0; i < source.value_files.size(); ++i) {
      const auto& value_file = source.value_files[i];
      if (value_file.empty() || value_file.front() == '$' || is_url(value_file)) continue;
      const auto path = normal(source.path + "/" + value_file);
      if (!repo.read(path)) out.push_back({path, "value file", source.value_file_lines[i]});
    }
  }
  return out;
}

std::vector<std::pair<std::size_t, std::size_t>> AppGraph::edges() const {
  std::vector<std::pair<std::size_t, std::size_t>> out;
  for (std::size_t i = 0; i < nodes.size(); ++i) {
    for (const auto child : nodes[i].children) out.emplace_back(i, child);
  }
  return out;
}

std::vector<std::size_t> AppGraph::orphans() const {
  std::vector<std::size_t> out;
  for (std::size_t i = 0; i < nodes.size(); ++i) {
    if (nodes[i].orphan) out.push_back(i);
  }
  return out;
}

std::vector<std::size_t> AppGraph::with_missing_files() const {
  std::vector<std::size_t> out;
  for (std::size_t i = 0; i < nodes.size(); ++i) {
    if (!nodes[i].missing.empty()) out.push_back(i);
  }
  return out;
}

AppGraph app_graph(const Workspace& repo, const std::string& repo_url,
                   std::vector<AppRecord> apps) {
  AppGraph graph;
  std::map<std::string, std::vector<std::size_t>> by_file;
  std::map<std::string, int> name_count;
  for (auto& app : apps) {
    by_file[app.file].push_back(graph.nodes.size());
    ++name_count[app.name];
    graph.nodes.push_back({});
    graph.nodes.back().app = std::move(app);
  }
  for (std::size_t i = 0; i < graph.nodes.size(); ++i) {
    auto& node = graph.nodes[i];
    const auto& app = node.app;
    node.id = !app.name.empty() && name_count[app.name] == 1
                  ? app.name
                  : app.name + "@" + app.file + ":" + std::to_string(app.line);
    node.missing = missing_files(repo, repo_url, app);
    bool empty_directory = false;
    for (const auto& source : app.sources) {
      if (!is_directory_source(repo, source, repo_url)) continue;
      const auto files = directory_source_files(repo, source);
      if (files.empty()) empty_directory = true;
      for (const auto& file : files) {
        const auto found = by_file.find(file);
        if (found == by_file.end()) continue;
        for (const auto child : found->second) {
          if (std::find(node.children.begin(), node.children.end(), child) == node.children.end())
            node.children.push_back(child);
        }
      }
    }
    if (app.file.rfind("bootstrap/", 0) == 0) {
      node.kind = AppNode::Kind::root;
      graph.roots.push_back(i);
    } else if (!node.children.empty() || empty_directory) {
      node.kind = AppNode::Kind::app_of_apps;
    }
  }
  std::set<std::size_t> reached(graph.roots.begin(), graph.roots.end());
  std::vector<std::size_t> pending(graph.roots.begin(), graph.roots.end());
  while (!pending.empty()) {
    const auto i = pending.back();
    pending.pop_back();
    for (const auto child : graph.nodes[i].children) {
      if (reached.insert(child).second) pending.push_back(child);
    }
  }
  for (std::size_t i = 0; i < graph.nodes.size(); ++i) graph.nodes[i].orphan = !reached.count(i);
  return graph;
}

AppGraph read_app_graph(const Workspace& repo, const std::string& repo_url) {
  Findings unreadable;
  auto apps = read_applications(repo, repo_url, unreadable);
  auto graph = app_graph(repo, repo_url, std::move(apps));
  graph.unreadable = std::move(unreadable);
  return graph;
}

}  // namespace gitopsgen
