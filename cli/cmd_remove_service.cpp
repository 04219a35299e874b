// `gitopsgen remove-service NAME`: remove exactly what add-service wrote, one commit.
#include <algorithm>
#include <iostream>
#include <ostream>

#include "cli/app.hpp"
#include "cli/command_model.hpp"
#include "cli/output.hpp"
#include "cli/platform_context.hpp"
#include "cli/wizard.hpp"
#include "generators/error.hpp"
#include "generators/release/service_list.hpp"
#include "generators/services/add_service.hpp"
#include "generators/services/service_inventory.hpp"

namespace gitopsgen::cli {
namespace {

struct RemoveServiceOptions {
  std::string name;
  std::string envs;
  CLI::Option* envs_opt = nullptr;  // to tell `--envs ''` (refused) from no --envs (all)
};

// The command that deletes `secret`, recoverable for 30 days (never --force-delete-...).
std::string delete_command(const ServiceSecret& secret) {
  return "aws secretsmanager delete-secret --secret-id " + secret.name + " --region " +
         secret.region + " --recovery-window-in-days 30";
}

// On a terminal, without --yes: asks before a removal that leaves the service in no environment;
// throws Error (nothing changed) unless the answer is yes.
void confirm_last_environment(const PlatformContext& platform, const std::string& service,
                              const std::vector<std::string>& removed, const GlobalOptions& g,
                              Streams io) {
  if (g.yes || g.dry_run || g.structured() || !on_terminal()) return;
  for (const auto& i : list_service_instances(platform.workspace, platform.settings))
    if (i.service == service && std::find(removed.begin(), removed.end(), i.env) == removed.end())
      return;  // it stays deployed somewhere
  io.err << "Remove " << service << " from its last environment" << (removed.size() > 1 ? "s" : "")
         << " (" << join(removed, ", ") << ")? [y/N] " << std::flush;
  std::string answer;
  std::getline(std::cin, answer);
  if (answer != "y" && answer != "Y" && answer != "yes")
    throw Error("not removed: " + service + " stays (answer y, or pass --yes)");
}

int run_remove_service(const RemoveServiceOptions& o, const GlobalOptions& g, Streams io) {
  auto platform = open_platform(g);
  const auto plan = plan_remove_service(
      platform.workspace, platform.settings, o.name,
      o.envs_opt->count() == 0 ? std::vector<std::string>{} : parse_environment_names(o.envs));
  confirm_last_environment(platform, o.name, plan.envs, g, io);
  // Read before the value files go: the secrets stay in AWS until someone deletes them.
  const auto secrets = service_secrets(platform.workspace, platform.settings, o.name, plan.envs);
  auto options = apply_options(g);
  if (options.message.empty()) options.message = plan.message;
  const auto result = apply_changes(platform.git(), platform.root, plan.changes, options);
  auto extra = JsonValue::object();
  auto to_delete = JsonValue::array();
  for (const auto& secret : secrets) {
    auto entry = JsonValue::object();
    entry.add("name", secret.name)
        .add("region", secret.region)
        .add("command", delete_command(secret));
    to_delete.push(std::move(entry));
  }
  extra.add("service", o.name)
      .add("environments", JsonValue::strings(plan.envs))
      .add("secrets_to_delete", std::move(to_delete));
  print_apply_result(
      g, io, "remove-service", result,
      with_commit("Removed " + o.name + " from " + std::to_string(plan.envs.size()) +
                      " environment(s): " + std::to_string(result.removed.size()) + " files",
                  result),
      extra);
  if (!g.structured() && !g.dry_run && !g.quiet && !secrets.empty()) {
    io.out << "Its secrets stay in AWS Secrets Manager. Once nothing reads them, delete them "
              "(restorable for 30 days):\n";
    for (const auto& secret : secrets) io.out << "  " << delete_command(secret) << "\n";
  }
  return 0;
}

}  // namespace

Subcommand remove_service_command() {
  return {
      "remove-service", "Remove a service's value files and Applications, in one commit",
      [](CLI::App& app) {
        auto o = std::make_shared<RemoveServiceOptions>();
        app.add_option("NAME", o->name, "Service name")->required()->check(completes_services());
        o->envs_opt = app.add_option("--envs", o->envs, "Only these environments (default: all)")
                          ->type_name("LIST")
                          ->check(completes_environment_list());
        app.footer(
            "Examples:\n  gitopsgen remove-service service-c\n  gitopsgen remove-service "
            "service-c --envs dev\n");
        return [o](const GlobalOptions& g, Streams io) { return run_remove_service(*o, g, io); };
      },
      kWrites | kLocks | kPrompts};
}

}  // namespace gitopsgen::cli
