// `gitopsgen __complete services|environments` (hidden): the names completion scripts offer,
// one per line, from the platform at -C's directory; nothing at all outside a platform.
#include <memory>
#include <ostream>
#include <set>

#include "cli/app.hpp"
#include "cli/platform_context.hpp"
#include "generators/services/service_inventory.hpp"

namespace gitopsgen::cli {

Subcommand complete_command() {
  return {"__complete",
          "Print the platform's service or environment names, for completion",
          [](CLI::App& app) {
            app.group("");  // hidden from help
            auto what = std::make_shared<std::string>();
            app.add_option("WHAT", *what, "services or environments")->required();
            return [what](const GlobalOptions& g, Streams io) {
              std::string names;
              try {
                const auto platform = open_platform(g);
                if (*what == "environments") {
                  for (const auto& env : platform.settings.environments) names += env.name + "\n";
                } else if (*what == "services") {
                  std::set<std::string> services;
                  for (const auto& instance :
                       list_service_instances(platform.workspace, platform.settings))
                    services.insert(instance.service);
                  for (const auto& service : services) names += service + "\n";
                }
              } catch (const std::exception&) {
                return 0;  // not a platform (or a broken one): nothing to offer
              }
              io.out << names;
              return 0;
            };
          },
          0,
          {"text"}};
}

}  // namespace gitopsgen::cli
