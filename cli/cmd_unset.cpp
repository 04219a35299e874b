// `gitopsgen unset SERVICE --env ENV KEY…`: byte-exact removal of keys of a value file.
#include "cli/app.hpp"
#include "cli/command_model.hpp"
#include "cli/platform_context.hpp"
#include "cli/publish_flags.hpp"
#include "cli/value_edits.hpp"
#include "generators/release/value_set.hpp"

namespace gitopsgen::cli {
namespace {

struct UnsetOptions {
  UnsetValuesRequest request;
  PublishFlags publish;
};

int run_unset(const UnsetOptions& o, const GlobalOptions& g, Streams io) {
  const auto platform = open_platform(g);
  const auto plan = plan_unset_values(platform.workspace, platform.settings, o.request);
  const auto headline =
      value_edits_text("Removed values of " + o.request.service + ":", plan.edits);
  return publish_and_report(o.publish, g, io, "unset", plan.release, headline,
                            value_edits_json(plan.edits));
}

}  // namespace

Subcommand unset_command() {
  return {"unset",
          "Remove keys (or env.NAME entries) from a service's value file, editing only those lines",
          [](CLI::App& app) {
            auto o = std::make_shared<UnsetOptions>();
            app.add_option("SERVICE", o->request.service, "Service name")
                ->required()
                ->check(completes_services());
            app.add_option("KEY", o->request.keys,
                           "Dotted key path (podAnnotations.build, ingress.hosts.1), or env.NAME")
                ->required();
            app.add_option("--env", o->request.envs, "Environment (repeatable)")
                ->allow_extra_args(false)
                ->check(completes_environments());
            app.add_flag("--all-envs", o->request.all_envs,
                         "Every environment the service is deployed in");
            add_publish_flags(app, o->publish);
            app.footer(
                "Examples:\n"
                "  gitopsgen unset service-a --env dev podAnnotations.build\n"
                "  gitopsgen unset service-a --all-envs env.DEBUG\n"
                "A mapping or list left empty is written {} or [] so the chart's defaults stay.\n");
            return [o](const GlobalOptions& g, Streams io) { return run_unset(*o, g, io); };
          },
          kWrites | kLocks};
}

}  // namespace gitopsgen::cli
