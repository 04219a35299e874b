#include "generators/platform/validate_platform.hpp"

#include <yaml-cpp/yaml.h>

#include <algorithm>
#include <map>

#include "generators/change/changeset_checks.hpp"
#include "generators/error.hpp"
#include "generators/platform/app_graph.hpp"
#include "generators/platform/argo_apps.hpp"
#include "generators/platform/chart_pins.hpp"
#include "generators/platform/helm_render.hpp"
#include "generators/platform/names.hpp"
#include "generators/platform/settings.hpp"
#include "generators/platform/trust_anchor.hpp"
#include "generators/platform/validate_layout.hpp"
#include "generators/yaml/yaml_guard.hpp"
#include "generators/yaml/yaml_path.hpp"

namespace gitopsgen {
namespace {

constexpr const char* kTrustAnchorFile = "infrastructure/linkerd/base/linkerd-certificates.yaml";
using Severity = Finding::Severity;

void check_private_keys(const Workspace& repo, Findings& findings) {
  for (const auto& file : repo.list_files("")) {
    if (contains_private_key(*repo.read(file)))
      findings.push_back({Severity::error, file, 0,
                          "holds a private key; remove it from the repository and its history"});
  }
}

// Linkerd's identity needs trust roots (a ConfigMap with the anchor's PEM, or trust-manager's
// Bundle that writes it) and something that issues the Secret linkerd-identity-issuer, where a
// platform installs the Linkerd control plane (one that does not, an adopted platform whose
// cluster has Linkerd from elsewhere, keeps its identity elsewhere too).
void check_trust_anchor(const Workspace& repo, const std::vector<AppRecord>& apps,
                        Findings& findings) {
  const bool installs_linkerd = std::any_of(apps.begin(), apps.end(), [](const AppRecord& app) {
    return std::any_of(app.sources.begin(), app.sources.end(),
                       [](const AppSource& s) { return s.chart == "linkerd-control-plane"; });
  });
  if (!installs_linkerd) return;
  const auto text = repo.read(kTrustAnchorFile);
  if (!text) {
    findings.push_back({Severity::error, kTrustAnchorFile, 0,
                        "missing: Linkerd needs its trust roots and identity issuer from it"});
    return;
  }
  try {
    bool roots = false, issuer = false;
    for (const auto& doc : yaml_load_all_guarded(*text, kTrustAnchorFile)) {
      const auto kind = yaml_string_at(doc, {"kind"});
      if (kind == "Bundle" &&
          yaml_string_at(doc, {"metadata", "name"}) == "linkerd-identity-trust-roots")
        roots = true;
      if (kind == "Certificate" &&
          yaml_string_at(doc, {"spec", "secretName"}) == "linkerd-identity-issuer")
        issuer = true;
      const auto bundle = yaml_at(doc, {"data", "ca-bundle.crt"});
      if (!bundle.IsDefined()) continue;
      roots = true;
      const auto pem = bundle.as<std::string>("");
      if (pem.empty()) {
        findings.push_back({Severity::warning, kTrustAnchorFile, bundle.Mark().line + 1,
                            "the Linkerd trust anchor is missing: put its PEM certificate (never "
                            "its key) under ca-bundle.crt"});
      } else {
        parse_trust_anchor(pem, kTrustAnchorFile);
      }
    }
    if (!roots)
      findings.push_back({Severity::error, kTrustAnchorFile, 0,
                          "no Linkerd trust roots: neither a ConfigMap with ca-bundle.crt nor "
                          "the trust-manager Bundle linkerd-identity-trust-roots"});
    if (!issuer)
      findings.push_back({Severity::warning, kTrustAnchorFile, 0,
                          "no cert-manager Certificate issues the Secret linkerd-identity-issuer: "
                          "Linkerd's identity will not start until it is provisioned"});
  } catch (const YAML::Exception&) {
    // Reported by the YAML check already.
  } catch (const YamlRefused&) {
    // Reported by the YAML check already.
  } catch (const Error& e) {
    findings.push_back({Severity::error, kTrustAnchorFile, 0, e.what()});
  }
}

// A `$<ref>/<file>` value file names a source of `app` with that `ref:` (Argo CD's multiple
// sources); whether the file exists is missing_files' part.
void check_ref_names(const AppRecord& app, Findings& findings) {
  for (const auto& source : app.sources) {
    for (std::size_t i = 0; i < source.value_files.size(); ++i) {
      const auto& value_file = source.value_files[i];
      const auto slash = value_file.find('/');
      if (value_file.empty() || value_file.front() != '$' || slash == std::string::npos) continue;
      const auto name = value_file.substr(1, slash - 1);
      if (std::none_of(app.sources.begin(), app.sources.end(),
                       [&](const AppSource& s) { return s.ref == name; }))
        findings.push_back({Severity::error, app.file, source.value_file_lines[i],
                            "Application " + app.name + ": value file '" + value_file +
                                "' names no source with ref '" + name + "'"});
    }
  }
}

void check_sources(const PlatformSettings& settings, const AppNode& node, Findings& findings) {
  const auto& app = node.app;
  check_ref_names(app, findings);
  for (const auto& source : app.sources) {
    // A git source is this repository; anything else deploys a stranger's files (and the
    // platform's AppProject refuses it).
    if (source.chart.empty() && !same_repository(source.repo_url, settings.repo_url))
      findings.push_back({Severity::error, app.file, source.line,
                          "Application " + app.name + ": repoURL '" + source.repo_url +
                              "' is not this platform's repository ('" + settings.repo_url + "', " +
                              kSettingsFile + ")"});
  }
  for (const auto& missing : node.missing)
    findings.push_back({Severity::error, app.file, missing.line,
                        "Application " + app.name + ": " + missing.what + " '" + missing.path +
                            "' does not exist"});
}

// Reports every Application that root → app-of-apps leaves unreached.
void check_hierarchy(const AppGraph& graph, Findings& findings) {
  if (graph.roots.empty())
    findings.push_back(
        {Severity::error, "bootstrap/root-app.yaml", 0, "no root Application in bootstrap/"});
  for (const auto i : graph.orphans()) {
    const auto& app = graph.nodes[i].app;
    findings.push_back(
        {Severity::error, app.file, app.line,
         "Application " + app.name + " is orphaned: root → app-of-apps never reaches it"});
  }
}

// Every Application names an AppProject the repository defines (or Argo CD's built-in default,
// unless the repository locks it down), and a service Application of an environment is in that
// environment's AppProject where the platform has one.
void check_projects(const PlatformSettings& settings, const std::vector<AppRecord>& apps,
                    const std::vector<ProjectRecord>& projects, Findings& findings) {
  auto find = [&](const std::string& name) -> const ProjectRecord* {
    for (const auto& p : projects)
      if (p.name == name) return &p;
    return nullptr;
  };
  for (const auto& app : apps) {
    const auto* project = find(app.project);
    if (!project && app.project != "default") {
      findings.push_back({Severity::error, app.file, app.line,
                          "Application " + app.name + ": AppProject '" + app.project +
                              "' is defined nowhere in this repository"});
      continue;
    }
    if (project && project->locked) {
      findings.push_back({Severity::error, app.file, app.line,
                          "Application " + app.name + ": AppProject '" + app.project +
                              "' is locked down (" + project->file + "): it deploys nothing"});
      continue;
    }
    for (const auto& env : settings.environments) {
      const auto expected = environment_project(settings, env.name);
      if (app.file.rfind("applications/" + env.name + "/", 0) == 0 && find(expected) &&
          app.project != expected)
        findings.push_back({Severity::error, app.file, app.line,
                            "Application " + app.name + " of environment " + env.name +
                                " is in AppProject '" + app.project + "', not " + expected +
                                ", the only one that keeps it to namespace " + env.namespace_name});
    }
  }
}

void check_names(const std::vector<AppRecord>& apps, Findings& findings) {
  std::map<std::string, const AppRecord*> seen;
  for (const auto& app : apps) {
    if (!is_dns1123_label(app.name))
      findings.push_back({Severity::error, app.file, app.line,
                          "Application name '" + app.name + "' is not a DNS-1123 label"});
    if (auto [it, fresh] = seen.emplace(app.name, &app); !fresh)
      findings.push_back(
          {Severity::error, app.file, app.line,
           "Application " + app.name + " is also defined in " + application_origin(*it->second)});
    if (!app.destination_namespace.empty() && !is_dns1123_label(app.destination_namespace))
      findings.push_back(
          {Severity::error, app.file, app.line,
           "destination namespace '" + app.destination_namespace + "' is not a DNS-1123 label"});
  }
}

void check_placeholders(const PlatformSettings& settings, Findings& findings) {
  if (settings.registry == "YOUR_ECR_REGISTRY")
    findings.push_back({Severity::warning, kSettingsFile, 0,
                        "registry is still the placeholder YOUR_ECR_REGISTRY"});
  if (!roles_are_per_service_and_env(settings))
    findings.push_back({Severity::warning, kSettingsFile, 0,
                        "irsaRoleArn names no {service} or no {env}: services or environments "
                        "share an IAM role, so dev pods can read production's secrets"});
  for (const auto& [service, pattern] : settings.service_roles) {
    if (settings.environments.size() > 1 && pattern.find("{env}") == std::string::npos)
      findings.push_back({Severity::warning, kSettingsFile, 0,
                          "aws.serviceRoles." + service +
                              " names no {env}: its environments share an IAM role, so its dev "
                              "pods can read its production secrets"});
  }
  if (settings.irsa_role_arn.find("ACCOUNT_ID") != std::string::npos)
    findings.push_back({Severity::warning, kSettingsFile, 0,
                        "irsaRoleArn still holds the placeholder ACCOUNT_ID"});
}

}  // namespace

bool has_errors(const Findings& findings) {
  for (const auto& f : findings) {
    if (f.severity == Severity::error) return true;
  }
  return false;
}

Findings validate_platform(const Workspace& repo, const std::filesystem::path& root,
                           const ValidateOptions& options) {
  Findings findings;
  PlatformSettings settings;
  try {
    settings = load_settings(repo);
  } catch (const Error& e) {
    findings.push_back({Severity::error, kSettingsFile, 0, e.what()});
    return findings;
  }
  std::vector<ProjectRecord> projects;
  std::vector<AppSetRecord> sets;
  const auto apps = read_applications(repo, settings.repo_url, findings, &projects, &sets);
  check_layout(repo, settings, sets, findings);
  check_names(apps, findings);
  check_projects(settings, apps, projects, findings);
  const auto graph = app_graph(repo, settings.repo_url, apps);
  for (const auto& node : graph.nodes) check_sources(settings, node, findings);
  check_hierarchy(graph, findings);
  check_chart_pins(apps, confirmed_chart_pins(), settings.kubernetes_version, findings);
  check_private_keys(repo, findings);
  check_trust_anchor(repo, apps, findings);
  check_placeholders(settings, findings);
  if (options.helm) {
    const auto counts = render_with_helm(repo, *options.helm, root, settings, apps, findings,
                                         options.changed ? &*options.changed : nullptr);
    if (options.counts) *options.counts = counts;
  }
  return findings;
}

}  // namespace gitopsgen
