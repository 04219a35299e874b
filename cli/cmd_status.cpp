// `gitopsgen status`: the services × environments matrix of image tags.
#include <algorithm>
#include <ostream>

#include "cli/app.hpp"
#include "cli/output.hpp"
#include "cli/platform_context.hpp"
#include "generators/release/release_report.hpp"

namespace gitopsgen::cli {
namespace {

void print_text(const PlatformSettings& settings, const std::vector<StatusRow>& rows,
                std::ostream& out) {
  std::vector<std::vector<std::string>> table{{"SERVICE"}};
  for (const auto& env : settings.environments) table[0].push_back(env.name);
  bool any_behind = false;
  for (const auto& row : rows) {
    std::vector<std::string> cells{row.service};
    for (std::size_t i = 0; i < row.images.size(); ++i) {
      cells.push_back(!row.images[i]
                          ? "-"
                          : (row.images[i]->tag.empty() ? "(none)" : row.images[i]->tag) +
                                (row.behind[i] ? " *" : ""));
      any_behind |= row.behind[i];
    }
    table.push_back(cells);
  }
  std::vector<std::size_t> widths(table[0].size());
  for (const auto& r : table)
    for (std::size_t c = 0; c < r.size(); ++c) widths[c] = std::max(widths[c], r[c].size());
  for (const auto& r : table) {
    std::string line;
    for (std::size_t c = 0; c < r.size(); ++c)
      line += r[c] + (c + 1 < r.size() ? std::string(widths[c] - r[c].size() + 2, ' ') : "");
    out << line << "\n";
  }
  if (any_behind) out << "* differs from the environment before it: not yet promoted\n";
  if (rows.empty()) out << "No services yet: gitopsgen add-service NAME --language LANG\n";
}

// The matrix as a value: each service's image in every environment, null where not deployed.
JsonValue status_value(const PlatformSettings& settings, const std::vector<StatusRow>& rows) {
  std::vector<std::string> envs;
  for (const auto& env : settings.environments) envs.push_back(env.name);
  auto services = JsonValue::array();
  for (const auto& row : rows) {
    auto images = JsonValue::object();
    for (std::size_t i = 0; i < row.images.size(); ++i) {
      JsonValue image;
      if (row.images[i]) {
        image = JsonValue::object();
        image.add("repository", JsonValue::string_or_null(row.images[i]->repository))
            .add("tag", JsonValue::string_or_null(row.images[i]->tag))
            .add("behind", static_cast<bool>(row.behind[i]));
      }
      images.add(envs[i], std::move(image));
    }
    auto entry = JsonValue::object();
    entry.add("service", row.service).add("images", std::move(images));
    services.push(std::move(entry));
  }
  auto value = JsonValue::object();
  value.add("command", "status")
      .add("environments", JsonValue::strings(envs))
      .add("services", std::move(services));
  return value;
}

}  // namespace

Subcommand status_command() {
  return {"status", "Show the image tag of every service in every environment", [](CLI::App& app) {
            app.footer(
                "Examples:\n  gitopsgen status\n  gitopsgen status -o json | jq '.services[]'\n");
            return [](const GlobalOptions& g, Streams io) {
              const auto platform = open_platform(g);
              const auto rows = read_status(platform.workspace, platform.settings);
              if (g.structured())
                print_value(g, io, status_value(platform.settings, rows));
              else
                print_text(platform.settings, rows, io.out);
              return 0;
            };
          }};
}

}  // namespace gitopsgen::cli
