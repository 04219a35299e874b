// `gitopsgen graph`: the app-of-apps tree as text, Graphviz DOT, Mermaid or JSON.
#include <ostream>
#include <set>
#include <sstream>

#include "cli/app.hpp"
#include "cli/output.hpp"
#include "cli/platform_context.hpp"
#include "cli/terminal.hpp"
#include "generators/platform/app_graph.hpp"
#include "generators/yaml/json_value.hpp"

namespace gitopsgen::cli {
namespace {

using Kind = AppNode::Kind;

const char* kind_name(Kind kind) {
  return kind == Kind::root ? "root" : kind == Kind::app_of_apps ? "app-of-apps" : "application";
}

std::string missing_list(const AppNode& node) {
  std::vector<std::string> paths;
  for (const auto& m : node.missing) paths.push_back(m.path);
  return join(paths, ", ");
}

// The roots of the orphans' trees: orphans no other orphan deploys, then any left in a cycle.
std::vector<std::size_t> orphan_tops(const AppGraph& graph) {
  std::set<std::size_t> deployed;
  for (const auto& [parent, child] : graph.edges())
    if (parent != child) deployed.insert(child);
  std::vector<std::size_t> tops;
  for (const auto i : graph.orphans())
    if (!deployed.count(i)) tops.push_back(i);
  return tops;
}

// --- text: an indented tree, like `tree`

struct TextTree {
  const AppGraph& graph;
  bool colour;
  std::set<std::size_t> shown;
  std::ostringstream out;

  void line(std::size_t i, bool repeated) {
    const auto& node = graph.nodes[i];
    out << paint(node.id, node.kind == Kind::application ? Colour::dim : Colour::bold,
                 colour && !node.orphan && node.kind != Kind::application)
        << " (" << application_origin(node.app) << ")";
    if (node.kind == Kind::app_of_apps) out << " [app-of-apps]";
    if (node.orphan) out << " " << paint("[orphan]", Colour::yellow, colour);
    if (!node.missing.empty())
      out << " " << paint("[missing: " + missing_list(node) + "]", Colour::red, colour);
    if (repeated) out << " [shown above]";
    out << "\n";
  }

