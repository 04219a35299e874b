#include "generators/platform/helm_error.hpp"

#include <yaml-cpp/yaml.h>

#include <algorithm>
#include <regex>
#include <sstream>

#include "generators/yaml/yaml_guard.hpp"

namespace gitopsgen {
namespace {

const std::regex kValuesRef(R"(\.Values((?:\.[A-Za-z_][A-Za-z0-9_-]*)+))");
constexpr std::size_t kLinesAbove = 5;
const std::regex kTemplateLine(
    R"(([A-Za-z0-9_.-]+(?:/[A-Za-z0-9_.-]+)+\.(?:yaml|yml|tpl|txt)):(\d+))");

void add_refs(const std::string& text, std::vector<std::string>& out) {
  for (std::sregex_iterator it(text.begin(), text.end(), kValuesRef), end; it != end; ++it) {
    const auto path = (*it)[1].str().substr(1);
    if (std::find(out.begin(), out.end(), path) == out.end()) out.push_back(path);
  }
}

std::vector<std::string> split(const std::string& key_path) {
  std::vector<std::string> keys;
  std::stringstream in(key_path);
  for (std::string key; std::getline(in, key, '.');) keys.push_back(key);
  return keys;
}

// How many keys of `keys` `doc` sets, one below the other, and the line of the last of them.
std::pair<std::size_t, int> depth_set(const YAML::Node& doc, const std::vector<std::string>& keys) {
  std::pair<std::size_t, int> found{0, 0};
  YAML::Node node = doc;
  for (const auto& key : keys) {
    if (!node.IsMap()) break;
    bool next = false;
    for (auto it = node.begin(); it != node.end(); ++it) {
      if (!it->first.IsScalar() || it->first.Scalar() != key) continue;
      found = {found.first + 1, it->first.Mark().line + 1};
      node = it->second;
      next = true;
      break;
    }
    if (!next) break;
  }
  return found;
}

}  // namespace

std::vector<std::string> helm_reason_lines(const std::string& text) {
  std::vector<std::string> lines;
  std::stringstream in(text);
  for (std::string line; std::getline(in, line);) {
    while (!line.empty() && (line.back() == ' ' || line.back() == '\r' || line.back() == '\t'))
      line.pop_back();
    if (line.find_first_not_of(" \t") == std::string::npos) continue;
    if (line.rfind("Use --debug flag", 0) == 0) continue;
    lines.push_back(line);
  }
  return lines;
}

std::vector<std::string> helm_value_paths(const std::vector<std::string>& reason,
                                          const Workspace& repo, const std::string& chart_path) {
  std::vector<std::string> out;
  for (const auto& line : reason) add_refs(line, out);
  for (const auto& line : reason) {
    std::smatch m;
    if (!std::regex_search(line, m, kTemplateLine)) continue;
    // Helm names a template by the chart's name, then its path inside the chart.
    const auto name = m[1].str();
    const auto text = repo.read(chart_path + name.substr(name.find('/')));
    if (!text) continue;
    // The line itself, else the nearest of the few above it that reads a value: a `fail` is
    // usually inside the `if` that tested the value.
    std::vector<std::string> lines;
    std::stringstream in(*text);
    for (std::string l; std::getline(in, l);) lines.push_back(l);
    const auto wanted = std::stoul(m[2].str());
    for (std::size_t n = wanted; n >= 1 && n + kLinesAbove >= wanted && n <= lines.size(); --n) {
      const auto before = out.size();
      add_refs(lines[n - 1], out);
      if (out.size() > before || std::regex_search(lines[n - 1], kValuesRef)) break;
    }
  }
  return out;
}

std::optional<ValueLocation> locate_value(const Workspace& repo,
                                          const std::vector<std::string>& files,
                                          const std::string& key_path) {
  const auto keys = split(key_path);
  std::optional<ValueLocation> best;
  std::size_t best_depth = 0;
  for (auto file = files.rbegin(); file != files.rend(); ++file) {
    const auto text = repo.read(*file);
    if (!text) continue;
    YAML::Node doc;
    try {
      doc = yaml_load_guarded(*text, *file);
    } catch (const std::exception&) {
      continue;
    }
    const auto [depth, line] = depth_set(doc, keys);
    if (depth <= best_depth) continue;
    best_depth = depth;
    std::string key;
    for (std::size_t i = 0; i < depth; ++i) key += (i ? "." : "") + keys[i];
    best = ValueLocation{*file, line, key};
    if (depth == keys.size()) break;
  }
  return best;
}

}  // namespace gitopsgen
