// `gitopsgen migrate rename-chart | set-repo-url | set-revision | add-env | layout`: restructure a
// platform, each migration one commit.
#include <memory>

#include "cli/app.hpp"
#include "cli/command_model.hpp"
#include "cli/merge_flags.hpp"
#include "cli/output.hpp"
#include "cli/platform_context.hpp"
#include "cli/secret_report.hpp"
#include "generators/error.hpp"
#include "generators/migrate/migrate.hpp"

namespace gitopsgen::cli {
namespace {

using Action = std::function<int(const GlobalOptions&, Streams)>;

struct MigrateOptions {
  RenameChartRequest rename;
  std::string url;
  std::string revision;
  AddEnvironmentRequest add_env;
  std::string add_env_namespace;
  std::string add_env_after;
  // --namespace and --after, to tell a given empty value (refused) from none (the default).
  CLI::Option* add_env_namespace_opt = nullptr;
  CLI::Option* add_env_after_opt = nullptr;
  std::string layout;
  MergeOptions merge;
};

// Applies `plan` and reports it as `command`; the notes follow the summary.
int report(const MigratePlan& plan, PlatformContext& platform, const GlobalOptions& g, Streams io,
           const std::string& command) {
  auto options = apply_options(g);
  if (options.message.empty()) options.message = plan.message;
  const auto result = apply_changes(platform.git(), platform.root, plan.changes, options);
  std::string summary = with_commit(plan.summary, result);
  for (const auto& note : plan.notes) summary += "\nNote: " + note;
  auto extra = JsonValue::object();
  extra.add("summary", plan.summary)
      .add("notes", JsonValue::strings(plan.notes))
      .add("secrets", secrets_value(plan.secrets));
  print_apply_result(g, io, command, result, summary + secret_commands(plan.secrets), extra);
  return 0;
}

int run_rename_chart(const MigrateOptions& o, const GlobalOptions& g, Streams io) {
  auto platform = open_platform(g);
  const auto plan = plan_rename_chart(platform.workspace, platform.settings, o.rename);
  return report(plan, platform, g, io, "migrate rename-chart");
}

int run_set_repo_url(const MigrateOptions& o, const GlobalOptions& g, Streams io) {
  auto platform = open_platform(g);
  const auto plan = plan_set_repo_url(platform.workspace, platform.settings, o.url);
  return report(plan, platform, g, io, "migrate set-repo-url");
}

int run_set_revision(const MigrateOptions& o, const GlobalOptions& g, Streams io) {
  auto platform = open_platform(g);
  const auto plan = plan_set_revision(platform.workspace, platform.settings, o.revision);
  return report(plan, platform, g, io, "migrate set-revision");
}

int run_add_env(const MigrateOptions& o, const GlobalOptions& g, Streams io) {
  auto platform = open_platform(g);
  auto request = o.add_env;
  if (o.add_env_namespace_opt->count() > 0) {
    if (o.add_env_namespace.empty()) throw UsageError("--namespace must not be empty");
    request.namespace_name = o.add_env_namespace;
  }
  if (o.add_env_after_opt->count() > 0) {
    if (o.add_env_after.empty()) throw UsageError("--after must not be empty");
    request.after = o.add_env_after;
  }
  const auto plan =
      plan_add_environment(platform.workspace, g.scaffolds(), platform.settings, request);
  return report(plan, platform, g, io, "migrate add-env");
}

int run_layout(const MigrateOptions& o, const GlobalOptions& g, Streams io) {
  auto platform = open_platform(g);
  const auto plan =
      plan_migrate_layout(platform.workspace, g.scaffolds(), platform.settings,
                          parse_layout(o.layout), regeneration_options(o.merge, platform.git()));
  return report(plan, platform, g, io, "migrate layout");
}

// Registers one migration; choosing it on the command line makes `chosen` run it.
CLI::App* migration(CLI::App& app, const char* name, const char* description,
                    const std::shared_ptr<Action>& chosen, const std::shared_ptr<MigrateOptions>& o,
                    int (*run)(const MigrateOptions&, const GlobalOptions&, Streams)) {
  auto* sub = app.add_subcommand(name, description);
  sub->callback([chosen, o, run] {
    *chosen = [o, run](const GlobalOptions& g, Streams io) { return run(*o, g, io); };
  });
  return sub;
}

}  // namespace

Subcommand migrate_command() {
  return {
      "migrate",
      "Restructure the platform: rename its chart, move its repository, change the revision Argo "
      "CD follows, add an environment, change its layout; one commit each",
      [](CLI::App& app) {
        auto o = std::make_shared<MigrateOptions>();
        auto chosen = std::make_shared<Action>();
        app.require_subcommand(1, 1);
        app.footer(
            "Examples:\n"
            "  gitopsgen migrate rename-chart my-microservice vsf-miniapp\n"
            "  gitopsgen migrate set-repo-url git@github.com:acme/platform-gitops.git\n"
            "  gitopsgen migrate set-revision release-2024.06\n"
            "  gitopsgen migrate add-env qa --from dev\n"
            "  gitopsgen migrate layout applicationset\n"
            "Run 'gitopsgen migrate MIGRATION --help' for its options.\n");

        auto* rename = migration(app, "rename-chart",
                                 "Move charts/OLD to charts/NEW and point every Application at it",
                                 chosen, o, run_rename_chart);
        rename->add_option("OLD", o->rename.from, "The chart directory under charts/")->required();
        rename->add_option("NEW", o->rename.to, "Its new name (a DNS-1123 label)")->required();
        rename->add_flag("--keep-chart-name", o->rename.keep_chart_name,
                         "Leave Chart.yaml's name, and so every Deployment's selector, as it is");
        rename->footer(
            "Application names stay as they are: renaming an Argo CD Application deletes and "
            "recreates what it deploys.\n"
            "Examples:\n"
            "  gitopsgen migrate rename-chart my-microservice vsf-miniapp\n"
            "  gitopsgen migrate rename-chart vsf-miniapp shop --keep-chart-name --dry-run\n");

        auto* url = migration(app, "set-repo-url",
                              "Point every Application and the AppProject at a new repository URL",
                              chosen, o, run_set_repo_url);
        url->add_option("URL", o->url, "The repository's new git URL")->required();
        url->footer(
            "Examples:\n"
            "  gitopsgen migrate set-repo-url git@github.com:acme/platform-gitops.git\n"
            "  gitopsgen migrate set-repo-url https://git.example.com/platform/gitops.git "
            "--dry-run\n");

        auto* revision =
            migration(app, "set-revision", "Make every Application of this repository follow REV",
                      chosen, o, run_set_revision);
        revision->add_option("REV", o->revision, "A branch, tag or commit")->required();
        revision->footer(
            "Upstream chart Applications keep their pinned chart versions.\n"
            "Examples:\n"
            "  gitopsgen migrate set-revision main\n"
            "  gitopsgen migrate set-revision release-2024.06 --dry-run\n");

        auto* env = migration(app, "add-env", "Add an environment copied from an existing one",
                              chosen, o, run_add_env);
        env->add_option("NAME", o->add_env.name, "The new environment (a DNS-1123 label)")
            ->required();
        env->add_option("--from", o->add_env.from, "The environment to copy")
            ->required()
            ->check(completes_environments());
        o->add_env_namespace_opt = env->add_option("--namespace", o->add_env_namespace,
                                                   "Its Kubernetes namespace (default: NAME)");
        o->add_env_after_opt =
            env->add_option("--after", o->add_env_after,
                            "Its place in promotion order: right after this environment (default: "
                            "--from)")
                ->type_name("ENV")
                ->check(completes_environments());
        env->footer(
            "Examples:\n"
            "  gitopsgen migrate add-env qa --from dev\n"
            "  gitopsgen migrate add-env uat --from staging --namespace uat --after staging\n"
            "  gitopsgen migrate add-env production-eu --from production\n");

        auto* layout = migration(app, "layout",
                                 "Deploy the services through one ApplicationSet per environment, "
                                 "or an Application file each",
                                 chosen, o, run_layout);
        layout->add_option("LAYOUT", o->layout, "applicationset or app-of-apps")
            ->required()
            ->check(CLI::IsMember({"app-of-apps", "applicationset"}));
        add_merge_options(*layout, o->merge);
        layout->footer(
            "From app-of-apps, a platform with services takes two commits: the first marks every "
            "service Application Prune=false; once Argo CD has synced it, the second (the same "
            "command again) replaces the files with the ApplicationSets, which adopt the "
            "Applications by name. Back to app-of-apps is one commit: app-of-apps-<env> prunes the "
            "ApplicationSet with PrunePropagationPolicy=orphan, so its Applications stay. Every "
            "file is generated anew, as by upgrade, and merged with its hand edits.\n"
            "Examples:\n"
            "  gitopsgen migrate layout applicationset --dry-run\n"
            "  gitopsgen migrate layout app-of-apps\n");

        return [chosen](const GlobalOptions& g, Streams io) { return (*chosen)(g, io); };
      },
      kWrites | kLocks | kScaffolds};
}

}  // namespace gitopsgen::cli
