// `gitopsgen set-image SERVICE --env ENV --tag TAG` and `set-image --env ENV SERVICE=TAG…`:
// byte-exact edits of value files, one commit.
#include "cli/app.hpp"
#include "cli/command_model.hpp"
#include "cli/platform_context.hpp"
#include "cli/publish_flags.hpp"
#include "generators/error.hpp"

namespace gitopsgen::cli {
namespace {

struct SetImageOptions {
  std::vector<std::string> targets;  // SERVICE, or SERVICE=TAG…
  std::string env;
  std::string tag;
  std::string repository;
  CLI::Option* tag_opt = nullptr;
  CLI::Option* repository_opt = nullptr;  // given, even empty (then refused), or not
  PublishFlags publish;
};

// SERVICE=TAG pairs of the many-services form; throws UsageError when the forms are mixed.
std::vector<std::pair<std::string, std::string>> pairs_of(const SetImageOptions& o) {
  std::vector<std::pair<std::string, std::string>> pairs;
  for (const auto& target : o.targets) {
    const auto eq = target.find('=');
    if (eq == std::string::npos)
      throw UsageError("'" + target +
                       "' has no tag: give SERVICE --tag TAG, or SERVICE=TAG for every service");
    pairs.emplace_back(target.substr(0, eq), target.substr(eq + 1));
  }
  if (o.tag_opt->count() > 0 || o.repository_opt->count() > 0)
    throw UsageError("--tag and --repository go with one SERVICE; SERVICE=TAG names its own tag");
  return pairs;
}

int run_set_image(const SetImageOptions& o, const GlobalOptions& g, Streams io) {
  const bool one = o.targets.size() == 1 && o.targets[0].find('=') == std::string::npos;
  if (one && o.tag_opt->count() == 0) throw UsageError("--tag is required with SERVICE");
  const auto platform = open_platform(g);
  if (one) {
    SetImageRequest request{o.targets[0], o.env, o.tag, std::nullopt};
    if (o.repository_opt->count() > 0) request.repository = o.repository;
    const auto plan = plan_set_image(platform.workspace, platform.settings, request);
    return publish_and_report(
        o.publish, g, io, "set-image", plan,
        "Set " + request.service + " in " + request.env + " to " + request.tag + ":");
  }
  const SetImagesRequest request{o.env, pairs_of(o)};
  const auto plan = plan_set_images(platform.workspace, platform.settings, request);
  return publish_and_report(
      o.publish, g, io, "set-image", plan,
      "Set " + std::to_string(request.tags.size()) + " services in " + request.env + ":");
}

}  // namespace

Subcommand set_image_command() {
  return {
      "set-image",
      "Set services' image tags (and repository) in one environment, editing only those bytes",
      [](CLI::App& app) {
        auto o = std::make_shared<SetImageOptions>();
        app.add_option("SERVICE", o->targets,
                       "Service name (with --tag), or SERVICE=TAG for each of several")
            ->required()
            ->check(completes_services());
        app.add_option("--env", o->env, "Environment")->required()->check(completes_environments());
        o->tag_opt = app.add_option("--tag", o->tag, "New image tag of SERVICE");
        o->repository_opt =
            app.add_option("--repository", o->repository, "New image repository of SERVICE");
        add_publish_flags(app, o->publish);
        app.footer(
            "Examples:\n"
            "  gitopsgen set-image service-a --env dev --tag 1.4.0\n"
            "  gitopsgen set-image --env dev service-a=1.4.0 service-b=2.0.1   # one commit\n"
            "  gitopsgen set-image service-a --env dev --tag 1.4.0 --push\n"
            "  gitopsgen set-image service-a --env production --tag 1.4.0 --branch "
            "release/service-a-1.4.0 --push\n");
        return [o](const GlobalOptions& g, Streams io) { return run_set_image(*o, g, io); };
      },
      kWrites | kLocks};
}

}  // namespace gitopsgen::cli