  void tree(std::size_t i, const std::string& prefix) {
    const bool repeated = !shown.insert(i).second;
    line(i, repeated);
    if (repeated) return;
    const auto& children = graph.nodes[i].children;
    for (std::size_t c = 0; c < children.size(); ++c) {
      const bool last = c + 1 == children.size();
      out << prefix << (last ? "└── " : "├── ");
      tree(children[c], prefix + (last ? "    " : "│   "));
    }
  }
};

void print_text(const AppGraph& graph, const GlobalOptions& g, std::ostream& out) {
  TextTree t{graph, g.colour, {}, {}};
  for (const auto root : graph.roots) t.tree(root, "");
  if (graph.roots.empty()) t.out << "(no root Application in bootstrap/)\n";
  const auto orphans = graph.orphans();
  if (!orphans.empty()) {
    t.out << "\nOrphans: no app-of-apps reaches them\n";
    for (const auto i : orphan_tops(graph)) t.tree(i, "");
    for (const auto i : orphans)
      if (!t.shown.count(i)) t.tree(i, "");
  }
  const auto missing = graph.with_missing_files();
  if (!missing.empty()) {
    t.out << "\nMissing files:\n";
    for (const auto i : missing)
      for (const auto& m : graph.nodes[i].missing)
        t.out << "  " << graph.nodes[i].id << ": " << m.what << " " << m.path << " ("
              << graph.nodes[i].app.file << ":" << m.line << ")\n";
  }
  if (!g.quiet) {
    std::size_t app_of_apps = 0;
    for (const auto& node : graph.nodes) app_of_apps += node.kind == Kind::app_of_apps;
    t.out << "\n"
          << graph.nodes.size() << " Application(s): " << graph.roots.size() << " root, "
          << app_of_apps << " app-of-apps, " << orphans.size() << " orphan(s), " << missing.size()
          << " with missing files\n";
  }
  page(t.out.str(), out, !g.no_pager);
}

// --- DOT: a Graphviz digraph

std::string dot_string(const std::string& text) {
  std::string out = "\"";
  for (const char ch : text) {
    if (ch == '"' || ch == '\\') out += '\\';
    if (ch == '\n') {
      out += "\\n";
      continue;
    }
    if (ch == '\r') continue;
    out += ch;
  }
  return out + "\"";
}

std::string dot_node(const AppNode& node) {
  std::string label = node.id + "\n" + node.app.file;
  std::string attrs;
  if (node.kind == Kind::root) {
    attrs = "shape=box, style=\"rounded,filled,bold\", fillcolor=\"#cfe2f3\"";
  } else if (node.kind == Kind::app_of_apps) {
    attrs = "shape=folder, style=filled, fillcolor=\"#d9ead3\"";
  } else {
    attrs = "shape=box, style=\"rounded,filled\", fillcolor=\"#ffffff\"";
  }
  if (node.orphan) {
    label += "\n(orphan)";
    attrs += ", class=\"orphan\", color=\"#7f7f7f\", fontcolor=\"#555555\"";
  }
  if (!node.missing.empty()) {
    label += "\nmissing: " + missing_list(node);
    attrs += ", class=\"missing\", color=\"#cc0000\", penwidth=2, fillcolor=\"#f4cccc\"";
  }
  if (node.orphan) attrs += ", style=\"dashed,filled\"";
  return dot_string(node.id) + " [label=" + dot_string(label) + ", " + attrs + "];";
}

void print_dot(const AppGraph& graph, std::ostream& out) {
  out << "// The app-of-apps tree, by gitopsgen graph: dot -Tsvg -o graph.svg\n"
      << "digraph \"app-of-apps\" {\n"
      << "  rankdir=LR;\n"
      << "  graph [fontname=\"Helvetica\", fontsize=11];\n"
      << "  node [fontname=\"Helvetica\", fontsize=11];\n"
      << "  edge [color=\"#555555\"];\n";
  const auto orphans = graph.orphans();
  for (std::size_t i = 0; i < graph.nodes.size(); ++i)
    if (!graph.nodes[i].orphan) out << "  " << dot_node(graph.nodes[i]) << "\n";
  if (!orphans.empty()) {
    out << "  subgraph \"cluster_orphans\" {\n"
        << "    label=\"Orphans: no app-of-apps reaches them\";\n"
        << "    style=dashed; color=\"#7f7f7f\";\n";
    for (const auto i : orphans) out << "    " << dot_node(graph.nodes[i]) << "\n";
    out << "  }\n";
  }
  for (const auto& [parent, child] : graph.edges())
    out << "  " << dot_string(graph.nodes[parent].id) << " -> " << dot_string(graph.nodes[child].id)
        << ";\n";
  // The graph's label lists them too, one left-justified ("\\l") line each.
  std::string legend;
  auto add = [&](const std::string& text) {
    auto line = dot_string(text);
    legend += line.substr(1, line.size() - 2) + "\\l";
  };
  for (const auto i : orphans) add("orphan: " + graph.nodes[i].id);
  for (const auto i : graph.with_missing_files())
    for (const auto& m : graph.nodes[i].missing)
      add("missing: " + graph.nodes[i].id + ": " + m.what + " " + m.path);
  if (!legend.empty())
    out << "  labelloc=b; labeljust=l;\n"
        << "  label=\"" << legend << "\";\n";
  out << "}\n";
}

// --- Mermaid: a flowchart

std::string mermaid_text(const std::string& text) {
  std::string out;
  for (const char ch : text) {
    switch (ch) {
      case '"':
        out += "#quot;";
        break;
      case '#':
        out += "#35;";
        break;
      case '<':
        out += "#lt;";
        break;
      case '>':
        out += "#gt;";
        break;
      case '&':
        out += "#amp;";
        break;
      case '`':
        out += "#96;";
        break;
      case '\n':
        out += "<br/>";
        break;
      case '\r':
        break;
      default:
        out += ch;
    }
  }
  return out;
}

std::string mermaid_node(const AppGraph& graph, std::size_t i) {
  const auto& node = graph.nodes[i];
  std::string label = mermaid_text(node.id) + "<br/>" + mermaid_text(node.app.file);
  if (node.orphan) label += "<br/>(orphan)";
  if (!node.missing.empty()) label += "<br/>missing: " + mermaid_text(missing_list(node));
  const auto id = "n" + std::to_string(i);
  return node.kind == Kind::app_of_apps ? id + "[[\"" + label + "\"]]" : id + "[\"" + label + "\"]";
}

void print_mermaid(const AppGraph& graph, std::ostream& out) {
  out << "flowchart LR\n";
  const auto orphans = graph.orphans();
  for (std::size_t i = 0; i < graph.nodes.size(); ++i)
    if (!graph.nodes[i].orphan) out << "  " << mermaid_node(graph, i) << "\n";
  if (!orphans.empty()) {
    out << "  subgraph orphans [\"Orphans: no app-of-apps reaches them\"]\n";
    for (const auto i : orphans) out << "    " << mermaid_node(graph, i) << "\n";
    out << "  end\n";
  }
  for (const auto& [parent, child] : graph.edges())
    out << "  n" << parent << " --> n" << child << "\n";
  out << "  classDef root fill:#cfe2f3,stroke:#3d6a99,stroke-width:2px\n"
      << "  classDef appofapps fill:#d9ead3,stroke:#4f7f3f\n"
      << "  classDef orphan fill:#eeeeee,stroke:#7f7f7f,stroke-dasharray:5 5\n"
      << "  classDef missing fill:#f4cccc,stroke:#cc0000,stroke-width:2px\n";
  auto classes = [&](const char* name, auto pick) {
    std::vector<std::string> ids;
    for (std::size_t i = 0; i < graph.nodes.size(); ++i)
      if (pick(graph.nodes[i])) ids.push_back("n" + std::to_string(i));
    if (!ids.empty()) out << "  class " << join(ids, ",") << " " << name << "\n";
  };
  classes("root", [](const AppNode& n) { return n.kind == Kind::root; });
  classes("appofapps", [](const AppNode& n) { return n.kind == Kind::app_of_apps; });
  classes("orphan", [](const AppNode& n) { return n.orphan; });
  classes("missing", [](const AppNode& n) { return !n.missing.empty(); });
}

// --- JSON: nodes and edges

// The graph as a value: nodes, edges, orphans, missing files and unreadable files.
JsonValue graph_value(const AppGraph& graph) {
  const auto& n = graph.nodes;
  auto roots = JsonValue::array(), nodes = JsonValue::array(), edges = JsonValue::array();
  auto orphans = JsonValue::array(), missing = JsonValue::array(), unreadable = JsonValue::array();
  for (const auto i : graph.roots) roots.push(n[i].id);
  for (const auto& node : n) {
    auto files = JsonValue::array();
    for (const auto& m : node.missing) files.push(m.path);
    auto entry = JsonValue::object();
    entry.add("id", node.id)
        .add("name", node.app.name)
        .add("kind", kind_name(node.kind))
        .add("file", node.app.file)
        .add("line", node.app.line)
        .add("project", JsonValue::string_or_null(node.app.project))
        .add("namespace", JsonValue::string_or_null(node.app.destination_namespace))
        .add("orphan", node.orphan)
        .add("missing", std::move(files));
    nodes.push(std::move(entry));
  }
  for (const auto& [parent, child] : graph.edges()) {
    auto edge = JsonValue::object();
    edge.add("from", n[parent].id).add("to", n[child].id);
    edges.push(std::move(edge));
  }
  for (const auto i : graph.orphans()) orphans.push(n[i].id);
  for (const auto i : graph.with_missing_files())
    for (const auto& m : n[i].missing) {
      auto entry = JsonValue::object();
      entry.add("id", n[i].id)
          .add("what", m.what)
          .add("path", m.path)
          .add("file", n[i].app.file)
          .add("line", m.line);
      missing.push(std::move(entry));
    }
  for (const auto& f : graph.unreadable) {
    auto entry = JsonValue::object();
    entry.add("file", f.file)
        .add("line", f.line > 0 ? JsonValue(f.line) : JsonValue())
        .add("message", f.message);
    unreadable.push(std::move(entry));
  }
  auto value = JsonValue::object();
  value.add("command", "graph")
      .add("roots", std::move(roots))
      .add("nodes", std::move(nodes))
      .add("edges", std::move(edges))
      .add("orphan", std::move(orphans))
      .add("missing", std::move(missing))
      .add("unreadable", std::move(unreadable));
  return value;
}

int run_graph(const GlobalOptions& g, Streams io) {
  const auto platform = open_platform_for_reading(g, io);
  const auto graph = read_app_graph(platform.files(), platform.settings.repo_url);
  if (!g.structured())
    for (const auto& f : graph.unreadable)
      io.err << "warning: " << f.file << (f.line > 0 ? ":" + std::to_string(f.line) : "")
             << ": skipped: " << f.message << "\n";
  if (g.output == "dot") {
    print_dot(graph, io.out);
  } else if (g.output == "mermaid") {
    print_mermaid(graph, io.out);
  } else if (g.structured()) {
    print_value(g, io, graph_value(graph));
  } else {
    print_text(graph, g, io.out);
  }
  return 0;
}

}  // namespace

Subcommand graph_command() {
  return {"graph",
          "Show the app-of-apps tree, its orphans and its missing files",
          [](CLI::App& app) {
            app.footer(
                "Examples:\n"
                "  gitopsgen graph -C platform-repo\n"
                "  gitopsgen graph -o dot | dot -Tsvg -o graph.svg\n"
                "  gitopsgen graph -o mermaid >docs/graph.mmd\n"
                "  gitopsgen graph -o json | jq '.orphan, .missing'\n");
            return [](const GlobalOptions& g, Streams io) { return run_graph(g, io); };
          },
          0,
          {"text", "dot", "mermaid", "json", "yaml"}};
}

}  // namespace gitopsgen::cli
