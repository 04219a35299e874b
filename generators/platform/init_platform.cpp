#include "generators/platform/init_platform.hpp"

#include "generators/change/overlay_workspace.hpp"
#include "generators/error.hpp"
#include "generators/platform/application_set.hpp"
#include "generators/platform/argo_apps.hpp"
#include "generators/platform/chart_pins.hpp"
#include "generators/platform/platform_data.hpp"
#include "generators/platform/template_render.hpp"
#include "generators/platform/trust_anchor.hpp"
#include "generators/yaml/yaml_guard.hpp"
#include "generators/yaml/yaml_path.hpp"

namespace gitopsgen {
namespace {

constexpr std::string_view kMustache = ".mustache";
constexpr const char* kAppOfAppsScaffold = "platform/applications/app-of-apps.yaml.mustache";
constexpr const char* kTrustAnchorFile = "infrastructure/linkerd/base/linkerd-certificates.yaml";

bool is_template(const std::string& path) {
  return path.size() > kMustache.size() &&
         path.compare(path.size() - kMustache.size(), kMustache.size(), kMustache) == 0;
}

std::string output_name(const std::string& path) {
  return is_template(path) ? path.substr(0, path.size() - kMustache.size()) : path;
}

// Throws Error naming the first chart the planned platform pins that does not support its
// Kubernetes version: such a platform would fail on its first sync.
void require_supported_kubernetes(const Workspace& repo, const ChangeSet& changes,
                                  const PlatformSettings& settings) {
  // A file that does not parse is for the ChangeSet's own checks to report, in their words.
  Findings unparsed, findings;
  const auto apps = read_applications(OverlayWorkspace(repo, changes), settings.repo_url, unparsed);
  check_chart_pins(apps, confirmed_chart_pins(), settings.kubernetes_version, findings);
  for (const auto& f : findings) {
    if (f.severity == Finding::Severity::error)
      throw Error(f.file + ": " + f.message + " (choose another --kubernetes-version)");
  }
}

}  // namespace

bool holds_platform(const Workspace& repo) {
  return repo.read(kSettingsFile).has_value() || repo.is_directory("applications") ||
         repo.is_directory("bootstrap");
}

std::string environment_project_path(const std::string& env) {
  return "applications/infrastructure/00-project-" + env + ".yaml";
}

void require_no_platform(const Workspace& repo, Overwrite overwrite) {
  if (overwrite == Overwrite::no && holds_platform(repo))
    throw Error("a platform already exists here (" + std::string(kSettingsFile) +
                ", applications/ or bootstrap/); use --force to scaffold over it");
}

void write_platform_files(Regeneration& regen, const ScaffoldSource& scaffolds,
                          const InitRequest& request) {
  const auto& settings = request.settings;
  const auto data = platform_template_data(settings, request.trust_anchor_lines);
  std::string digest_input;
  // The scaffold's output bytes: rendered when it is a mustache template, else verbatim.
  auto produce_recorded = [&](const std::string& path) {
    auto text = scaffolds.get(path);
    digest_input += path + '\0' + text + '\0';
    return is_template(path) ? render_template(path, text, data) : text;
  };
  auto put = [&](const std::string& path, std::string bytes) {
    regen.write(kPlatformRecord, path, std::move(bytes));
  };
  const std::string chart_prefix = "chart/";
  for (const auto& path : scaffolds.list(chart_prefix))
    put(settings.chart_path() + "/" + output_name(path.substr(chart_prefix.size())),
        produce_recorded(path));
  // Service value files land in ci/; git keeps no empty directory.
  put(settings.chart_path() + "/ci/.gitkeep", "");

  const std::string platform_prefix = "platform/";
  for (const auto& path : scaffolds.list(platform_prefix)) {
    if (path == kAppOfAppsScaffold || path == kEnvironmentProjectScaffold ||
        path == kApplicationSetScaffold)
      continue;
    auto text = produce_recorded(path);
    // A template conditional on a setting renders to nothing where the setting is off.
    if (is_template(path) && text.find_first_not_of(" \t\r\n") == std::string::npos) continue;
    put(output_name(path.substr(platform_prefix.size())), std::move(text));
  }
  const auto app_of_apps = scaffolds.get(kAppOfAppsScaffold);
  const auto env_project = scaffolds.get(kEnvironmentProjectScaffold);
  digest_input += app_of_apps + '\0' + env_project;
  std::string application_set;
  if (settings.layout == Layout::applicationset) {
    application_set = scaffolds.get(kApplicationSetScaffold);
    digest_input += '\0' + application_set;
  }
  for (const auto& env : settings.environments) {
    const auto env_data = environment_template_data(data, settings, env);
    put("applications/app-of-apps-" + env.name + ".yaml",
        render_template(kAppOfAppsScaffold, app_of_apps, env_data));
    // A platform whose services share a project of its own (adopted) gets none per environment.
    if (settings.service_project == kDefaultServiceProject)
      put(environment_project_path(env.name),
          render_template(kEnvironmentProjectScaffold, env_project, env_data));
    if (settings.layout == Layout::applicationset)
      put(application_set_template(settings, env.name).path,
          render_template(kApplicationSetScaffold, application_set, env_data));
    else
      put("applications/" + env.name + "/.gitkeep", "");
  }

  const auto settings_text = settings_to_yaml(settings);
  // Read the settings back: every value must survive YAML exactly as given.
  if (settings_from_yaml(settings_text, kSettingsFile) != settings)
    throw Error("internal error: the settings file does not read back as written");
  put(kSettingsFile, settings_text);
  regen.set_inputs(kPlatformRecord, "", blob_id(digest_input));
}

ChangeSet plan_init(const Workspace& repo, const ScaffoldSource& scaffolds,
                    const InitRequest& request) {
  validate_settings(request.settings);
  require_no_platform(repo, request.overwrite);
  ChangeSet changes(repo);
  const OverlayWorkspace view(repo, changes);
  Regeneration regen(changes, view, request.regeneration);
  write_platform_files(regen, scaffolds, request);
  if (request.overwrite == Overwrite::yes) regen.retire_unwritten(kPlatformRecord);
  regen.finish();
  require_supported_kubernetes(repo, changes, request.settings);
  return changes;
}

std::vector<std::string> recorded_trust_anchor(const Workspace& repo) {
  const auto text = repo.read(kTrustAnchorFile);
  if (!text) return {};
  try {
    for (const auto& doc : yaml_load_all_guarded(*text, kTrustAnchorFile)) {
      const auto pem = yaml_at(doc, {"data", "ca-bundle.crt"});
      if (pem.IsScalar() && !pem.Scalar().empty())
        return parse_trust_anchor(pem.Scalar(), kTrustAnchorFile);
    }
  } catch (const YAML::Exception&) {
  } catch (const YamlRefused&) {
  }
  return {};
}

std::string init_commit_message(const PlatformSettings& settings) {
  return "chore: scaffold " + settings.platform + " platform\n\nGenerated by gitopsgen init.\n";
}

}  // namespace gitopsgen
