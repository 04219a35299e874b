// `gitopsgen add-service NAME --language L`: onboard a service in every environment, one commit.
#include <iostream>
#include <sstream>

#include "cli/app.hpp"
#include "cli/command_model.hpp"
#include "cli/input.hpp"
#include "cli/merge_flags.hpp"
#include "cli/output.hpp"
#include "cli/platform_context.hpp"
#include "cli/secret_report.hpp"
#include "cli/wizard.hpp"
#include "generators/error.hpp"
#include "generators/services/add_service.hpp"
#include "generators/services/language_presets.hpp"
#include "generators/services/service_values.hpp"
#include "generators/workspace.hpp"

namespace gitopsgen::cli {
namespace {

struct AddServiceOptions {
  std::string name, language, image, host, path, envs, from_file, iam_role_arn;
  std::string port;
  std::vector<std::string> tags, secrets, replicas, env;
  bool force = false;
  MergeOptions merge;
  // The value options, to tell a given empty value from one not given at all.
  CLI::Option *image_opt = nullptr, *port_opt = nullptr, *host_opt = nullptr, *path_opt = nullptr,
              *envs_opt = nullptr, *iam_role_opt = nullptr;
};

// True when `option` was on the command line, even with an empty value.
bool given(const CLI::Option* option) {
  return option && option->count() > 0;
}

// The request the flags make, on top of --from-file when given (flags win).
ServiceSpec spec_from(const AddServiceOptions& o) {
  ServiceSpec spec = o.from_file.empty()
                         ? ServiceSpec{}
                         : service_spec_from_yaml(read_input(o.from_file),
                                                  o.from_file == "-" ? "stdin" : o.from_file);
  if (!o.name.empty()) spec.name = o.name;
  if (!o.language.empty()) spec.language = o.language;
  // A given value counts even when empty: the checks refuse it instead of taking the default.
  if (given(o.image_opt)) spec.image = o.image;
  for (const auto& t : o.tags) parse_tag_flag(t, spec);
  if (given(o.port_opt)) spec.port = parse_bounded_int("port", o.port, 65535);
  if (given(o.host_opt)) spec.host = o.host;
  if (given(o.path_opt)) spec.path = o.path;
  if (given(o.envs_opt)) spec.envs = parse_environment_names(o.envs);
  if (given(o.iam_role_opt)) spec.iam_role_arn = o.iam_role_arn;
  for (const auto& s : o.secrets) spec.secrets.push_back(parse_secret_flag(s));
  for (const auto& r : o.replicas) parse_replicas_flag(r, spec.replicas);
  for (const auto& e : o.env) parse_env_flag(e, spec.env);
  return spec;
}

std::string secrets_text(const std::vector<SecretSpec>& secrets) {
  std::string out;
  for (const auto& s : secrets) {
    out += (out.empty() ? "" : " ") + s.name + ":";
    for (std::size_t i = 0; i < s.keys.size(); ++i) out += (i ? "," : "") + s.keys[i];
  }
  return out;
}

// Asks on the terminal for every value the flags left open; returns false when the user declines.
bool run_wizard(ServiceSpec& spec, const PlatformSettings& settings, Wizard& w) {
  w.say("Onboarding a service on platform " + settings.platform +
        " (Enter takes the [default]).\n");
  if (spec.name.empty()) spec.name = w.ask("Service name", "", validate_service_name);
  if (spec.language.empty())
    spec.language = w.ask("Language (" + language_names(", ") + ")", "",
                          [](const std::string& a) { find_preset(a); });
  const auto d = service_defaults(settings, spec.name, find_preset(spec.language));
  if (!spec.image)
    spec.image = w.ask("Image repository", d.image, [&](const std::string& a) {
      validate_image_repository(a, settings.registry);
    });
  if (!spec.tag) spec.tag = w.ask("Image tag", d.tag, validate_image_tag);
  if (!spec.port)
    spec.port =
        parse_bounded_int("port",
                          w.ask("Container port", std::to_string(d.port),
                                [](const std::string& a) { parse_bounded_int("port", a, 65535); }),
                          65535);
  if (!spec.host) spec.host = w.ask("Production host", d.host, validate_host);
  if (!spec.path) spec.path = w.ask("Ingress path", d.path, validate_ingress_path);
  if (spec.secrets.empty()) {
    const auto answer = w.ask("Secrets (NAME:key,key ... separated by spaces, '-' for none)", "-",
                              [](const std::string& a) {
                                std::istringstream words(a == "-" ? "" : a);
                                for (std::string s; words >> s;) parse_secret_flag(s);
                              });
    std::istringstream words(answer == "-" ? "" : answer);
    for (std::string s; words >> s;) spec.secrets.push_back(parse_secret_flag(s));
  }
  w.say("\n  service:   " + spec.name + " (" + spec.language + ")\n  image:     " + *spec.image +
        ":" + *spec.tag + "\n  port:      " + std::to_string(*spec.port) +
        "\n  host:      " + *spec.host + " (production)" + "\n  path:      " + *spec.path +
        "\n  secrets:   " + (spec.secrets.empty() ? "none" : secrets_text(spec.secrets)) +
        "\n  envs:      " + (spec.envs.empty() ? "all" : join(spec.envs, ", ")) + "\n\n");
  return w.confirm("Write these files and commit?");
}

int run_add_service(const AddServiceOptions& o, const GlobalOptions& g, Streams io) {
  auto spec = spec_from(o);
  auto platform = open_platform(g);
  const auto& settings = platform.settings;
  const bool missing = spec.name.empty() || (spec.language.empty() && !o.force);
  // The wizard is for a person: never with --yes, off a terminal or under -o json|yaml, whose
  // stdout must hold the result (a declined wizard would leave it empty).
  if (missing && !g.yes && !g.structured() && on_terminal()) {
    Wizard wizard(std::cin, std::cerr);
    if (!run_wizard(spec, settings, wizard)) {
      // Declining is an answer, not a failure.
      if (!g.quiet) io.err << "gitopsgen: nothing written\n";
      return 0;
    }
  } else if (spec.name.empty()) {
    throw UsageError(
        "missing the service NAME (give it as an argument; the wizard runs only on a terminal, "
        "without --yes or -o json|yaml)");
  } else if (spec.language.empty() && !o.force) {
    throw UsageError("missing --language (" + language_names("|") +
                     "); the wizard runs only on a terminal, without --yes or -o json|yaml");
  }
  auto plan = plan_add_service(platform.workspace, g.scaffolds(), settings, spec,
                               o.force ? Overwrite::yes : Overwrite::no,
                               regeneration_options(o.merge, platform.git()));
  if (spec.language.empty()) spec.language = plan.language;
  auto options = apply_options(g);
  if (options.message.empty()) options.message = plan.message;
  const auto result = apply_changes(platform.git(), platform.root, plan.changes, options);
  const auto summary =
      with_commit((plan.updated ? "Updated " : "Added ") + spec.name + " (" + spec.language +
                      ") in " + std::to_string(plan.envs.size()) +
                      " environment(s): " + std::to_string(result.written.size()) + " files",
                  result) +
      outcome_lines(plan.files);
  auto extra = JsonValue::object();
  extra.add("service", spec.name)
      .add("language", spec.language)
      .add("updated", plan.updated)
      .add("environments", JsonValue::strings(plan.envs))
      .add("secrets", secrets_value(plan.secrets))
      .add("regenerated", files_value(plan.files));
  print_apply_result(g, io, "add-service", result, summary + secret_commands(plan.secrets), extra);
  return 0;
}

}  // namespace

Subcommand add_service_command() {
  return {
      "add-service",
      "Onboard a service: value files, Applications and app-of-apps entries for every environment",
      [](CLI::App& app) {
        auto o = std::make_shared<AddServiceOptions>();
        app.add_option("NAME", o->name, "Service name (a DNS-1123 label)");
        std::vector<std::string> languages;
        for (const auto& preset : language_presets()) languages.push_back(preset.language);
        app.add_option("-l,--language", o->language, "Language preset: " + language_names("|"))
            ->check(completes_choices(languages));
        o->image_opt = app.add_option("--image", o->image,
                                      "Image repository (default <registry>/<platform>-<service>)");
        app.add_option("--tag", o->tags,
                       "Image tag (default 1.0.0); ENV=TAG sets one environment's (repeatable)")
            ->type_name("[ENV=]TAG");
        o->port_opt =
            app.add_option("--port", o->port, "Container port (default from the language)");
        o->host_opt =
            app.add_option("--host", o->host,
                           "Production host; other environments get <first-label>.<env>.<rest>");
        o->path_opt =
            app.add_option("--path", o->path, "Ingress path prefix (default /api/v1/<service>)");
        app.add_option("--secret", o->secrets,
                       "A Secrets Manager secret and its JSON keys (repeatable)")
            ->type_name("NAME:key[,key...]");
        o->envs_opt = app.add_option("--envs", o->envs, "Only these environments (default: all)")
                          ->type_name("LIST")
                          ->check(completes_environment_list());
        o->iam_role_opt =
            app.add_option("--iam-role-arn", o->iam_role_arn,
                           "This service's IAM role pattern instead of the platform's (may use "
                           "{env}, {service}, {platform}); kept in gitopsgen.yaml")
                ->type_name("ARN");
        app.add_option("--replicas", o->replicas, "Replica count of an environment (repeatable)")
            ->type_name("ENV=N");
        app.add_option(
               "--env", o->env,
               "An extra environment variable; replaces the preset's of that name (repeatable)")
            ->type_name("NAME=VALUE");
        app.add_option(
               "--from-file", o->from_file,
               "Read the service's fields from a YAML file (- for standard input); flags win")
            ->type_name("SERVICE.yaml");
        app.add_flag("--force", o->force,
                     "Update an existing service in place: the fields given change, the others "
                     "stay as it was generated with, image tags are kept and hand edits merged");
        add_merge_options(app, o->merge);
        app.footer(
            "Examples:\n"
            "  gitopsgen add-service service-c --language python --secret "
            "postgres:host,database,username,password\n"
            "  gitopsgen add-service orders -l go --tag 2.3.1 --replicas production=6 --envs "
            "dev,staging\n"
            "  gitopsgen add-service            # asks for everything on a terminal\n");
        return [o](const GlobalOptions& g, Streams io) { return run_add_service(*o, g, io); };
      },
      kWrites | kLocks | kScaffolds | kPrompts};
}

}  // namespace gitopsgen::cli
