// `gitopsgen status`: the services × environments matrix of image tags.
#include <algorithm>
#include <ostream>

#include "cli/app.hpp"
#include "cli/output.hpp"
#include "cli/platform_context.hpp"
#include "cli/terminal.hpp"
#include "generators/release/release_report.hpp"

namespace gitopsgen::cli {
namespace {

void print_text(const PlatformSettings& settings, const std::vector<StatusRow>& rows,
                std::ostream& out, bool colour) {
  std::vector<std::vector<std::string>> table{{"SERVICE"}};
  std::vector<std::vector<bool>> marked{{false}};  // cells painted as not yet promoted
  for (const auto& env : settings.environments) {
    table[0].push_back(env.name);
    marked[0].push_back(false);
  }
  bool any_behind = false;
  for (const auto& row : rows) {
    std::vector<std::string> cells{row.service};
    std::vector<bool> marks{false};
    for (std::size_t i = 0; i < row.images.size(); ++i) {
      marks.push_back(row.images[i] && row.behind[i]);
      cells.push_back(!row.images[i]
                          ? "-"
                          : (row.images[i]->tag.empty() ? "(none)" : row.images[i]->tag) +
                                (row.behind[i] ? " *" : ""));
      any_behind |= row.behind[i];
    }
    table.push_back(cells);
    marked.push_back(marks);
  }
  std::vector<std::size_t> widths(table[0].size());
  for (const auto& r : table)
    for (std::size_t c = 0; c < r.size(); ++c) widths[c] = std::max(widths[c], r[c].size());
  for (std::size_t r = 0; r < table.size(); ++r) {
    std::string line;
    for (std::size_t c = 0; c < table[r].size(); ++c) {
      const auto& cell = table[r][c];
      // Padding is measured on the bare text: escape sequences take no columns.
      line += r == 0 ? paint(cell, Colour::bold, colour)
                     : paint(cell, Colour::yellow, colour && marked[r][c]);
      if (c + 1 < table[r].size()) line += std::string(widths[c] - cell.size() + 2, ' ');
    }
    out << line << "\n";
  }
  if (any_behind) out << "* differs from the environment before it: not yet promoted\n";
  if (rows.empty()) out << "No services yet: gitopsgen add-service NAME --language LANG\n";
}

void print_json(const PlatformSettings& settings, const std::vector<StatusRow>& rows,
                std::ostream& out) {
  std::vector<std::string> envs;
  for (const auto& env : settings.environments) envs.push_back(json_string(env.name));
  out << "{\"command\":\"status\",\"environments\":[" << join(envs, ",") << "],\"services\":[";
  for (std::size_t r = 0; r < rows.size(); ++r) {
    out << (r ? "," : "") << "{\"service\":" << json_string(rows[r].service) << ",\"images\":{";
    bool first = true;
    for (std::size_t i = 0; i < rows[r].images.size(); ++i) {
      if (!rows[r].images[i]) continue;
      out << (first ? "" : ",") << json_string(settings.environments[i].name)
          << ":{\"repository\":" << json_string(rows[r].images[i]->repository)
          << ",\"tag\":" << json_string(rows[r].images[i]->tag)
          << ",\"behind\":" << (rows[r].behind[i] ? "true" : "false") << "}";
      first = false;
    }
    out << "}}";
  }
  out << "]}\n";
}

}  // namespace

Subcommand status_command() {
  return {"status", "Show the image tag of every service in every environment", [](CLI::App& app) {
            app.footer(
                "Examples:\n  gitopsgen status\n  gitopsgen status -o json | jq '.services[]'\n");
            return [](const GlobalOptions& g, Streams io) {
              const auto platform = open_platform(g);
              const auto rows = read_status(platform.workspace, platform.settings);
              g.json() ? print_json(platform.settings, rows, io.out)
                       : print_text(platform.settings, rows, io.out, g.colour);
              return 0;
            };
          }};
}

}  // namespace gitopsgen::cli
