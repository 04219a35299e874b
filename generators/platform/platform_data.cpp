#include "generators/platform/platform_data.hpp"

#include "generators/platform/application_set.hpp"

namespace gitopsgen {

TemplateData platform_template_data(const PlatformSettings& s,
                                    const std::vector<std::string>& trust_anchor_lines) {
  TemplateData data;
  data.set("platform", s.platform);
  data.set("project", s.platform);
  data.set("root_project", root_project(s));
  data.set("repo_url", s.repo_url);
  data.set("target_revision", s.target_revision);
  data.set("argocd_namespace", s.argocd_namespace);
  data.set("chart_path", s.chart_path());
  data.set("region", s.region);
  data.set("domain", s.domain);
  data.set("registry", s.registry);
  data.set("irsa_role_arn", s.irsa_role_arn);
  add_tls_template_data(data, s);
  TemplateData envs{TemplateData::type::list};
  for (const auto& env : s.environments) envs.push_back(environment_template_data({}, s, env));
  data.set("environments", envs);
  data.set("trust_anchor_present", trust_anchor_lines.empty() ? TemplateData::type::bool_false
                                                              : TemplateData::type::bool_true);
  TemplateData lines{TemplateData::type::list};
  for (const auto& line : trust_anchor_lines) {
    TemplateData item;
    item.set("line", line);
    lines.push_back(item);
  }
  data.set("trust_anchor_lines", lines);
  return data;
}

void add_tls_template_data(TemplateData& data, const PlatformSettings& s) {
  const auto flag = [](bool on) {
    return on ? TemplateData::type::bool_true : TemplateData::type::bool_false;
  };
  data.set("tls_issuer", s.tls_issuer);
  data.set("has_tls_issuer", flag(!s.tls_issuer.empty()));
  data.set("tls_cert_resolver", s.tls_cert_resolver);
  data.set("has_tls_cert_resolver", flag(!s.tls_cert_resolver.empty()));
}

TemplateData environment_template_data(TemplateData base, const PlatformSettings& settings,
                                       const Environment& env) {
  base.set("env_name", env.name);
  base.set("env_project", environment_project(settings, env.name));
  base.set("env_namespace", env.namespace_name);
  base.set("env_app_path", "applications/" + env.name);
  base.set("app_of_apps_name", "app-of-apps-" + env.name);
  const auto set = application_set_template(settings, env.name);
  base.set("appset_name", set.name);
  base.set("value_files_glob", set.files_glob);
  base.set("app_name_expr", set.app_name);
  base.set("service_expr", set.service);
  base.set("value_file_expr", set.value_file);
  return base;
}

}  // namespace gitopsgen
