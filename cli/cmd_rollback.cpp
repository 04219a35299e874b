// `gitopsgen rollback SERVICE --env ENV [--to TAG | --steps N]`: back to an image the environment
// ran before, found in the git history; one byte-exact edit, one commit.
#include "cli/app.hpp"
#include "cli/command_model.hpp"
#include "cli/platform_context.hpp"
#include "cli/publish_flags.hpp"
#include "generators/error.hpp"
#include "generators/release/rollback.hpp"

namespace gitopsgen::cli {
namespace {

struct RollbackOptions {
  RollbackRequest request;
  std::string to;
  CLI::Option* to_opt = nullptr;
  CLI::Option* steps_opt = nullptr;
  PublishFlags publish;
};

int run_rollback(const RollbackOptions& o, const GlobalOptions& g, Streams io) {
  auto request = o.request;
  if (o.to_opt->count() > 0 && o.steps_opt->count() > 0)
    throw UsageError("--to and --steps both say where to go back to: give one");
  if (o.to_opt->count() > 0) request.to = o.to;
  if (request.force && !request.to) throw UsageError("--force goes with --to TAG");
  auto platform = open_platform(g);
  if (!platform.repo) throw Error("not a git repository: " + platform.root.string());
  const auto plan = plan_rollback(*platform.repo, platform.workspace, platform.settings, request);
  return publish_and_report(o.publish, g, io, "rollback", plan,
                            "Roll back " + request.service + " in " + request.env + ":");
}

}  // namespace

Subcommand rollback_command() {
  return {"rollback",
          "Put a service in one environment back to an image it ran before, from the git history",
          [](CLI::App& app) {
            auto o = std::make_shared<RollbackOptions>();
            app.add_option("SERVICE", o->request.service, "Service name")
                ->required()
                ->check(completes_services());
            app.add_option("--env", o->request.env, "Environment")
                ->required()
                ->check(completes_environments());
            o->to_opt =
                app.add_option("--to", o->to, "Back to this tag, which the environment ran");
            o->steps_opt = app.add_option("--steps", o->request.steps,
                                          "Back this many distinct images (default 1: the one "
                                          "before the current)")
                               ->type_name("N");
            app.add_flag("--force", o->request.force,
                         "With --to: set the tag even if the environment never ran it");
            add_publish_flags(app, o->publish);
            app.footer(
                "Examples:\n"
                "  gitopsgen rollback service-a --env production\n"
                "  gitopsgen rollback service-a --env production --to 1.3.2 --push\n"
                "  gitopsgen rollback service-a --env staging --steps 2 --dry-run\n");
            return [o](const GlobalOptions& g, Streams io) { return run_rollback(*o, g, io); };
          },
          kWrites | kLocks};
}

}  // namespace gitopsgen::cli
