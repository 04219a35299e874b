// `gitopsgen init [DIR]`: scaffold the whole platform repository and commit it.
#include <ostream>

#include "cli/app.hpp"
#include "cli/input.hpp"
#include "cli/merge_flags.hpp"
#include "cli/output.hpp"
#include "generators/error.hpp"
#include "generators/platform/init_command.hpp"
#include "generators/platform/trust_anchor.hpp"
#include "generators/workspace.hpp"

namespace gitopsgen::cli {
namespace {

struct InitOptions {
  std::string dir = ".";
  PlatformSettings settings;
  std::string envs;
  CLI::Option* envs_given = nullptr;
  CLI::Option* repo_url_given = nullptr;
  CLI::Option* tls_issuer_given = nullptr;
  CLI::Option* tls_cert_resolver_given = nullptr;
  std::vector<std::string> namespaces;  // ENV=NAMESPACE
  std::string layout;
  CLI::Option* layout_given = nullptr;
  std::string trust_anchor_file;
  std::string branch = "main";
  bool force = false;
  MergeOptions merge;
  // Each setting's option and field, so that --force changes only the settings it is given.
  std::vector<std::pair<CLI::Option*, std::string PlatformSettings::*>> setting_options;
};

// The settings the platform at `dir` keeps, with the values of the flags given laid over them,
// when --force runs over one (`existing` then set); otherwise the flags' values and defaults.
PlatformSettings settings_over_existing(const InitOptions& o, const std::filesystem::path& dir,
                                        bool& existing) {
  existing = false;
  std::error_code ec;
  const auto file = dir / kSettingsFile;
  if (!o.force || !std::filesystem::is_regular_file(file, ec)) return o.settings;
  existing = true;
  auto settings = settings_from_yaml(read_file(file), kSettingsFile);
  for (const auto& [option, field] : o.setting_options)
    if (option->count() > 0) settings.*field = o.settings.*field;
  return settings;
}

// The settings the flags ask for on top of `settings` (the defaults, or the existing platform's
// with the given flags' values): the environment list, then namespace overrides.
PlatformSettings settings_from(const InitOptions& o, PlatformSettings settings) {
  if (o.tls_issuer_given->count() > 0 && o.tls_cert_resolver_given->count() > 0)
    throw UsageError(
        "--tls-issuer and --tls-cert-resolver are two sources of the same "
        "certificates: give one");
  // A resolver replaces the issuer, and an issuer the resolver.
  if (o.tls_cert_resolver_given->count() > 0) settings.tls_issuer.clear();
  if (o.tls_issuer_given->count() > 0) settings.tls_cert_resolver.clear();
  if (o.envs_given->count() > 0) settings.environments = parse_environment_list(o.envs);
  for (const auto& mapping : o.namespaces) {
    const auto eq = mapping.find('=');
    if (eq == std::string::npos)
      throw UsageError("--namespace '" + mapping + "' is not ENV=NAMESPACE");
    const auto env = mapping.substr(0, eq);
    bool found = false;
    for (auto& e : settings.environments) {
      if (e.name == env) {
        e.namespace_name = mapping.substr(eq + 1);
        found = true;
      }
    }
    if (!found) throw Error("--namespace names unknown environment '" + env + "'");
  }
  return settings;
}

int run_init_command(const InitOptions& o, const GlobalOptions& g, Streams io) {
  InitRequest request;
  const auto dir = resolve_directory(g, o.dir);
  bool existing = false;
  request.settings = settings_from(o, settings_over_existing(o, dir, existing));
  if (o.layout_given->count() > 0) {
    const auto layout = parse_layout(o.layout);
    // Switching in place would delete every service's workloads: migrate takes the safe steps.
    if (existing && layout != request.settings.layout)
      throw UsageError(std::string("the platform has the ") + layout_name(request.settings.layout) +
                       " layout: change it with `gitopsgen migrate layout " + o.layout + "`");
    request.settings.layout = layout;
  }
  request.overwrite = o.force ? Overwrite::yes : Overwrite::no;
  request.regeneration = regeneration_options(o.merge, nullptr);
  if (!o.trust_anchor_file.empty())
    request.trust_anchor_lines =
        parse_trust_anchor(read_input(o.trust_anchor_file),
                           o.trust_anchor_file == "-" ? "stdin" : o.trust_anchor_file);
  const InitTarget target{dir, o.branch, o.repo_url_given->count() == 0 && !existing};
  const auto result = run_init(target, g.scaffolds(), request, apply_options(g));
  const bool nothing = result.written.empty() && result.removed.empty() && !g.dry_run;
  auto summary =
      nothing ? "Nothing to change: the platform's files are as its settings and the templates "
                "make them."
              : with_commit(std::string(existing ? "Generated platform " : "Scaffolded platform ") +
                                request.settings.platform + " in " + target.dir.string() +
                                (existing ? " again: " : ": ") +
                                std::to_string(result.written.size()) + " files",
                            result);
  std::vector<std::string> notes;
  if (existing) {
    if (!nothing)
      notes.push_back(
          "the services' files stay as they are; `gitopsgen upgrade` generates them again with "
          "these settings.");
  } else if (request.trust_anchor_lines.empty()) {
    notes.push_back(
        "no Linkerd trust anchor given: cert-manager makes one in the cluster "
        "(infrastructure/linkerd/base/linkerd-certificates.yaml).");
  } else {
    notes.push_back(
        "put the trust anchor's key into the cluster outside git before Linkerd syncs: kubectl "
        "-n cert-manager create secret tls linkerd-trust-anchor --cert CA.crt --key CA.key");
  }
  for (const auto& note : notes) summary += "\nNote: " + note;
  auto extra = JsonValue::object();
  extra.add("platform", request.settings.platform)
      .add("directory", target.dir.string())
      .add("notes", JsonValue::strings(notes));
  print_apply_result(g, io, "init", result, summary, extra);
  return 0;
}

}  // namespace

Subcommand init_command() {
  return {
      "init",
      "Scaffold the whole platform repository (chart, Applications, app-of-apps) and commit it",
      [](CLI::App& app) {
        auto o = std::make_shared<InitOptions>();
        app.add_option("DIR", o->dir,
                       "Repository to create or fill (default: the current directory)");
        app.add_option("--platform", o->settings.platform, "Platform and chart name")
            ->capture_default_str();
        o->repo_url_given = app.add_option("--repo-url", o->settings.repo_url,
                                           "URL Argo CD clones this repository from (default: the "
                                           "repository's origin remote; required without one)");
        app.add_option("--target-revision", o->settings.target_revision, "Revision Argo CD tracks")
            ->capture_default_str();
        o->envs_given = app.add_option("--envs", o->envs, "Environments in promotion order")
                            ->default_str("dev,staging,production");
        app.add_option("--namespace", o->namespaces, "Namespace of an environment (repeatable)")
            ->type_name("ENV=NS");
        app.add_option("--argocd-namespace", o->settings.argocd_namespace,
                       "Namespace Argo CD runs in")
            ->capture_default_str();
        app.add_option("--registry", o->settings.registry, "Container image registry")
            ->capture_default_str();
        app.add_option("--domain", o->settings.domain, "Base DNS domain for service hosts")
            ->capture_default_str();
        app.add_option("--region", o->settings.region, "AWS region of Secrets Manager")
            ->capture_default_str();
        app.add_option("--irsa-role-arn", o->settings.irsa_role_arn,
                       "IAM role service accounts assume")
            ->capture_default_str();
        o->tls_issuer_given =
            app.add_option("--tls-issuer", o->settings.tls_issuer,
                           "cert-manager ClusterIssuer of the services' public certificates "
                           "(written as Let's Encrypt ACME HTTP-01; edit it for your own CA)")
                ->capture_default_str();
        o->tls_cert_resolver_given =
            app.add_option("--tls-cert-resolver", o->settings.tls_cert_resolver,
                           "Traefik certificate resolver of the services' public certificates, "
                           "instead of --tls-issuer")
                ->type_name("NAME");
        app.add_option("--kubernetes-version", o->settings.kubernetes_version,
                       "Kubernetes minor version of the clusters; every pinned chart must "
                       "support it")
            ->capture_default_str()
            ->type_name("1.N");
        app.add_option("--linkerd-trust-anchor", o->trust_anchor_file,
                       "PEM certificate of an external Linkerd trust anchor (never a key; default: "
                       "cert-manager makes one); - reads standard input")
            ->type_name("FILE");
        o->layout_given =
            app.add_option("--layout", o->layout,
                           "How the services reach Argo CD: app-of-apps (an Application file "
                           "each, the default) or applicationset (one ApplicationSet per "
                           "environment, for thousands of services)")
                ->check(CLI::IsMember({"app-of-apps", "applicationset"}))
                ->type_name("LAYOUT");
        app.add_option("--branch", o->branch, "Branch of a newly created repository")
            ->capture_default_str();
        for (const auto& [flag, field] :
             std::initializer_list<std::pair<const char*, std::string PlatformSettings::*>>{
                 {"--platform", &PlatformSettings::platform},
                 {"--repo-url", &PlatformSettings::repo_url},
                 {"--target-revision", &PlatformSettings::target_revision},
                 {"--argocd-namespace", &PlatformSettings::argocd_namespace},
                 {"--registry", &PlatformSettings::registry},
                 {"--domain", &PlatformSettings::domain},
                 {"--region", &PlatformSettings::region},
                 {"--irsa-role-arn", &PlatformSettings::irsa_role_arn},
                 {"--tls-issuer", &PlatformSettings::tls_issuer},
                 {"--tls-cert-resolver", &PlatformSettings::tls_cert_resolver},
                 {"--kubernetes-version", &PlatformSettings::kubernetes_version}})
          o->setting_options.emplace_back(app.get_option(flag), field);
        app.add_flag("--force", o->force,
                     "Generate an existing platform's files again: its settings stay but for the "
                     "flags given, and hand edits are merged (a conflicting one is refused)");
        add_merge_options(app, o->merge);
        app.footer(
            "Examples:\n"
            "  gitopsgen init platform-repo --repo-url https://git.example.com/p/gitops.git\n"
            "  gitopsgen init .            # in a clone: repoURL is the origin remote's\n"
            "  gitopsgen init . --platform shop --envs dev,prod --namespace prod=shop-prod \\\n"
            "      --repo-url https://git.example.com/shop/gitops.git --linkerd-trust-anchor "
            "ca.crt\n"
            "  gitopsgen init platform-repo --repo-url https://git.example.com/p/gitops.git "
            "--dry-run\n");
        return [o](const GlobalOptions& g, Streams io) { return run_init_command(*o, g, io); };
      },
      kWrites | kScaffolds};
}

}  // namespace gitopsgen::cli
