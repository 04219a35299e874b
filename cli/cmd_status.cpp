// `gitopsgen status`: the services × environments matrix of image tags.
#include <algorithm>
#include <memory>
#include <ostream>

#include "cli/app.hpp"
#include "cli/command_model.hpp"
#include "cli/output.hpp"
#include "cli/platform_context.hpp"
#include "cli/terminal.hpp"
#include "generators/error.hpp"
#include "generators/release/release_report.hpp"

namespace gitopsgen::cli {
namespace {

// The mark a cell carries for `drift`, and the colour it is painted in.
struct Mark {
  const char* suffix;
  const char* legend;
  Colour colour;
};
Mark mark_of(Drift drift) {
  switch (drift) {
    case Drift::behind:
      return {" *", "* behind the environment before it: not yet promoted", Colour::yellow};
    case Drift::ahead:
      return {" +", "+ ahead of the environment before it: a newer version", Colour::cyan};
    case Drift::differs:
      return {" ~", "~ differs from the environment before it (not comparable as versions)",
              Colour::red};
    case Drift::same:
      break;
  }
  return {"", "", Colour::bold};
}

void print_text(const PlatformSettings& settings, const std::vector<StatusRow>& rows,
                std::ostream& out, bool colour) {
  std::vector<std::vector<std::string>> table{{"SERVICE"}};
  std::vector<std::vector<Drift>> drifts{{Drift::same}};
  for (const auto& env : settings.environments) {
    table[0].push_back(env.name);
    drifts[0].push_back(Drift::same);
  }
  bool seen[4] = {false, false, false, false};
  for (const auto& row : rows) {
    std::vector<std::string> cells{row.service};
    std::vector<Drift> marks{Drift::same};
    for (std::size_t i = 0; i < row.images.size(); ++i) {
      const auto drift = row.images[i] ? row.drift[i] : Drift::same;
      marks.push_back(drift);
      seen[static_cast<int>(drift)] = true;
      cells.push_back(!row.images[i]
                          ? "-"
                          : (row.images[i]->tag.empty() ? "(none)" : row.images[i]->tag) +
                                mark_of(drift).suffix);
    }
    table.push_back(cells);
    drifts.push_back(marks);
  }
  const auto widths = column_widths(table);
  for (std::size_t r = 0; r < table.size(); ++r) {
    std::string line;
    for (std::size_t c = 0; c < table[r].size(); ++c) {
      const auto& cell = table[r][c];
      // Padding is measured on the bare text: escape sequences take no columns.
      const bool marked = drifts[r][c] != Drift::same;
      line += r == 0   ? paint(cell, Colour::bold, colour)
              : marked ? paint(cell, mark_of(drifts[r][c]).colour, colour)
                       : cell;
      if (c + 1 < table[r].size()) line += std::string(widths[c] - cell.size() + 2, ' ');
    }
    out << line << "\n";
  }
  for (const auto drift : {Drift::behind, Drift::ahead, Drift::differs})
    if (seen[static_cast<int>(drift)]) out << mark_of(drift).legend << "\n";
  if (rows.empty()) out << "No services yet: gitopsgen add-service NAME --language LANG\n";
}

// The matrix as a value: each service's image in every environment, null where not deployed.
JsonValue status_value(const PlatformContext& platform, const std::vector<StatusRow>& rows) {
  const auto& settings = platform.settings;
  const auto envs = environment_names(settings.environments);
  auto services = JsonValue::array();
  for (const auto& row : rows) {
    auto images = JsonValue::object();
    for (std::size_t i = 0; i < row.images.size(); ++i) {
      JsonValue image;
      if (row.images[i]) {
        image = JsonValue::object();
        image.add("repository", JsonValue::string_or_null(row.images[i]->repository))
            .add("tag", JsonValue::string_or_null(row.images[i]->tag))
            .add("drift", drift_name(row.drift[i]))
            .add("behind", row.drift[i] == Drift::behind);
      }
      images.add(envs[i], std::move(image));
    }
    auto entry = JsonValue::object();
    entry.add("service", row.service).add("images", std::move(images));
    services.push(std::move(entry));
  }
  const auto head = platform.repo ? platform.repo->head_id() : std::nullopt;
  auto value = JsonValue::object();
  value.add("command", "status")
      .add("platform", settings.platform)
      .add("head", head ? JsonValue(*head) : JsonValue())
      .add("environments", JsonValue::strings(envs))
      .add("services", std::move(services));
  return value;
}

// `rows` of the named services only (all when none is named); throws Error on a name that is no
// service of the platform.
std::vector<StatusRow> filtered(std::vector<StatusRow> rows,
                                const std::vector<std::string>& services) {
  if (services.empty()) return rows;
  std::vector<StatusRow> out;
  for (const auto& name : services) {
    const auto it = std::find_if(rows.begin(), rows.end(),
                                 [&](const StatusRow& row) { return row.service == name; });
    if (it == rows.end()) throw Error("service '" + name + "' is not on the platform");
    if (std::none_of(out.begin(), out.end(), [&](const StatusRow& r) { return r.service == name; }))
      out.push_back(*it);
  }
  return out;
}

}  // namespace

Subcommand status_command() {
  return {
      "status", "Show the image tag of every service in every environment", [](CLI::App& app) {
        auto services = std::make_shared<std::vector<std::string>>();
        app.add_option("SERVICE", *services, "Only these services")->check(completes_services());
        app.footer(
            "Examples:\n  gitopsgen status\n  gitopsgen status service-a service-b\n"
            "  gitopsgen status -o json | jq '.services[]'\n");
        return [services](const GlobalOptions& g, Streams io) {
          const auto platform = open_platform_for_reading(g, io);
          const auto rows = filtered(read_status(platform.files(), platform.settings), *services);
          if (g.structured())
            print_value(g, io, status_value(platform, rows));
          else
            print_text(platform.settings, rows, io.out, g.colour);
          return 0;
        };
      }};
}

}  // namespace gitopsgen::cli
