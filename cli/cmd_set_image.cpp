// `gitopsgen set-image SERVICE --env ENV --tag TAG`: one byte-exact edit of a value file.
#include "cli/app.hpp"
#include "cli/command_model.hpp"
#include "cli/platform_context.hpp"
#include "cli/publish_flags.hpp"

namespace gitopsgen::cli {
namespace {

struct SetImageOptions {
  SetImageRequest request;
  std::string repository;
  CLI::Option* repository_opt = nullptr;  // given, even empty (then refused), or not
  PublishFlags publish;
};

int run_set_image(const SetImageOptions& o, const GlobalOptions& g, Streams io) {
  auto request = o.request;
  if (o.repository_opt->count() > 0) request.repository = o.repository;
  const auto platform = open_platform(g);
  const auto plan = plan_set_image(platform.workspace, platform.settings, request);
  return publish_and_report(
      o.publish, g, io, "set-image", plan,
      "Set " + request.service + " in " + request.env + " to " + request.tag + ":");
}

}  // namespace

Subcommand set_image_command() {
  return {"set-image",
          "Set a service's image tag (and repository) in one environment, editing only those bytes",
          [](CLI::App& app) {
            auto o = std::make_shared<SetImageOptions>();
            app.add_option("SERVICE", o->request.service, "Service name")
                ->required()
                ->check(completes_services());
            app.add_option("--env", o->request.env, "Environment")
                ->required()
                ->check(completes_environments());
            app.add_option("--tag", o->request.tag, "New image tag")->required();
            o->repository_opt =
                app.add_option("--repository", o->repository, "New image repository");
            add_publish_flags(app, o->publish);
            app.footer(
                "Examples:\n"
                "  gitopsgen set-image service-a --env dev --tag 1.4.0\n"
                "  gitopsgen set-image service-a --env dev --tag 1.4.0 --push\n"
                "  gitopsgen set-image service-a --env production --tag 1.4.0 --branch "
                "release/service-a-1.4.0 --push\n");
            return [o](const GlobalOptions& g, Streams io) { return run_set_image(*o, g, io); };
          },
          kWrites | kLocks};
}

}  // namespace gitopsgen::cli
