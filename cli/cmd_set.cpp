// `gitopsgen set SERVICE --env ENV KEY=VALUE…`: byte-exact edits of any value of a value file.
#include "cli/app.hpp"
#include "cli/command_model.hpp"
#include "cli/platform_context.hpp"
#include "cli/publish_flags.hpp"
#include "cli/value_edits.hpp"
#include "generators/release/value_set.hpp"

namespace gitopsgen::cli {
namespace {

struct SetOptions {
  SetValuesRequest request;
  PublishFlags publish;
};

int run_set(const SetOptions& o, const GlobalOptions& g, Streams io) {
  const auto platform = open_platform(g);
  const auto plan = plan_set_values(platform.workspace, platform.settings, o.request);
  const auto headline = value_edits_text("Set values of " + o.request.service + ":", plan.edits);
  return publish_and_report(o.publish, g, io, "set", plan.release, headline,
                            value_edits_json(plan.edits));
}

}  // namespace

Subcommand set_command() {
  return {"set",
          "Set any values of a service's value file by dotted key path, editing only those bytes",
          [](CLI::App& app) {
            auto o = std::make_shared<SetOptions>();
            app.add_option("SERVICE", o->request.service, "Service name")
                ->required()
                ->check(completes_services());
            app.add_option(
                   "KEY=VALUE", o->request.assignments,
                   "Dotted key path and value (replicaCount=3, ingress.hosts.0.host=x, env.NAME=v)")
                ->required();
            app.add_option("--env", o->request.envs, "Environment (repeatable)")
                ->allow_extra_args(false)  // --env dev KEY=VALUE: one environment per --env
                ->check(completes_environments());
            app.add_flag("--all-envs", o->request.all_envs,
                         "Every environment the service is deployed in");
            app.add_flag("--string", o->request.force_string,
                         "Write every VALUE as a string, even one YAML reads as a number or bool");
            app.add_flag("--force-key", o->request.force_key,
                         "Set keys and types the chart's values.schema.json does not admit");
            add_publish_flags(app, o->publish);
            app.footer(
                "Examples:\n"
                "  gitopsgen set service-a --env dev replicaCount=3\n"
                "  gitopsgen set service-a --all-envs resources.limits.memory=512Mi\n"
                "  gitopsgen set service-a --env dev --string podAnnotations.build=1234\n"
                "  gitopsgen set service-a --env production env.LOG_LEVEL=debug\n"
                "Keys are checked against the chart's values.schema.json when it has one.\n");
            return [o](const GlobalOptions& g, Streams io) { return run_set(*o, g, io); };
          },
          kWrites | kLocks};
}

}  // namespace gitopsgen::cli
