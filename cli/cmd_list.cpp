// `gitopsgen list`: every service with its language, environments, tags, secrets and ingress.
#include <algorithm>
#include <ostream>

#include "cli/app.hpp"
#include "cli/output.hpp"
#include "cli/platform_context.hpp"
#include "cli/terminal.hpp"
#include "generators/release/service_list.hpp"

namespace gitopsgen::cli {
namespace {

// "dev=1.2.0 staging=1.1.0": each environment the service is in, with its image tag.
std::string tags_cell(const ServiceListing& row) {
  std::vector<std::string> cells;
  for (std::size_t i = 0; i < row.environments.size(); ++i)
    cells.push_back(row.environments[i] + "=" + (row.tags[i].empty() ? "(none)" : row.tags[i]));
  return join(cells, " ");
}

void print_text(const std::vector<ServiceListing>& rows, std::ostream& out, bool colour) {
  if (rows.empty()) {
    out << "No services yet: gitopsgen add-service NAME --language LANG\n";
    return;
  }
  std::vector<std::vector<std::string>> table{
      {"SERVICE", "LANGUAGE", "ENVIRONMENTS", "TAGS", "SECRETS", "INGRESS"}};
  for (const auto& row : rows)
    table.push_back(
        {row.service, row.language.empty() ? "-" : row.language, join(row.environments, ","),
         tags_cell(row),
         row.secrets.empty() ? "no" : "yes (" + std::to_string(row.secrets.size()) + ")",
         row.ingress ? "yes" : "no"});
  const auto widths = column_widths(table);
  for (std::size_t r = 0; r < table.size(); ++r) {
    std::string line;
    for (std::size_t c = 0; c < table[r].size(); ++c) {
      line += r == 0 ? paint(table[r][c], Colour::bold, colour) : table[r][c];
      if (c + 1 < table[r].size()) line += std::string(widths[c] - table[r][c].size() + 2, ' ');
    }
    out << line << "\n";
  }
}

JsonValue list_value(const PlatformContext& platform, const std::vector<ServiceListing>& rows) {
  auto services = JsonValue::array();
  for (const auto& row : rows) {
    auto tags = JsonValue::object();
    for (std::size_t i = 0; i < row.environments.size(); ++i)
      tags.add(row.environments[i], JsonValue::string_or_null(row.tags[i]));
    auto entry = JsonValue::object();
    entry.add("service", row.service)
        .add("language", JsonValue::string_or_null(row.language))
        .add("environments", JsonValue::strings(row.environments))
        .add("tags", std::move(tags))
        .add("secrets", row.secrets.size())
        .add("secret_names", JsonValue::strings(row.secrets))
        .add("ingress", row.ingress);
    services.push(std::move(entry));
  }
  const auto head = platform.repo ? platform.repo->head_id() : std::nullopt;
  auto value = JsonValue::object();
  value.add("command", "list")
      .add("platform", platform.settings.platform)
      .add("head", head ? JsonValue(*head) : JsonValue())
      .add("services", std::move(services));
  return value;
}

}  // namespace

Subcommand list_command() {
  return {
      "list", "List every service: language, environments, tags, secrets and ingress",
      [](CLI::App& app) {
        app.footer(
            "Examples:\n  gitopsgen list\n"
            "  gitopsgen list -o json | jq -r '.services[] | select(.secrets > 0) | .service'\n");
        return [](const GlobalOptions& g, Streams io) {
          const auto platform = open_platform_for_reading(g, io);
          const auto rows = list_services(platform.files(), platform.settings);
          if (g.structured())
            print_value(g, io, list_value(platform, rows));
          else
            print_text(rows, io.out, g.colour);
          return 0;
        };
      }};
}

}  // namespace gitopsgen::cli
