// `gitopsgen adopt`: a repository in the guide's layout that gitopsgen did not write becomes a
// gitopsgen platform, in one commit that only adds its settings file and generation records.
#include <memory>

#include "cli/app.hpp"
#include "cli/merge_flags.hpp"
#include "cli/output.hpp"
#include "cli/platform_context.hpp"
#include "generators/error.hpp"
#include "generators/services/adopt_platform.hpp"

namespace gitopsgen::cli {
namespace {

// The settings flags adopt takes where a repository's files do not tell (init's names).
constexpr const char* kFactFlags[] = {"platform",         "envs",
                                      "repo-url",         "target-revision",
                                      "argocd-namespace", "registry",
                                      "domain",           "region",
                                      "irsa-role-arn",    "kubernetes-version",
                                      "tls-issuer",       "tls-cert-resolver",
                                      "service-project"};

struct AdoptOptions {
  std::map<std::string, std::string> values;  // by flag name, as given
  std::vector<std::string> namespaces;        // ENV=NAMESPACE
};

AdoptFacts facts_from(const AdoptOptions& o, const CLI::App& app) {
  AdoptFacts facts;
  for (const auto* flag : kFactFlags)
    if (app.get_option(std::string("--") + flag)->count() > 0) facts[flag] = o.values.at(flag);
  if (facts.count("tls-issuer") && facts.count("tls-cert-resolver"))
    throw UsageError(
        "--tls-issuer and --tls-cert-resolver are two sources of the same certificates: give one");
  for (const auto& mapping : o.namespaces) {
    const auto eq = mapping.find('=');
    if (eq == std::string::npos || eq == 0)
      throw UsageError("--namespace '" + mapping + "' is not ENV=NAMESPACE");
    facts["namespace." + mapping.substr(0, eq)] = mapping.substr(eq + 1);
  }
  return facts;
}

int run_adopt(const AdoptFacts& facts, const GlobalOptions& g, Streams io) {
  auto [repo, root] = open_repository(g);
  const DiskWorkspace workspace(root);
  const auto plan = plan_adopt(workspace, g.scaffolds(), facts,
                               regeneration_options({}, repo ? &*repo : nullptr));
  auto options = apply_options(g);
  if (options.message.empty()) options.message = plan.message;
  const auto result = apply_changes(repo ? &*repo : nullptr, root, plan.changes, options);
  if (!g.quiet && !g.structured()) {
    for (const auto& f : plan.findings.facts)
      io.out << "  " << f.setting << ": " << f.value << "  (" << f.source << ")\n";
    for (const auto& note : plan.findings.notes) io.out << "  left alone: " << note << "\n";
  }
  const auto summary = with_commit(
      "Adopted platform " + plan.settings.platform + ": " + std::to_string(plan.services.size()) +
          " services, " + std::to_string(plan.files.size()) + " files recorded as they are",
      result);
  auto facts_json = JsonValue::array();
  for (const auto& f : plan.findings.facts)
    facts_json.push(JsonValue::object()
                        .add("setting", f.setting)
                        .add("value", f.value)
                        .add("source", f.source));
  auto extra = JsonValue::object();
  extra.add("platform", plan.settings.platform)
      .add("services", JsonValue::strings(plan.services))
      .add("facts", std::move(facts_json))
      .add("left_alone", JsonValue::strings(plan.findings.notes));
  print_apply_result(g, io, "adopt", result, summary, extra);
  return 0;
}

}  // namespace

Subcommand adopt_command() {
  return {
      "adopt",
      "Make a repository in the guide's layout that gitopsgen did not write a gitopsgen platform",
      [](CLI::App& app) {
        auto o = std::make_shared<AdoptOptions>();
        const std::map<std::string, std::string> help = {
            {"platform", "The shared chart, when charts/ holds several"},
            {"envs", "Environments in promotion order, when their names do not tell it"},
            {"repo-url", "Repository URL, when the Applications disagree"},
            {"target-revision", "Revision Argo CD tracks, when the Applications disagree"},
            {"argocd-namespace", "Argo CD's namespace, when the Applications disagree"},
            {"registry", "Container image registry of new services"},
            {"domain", "Base DNS domain of new services' hosts"},
            {"region", "AWS region of Secrets Manager"},
            {"irsa-role-arn",
             "IAM role pattern of the services' pods ({platform}, {service}, {env})"},
            {"kubernetes-version", "Kubernetes minor version the clusters run"},
            {"tls-issuer", "cert-manager ClusterIssuer of the hosts' certificates"},
            {"tls-cert-resolver", "Traefik certificate resolver of the hosts' certificates"},
            {"service-project",
             "AppProject of the service Applications ({platform} and {env} filled in)"}};
        for (const auto* flag : kFactFlags)
          app.add_option(std::string("--") + flag, o->values[flag], help.at(flag))
              ->type_name(std::string(flag) == "envs" ? "LIST" : "TEXT");
        app.add_option("--namespace", o->namespaces,
                       "Namespace of an environment with no service yet (repeatable)")
            ->type_name("ENV=NAMESPACE");
        app.footer(
            "Reads the platform from the files: its name from charts/, the environments, their "
            "namespaces, the repository URL and revision from applications/<env>/, each "
            "service's fields from its value files. Writes gitopsgen.yaml and a generation "
            "record per service in one commit; every other file stays as it is. What the files "
            "do not tell is listed, each with the flag that gives it, and nothing is written.\n\n"
            "Examples:\n"
            "  gitopsgen adopt --dry-run\n"
            "  gitopsgen adopt --kubernetes-version 1.34\n"
            "  gitopsgen adopt --envs dev,uat,live --kubernetes-version 1.33\n");
        return [o, &app](const GlobalOptions& g, Streams io) {
          return run_adopt(facts_from(*o, app), g, io);
        };
      },
      kWrites | kLocks | kScaffolds};
}

}  // namespace gitopsgen::cli
