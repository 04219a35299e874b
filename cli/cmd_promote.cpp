// `gitopsgen promote SERVICE… | --all --from ENV --to ENV`: copy image tags forward, one commit.
#include "cli/app.hpp"
#include "cli/command_model.hpp"
#include "cli/platform_context.hpp"
#include "cli/publish_flags.hpp"

namespace gitopsgen::cli {
namespace {

struct PromoteOptions {
  PromoteRequest request;
  PublishFlags publish;
};

int run_promote(const PromoteOptions& o, const GlobalOptions& g, Streams io) {
  const auto platform = open_platform(g);
  const auto plan = plan_promote(platform.workspace, platform.settings, o.request);
  return publish_and_report(o.publish, g, io, "promote", plan,
                            "Promote " + o.request.from + " → " + o.request.to + ":");
}

}  // namespace

Subcommand promote_command() {
  return {"promote",
          "Copy image tags (and repositories) from one environment to the next, in one commit",
          [](CLI::App& app) {
            auto o = std::make_shared<PromoteOptions>();
            app.add_option("SERVICE", o->request.services, "Services to promote")
                ->check(completes_services());
            app.add_flag("--all", o->request.all, "Every service deployed in both environments");
            app.add_option("--from", o->request.from, "Source environment")
                ->required()
                ->check(completes_environments());
            app.add_option("--to", o->request.to, "Target environment")
                ->required()
                ->check(completes_environments());
            app.add_flag("--skip-order", o->request.skip_order,
                         "Allow a target other than the environment right after --from");
            add_publish_flags(app, o->publish);
            app.footer(
                "Examples:\n"
                "  gitopsgen promote service-a service-b --from dev --to staging\n"
                "  gitopsgen promote --all --from staging --to production --push\n");
            return [o](const GlobalOptions& g, Streams io) { return run_promote(*o, g, io); };
          },
          kWrites | kLocks};
}

}  // namespace gitopsgen::cli
