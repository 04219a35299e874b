// `gitopsgen diff SERVICE --from ENV --to ENV`: the values that differ between two environments.
#include <algorithm>
#include <memory>
#include <ostream>

#include "cli/app.hpp"
#include "cli/command_model.hpp"
#include "cli/output.hpp"
#include "cli/platform_context.hpp"
#include "cli/terminal.hpp"
#include "generators/release/value_diff.hpp"

namespace gitopsgen::cli {
namespace {

std::string shown(const std::optional<std::string>& value) {
  return value ? *value : "(absent)";
}

// One aligned line per path: `* path  from → to`, `*` marking what promote carries.
void print_text(const ValueDiffRequest& r, const std::vector<ValueDifference>& diff,
                std::ostream& out, bool colour) {
  if (diff.empty()) {
    out << "No difference: " << r.service << " has the same values in " << r.from << " and " << r.to
        << ".\n";
    return;
  }
  std::size_t path_width = 0, from_width = 0;
  for (const auto& d : diff) {
    path_width = std::max(path_width, d.path.size());
    from_width = std::max(from_width, shown(d.from).size());
  }
  const auto carried =
      std::count_if(diff.begin(), diff.end(), [](const ValueDifference& d) { return d.promoted; });
  out << paint(r.service + ": " + r.from + " → " + r.to, Colour::bold, colour) << " ("
      << diff.size() << " value(s) differ)\n";
  for (const auto& d : diff) {
    const auto from = shown(d.from);
    out << (d.promoted ? "* " : "  ") << d.path << std::string(path_width - d.path.size() + 2, ' ')
        << from << std::string(from_width - from.size(), ' ') << " → " << shown(d.to) << "\n";
  }
  if (carried > 0)
    out << "* carried by promote; the other values stay as each environment has them\n";
  else
    out << "promote carries none of these: each environment keeps its own\n";
}

JsonValue diff_value(const ValueDiffRequest& r, const std::vector<ValueDifference>& diff) {
  auto differences = JsonValue::array();
  for (const auto& d : diff) {
    auto entry = JsonValue::object();
    entry.add("path", d.path)
        .add("from", d.from ? JsonValue(*d.from) : JsonValue())
        .add("to", d.to ? JsonValue(*d.to) : JsonValue())
        .add("promoted", d.promoted);
    differences.push(std::move(entry));
  }
  auto value = JsonValue::object();
  value.add("command", "diff")
      .add("service", r.service)
      .add("from", r.from)
      .add("to", r.to)
      .add("differences", std::move(differences));
  return value;
}

}  // namespace

Subcommand diff_command() {
  return {"diff", "Show the values of a service that differ between two environments",
          [](CLI::App& app) {
            auto r = std::make_shared<ValueDiffRequest>();
            app.add_option("SERVICE", r->service, "Service name")
                ->required()
                ->check(completes_services());
            app.add_option("--from", r->from, "One environment")
                ->required()
                ->check(completes_environments());
            app.add_option("--to", r->to, "The other environment")
                ->required()
                ->check(completes_environments());
            app.footer(
                "Examples:\n  gitopsgen diff service-a --from staging --to production\n"
                "  gitopsgen diff service-a --from dev --to staging -o json\n");
            return [r](const GlobalOptions& g, Streams io) {
              const auto platform = open_platform_for_reading(g, io);
              const auto diff = diff_values(platform.files(), platform.settings, *r);
              if (g.structured())
                print_value(g, io, diff_value(*r, diff));
              else
                print_text(*r, diff, io.out, g.colour);
              return 0;
            };
          }};
}

}  // namespace gitopsgen::cli
