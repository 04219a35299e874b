#include "generators/platform/settings.hpp"

#include <doctest/doctest.h>

#include "generators/error.hpp"

using namespace gitopsgen;

TEST_CASE("the default settings reproduce the guide and read back exactly") {
  PlatformSettings s;
  CHECK(s.platform == "vsf-miniapp");
  CHECK(s.chart_path() == "charts/vsf-miniapp");
  CHECK(settings_from_yaml(settings_to_yaml(s), "x") == s);
}

TEST_CASE("odd but valid values read back exactly") {
  PlatformSettings s;
  s.target_revision = "1.10";
  s.registry = "123456789012.dkr.ecr.us-east-1.amazonaws.com";
  s.environments = {{"on", "yes"}, {"no", "null"}};
  CHECK(settings_from_yaml(settings_to_yaml(s), "x") == s);
}

TEST_CASE("each invalid field is refused with its name") {
  auto refused = [](auto mutate, const char* field) {
    PlatformSettings s;
    mutate(s);
    CHECK_THROWS_WITH_AS(validate_settings(s), doctest::Contains(field), Error);
  };
  refused([](PlatformSettings& s) { s.platform = "Bad_Name"; }, "platform name");
  refused([](PlatformSettings& s) { s.environments.clear(); }, "at least one environment");
  refused([](PlatformSettings& s) { s.environments.push_back({"dev", "dev2"}); }, "listed twice");
  refused([](PlatformSettings& s) { s.environments[1].namespace_name = "dev"; }, "used by two");
  refused([](PlatformSettings& s) { s.repo_url = "not a url"; }, "repository URL");
  refused([](PlatformSettings& s) { s.domain = "Example.com"; }, "domain");
  refused([](PlatformSettings& s) { s.region = "mars-1"; }, "AWS region");
  refused([](PlatformSettings& s) { s.irsa_role_arn = "arn:aws:iam::1:user/x"; }, "IRSA role ARN");
  refused([](PlatformSettings& s) { s.target_revision = "a b"; }, "target revision");
  refused([](PlatformSettings& s) { s.target_revision = "a..b"; }, "target revision 'a..b'");
  refused([](PlatformSettings& s) { s.target_revision = "-x"; }, "target revision '-x'");
  refused([](PlatformSettings& s) { s.target_revision = "main@{1}"; }, "target revision");
  refused([](PlatformSettings& s) { s.domain = "10.0.0.1"; }, "domain '10.0.0.1'");
}

TEST_CASE("Kubernetes' and the platform's own namespaces are never an environment's") {
  for (const char* name : {"argocd", "kube-system", "kube-public", "kube-node-lease", "default",
                           "linkerd", "linkerd-viz", "traefik", "reloader", "cert-manager"}) {
    PlatformSettings as_name;
    as_name.environments.push_back({name, "qa"});
    CHECK_THROWS_WITH_AS(
        validate_settings(as_name),
        doctest::Contains(("environment name '" + std::string(name) + "'").c_str()), Error);
    PlatformSettings as_namespace;
    as_namespace.environments[0].namespace_name = name;
    CHECK_THROWS_WITH_AS(validate_settings(as_namespace),
                         doctest::Contains(("namespace '" + std::string(name) + "'").c_str()),
                         Error);
  }
  PlatformSettings custom;
  custom.argocd_namespace = "gitops";
  custom.environments[0].namespace_name = "gitops";
  CHECK_THROWS_WITH_AS(validate_settings(custom), doctest::Contains("'gitops'"), Error);
  PlatformSettings fine;
  fine.target_revision = "release/2024.06";
  CHECK_NOTHROW(validate_settings(fine));
}

TEST_CASE("environment lists") {
  CHECK(parse_environment_list("dev,prod").size() == 2);
  CHECK_THROWS_AS(parse_environment_list(""), Error);
  CHECK_THROWS_AS(parse_environment_list("dev,,prod"), Error);
}

TEST_CASE("fuzz_names: a 300,000-character setting is refused, not a stack overflow") {
  PlatformSettings s;
  s.repo_url = "https://" + std::string(300'000, 'a');
  CHECK_THROWS_WITH_AS(validate_settings(s),
                       doctest::Contains("repository URL has 300008 characters"), Error);
  s = {};
  s.registry = std::string(300'000, 'a');
  CHECK_THROWS_AS(validate_settings(s), Error);
}

TEST_CASE("the IAM role pattern gives every service and environment a role of its own") {
  PlatformSettings s;
  CHECK(roles_are_per_service_and_env(s));
  CHECK(service_role_arn(s, "pay", "dev") == "arn:aws:iam::ACCOUNT_ID:role/vsf-miniapp-pay-dev");
  s.irsa_role_arn = "arn:aws:iam::123456789012:role/teams/{service}/{env}-{service}";
  CHECK_NOTHROW(validate_settings(s));
  CHECK(service_role_arn(s, "pay", "production") ==
        "arn:aws:iam::123456789012:role/teams/pay/production-pay");
  s.irsa_role_arn = "arn:aws:iam::123456789012:role/shared-reader";
  CHECK_NOTHROW(validate_settings(s));
  CHECK_FALSE(roles_are_per_service_and_env(s));
  CHECK(service_role_arn(s, "pay", "dev") == s.irsa_role_arn);
  s.irsa_role_arn = "arn:aws:iam::123456789012:role/{team}-{service}";
  CHECK_THROWS_WITH_AS(validate_settings(s), doctest::Contains("may use {platform}, {service}"),
                       Error);
  s.irsa_role_arn = "arn:aws:iam::123456789012:role/{service}-" + std::string(61, 'x');  // 65
  CHECK_THROWS_WITH_AS(service_role_arn(s, "pay", "dev"),
                       doctest::Contains("is longer than IAM's 64 characters"), Error);
}

TEST_CASE(
    "the public certificates come from one source, and a platform from before reads as none") {
  PlatformSettings s;
  CHECK(s.tls_issuer == "letsencrypt");
  const auto text = settings_to_yaml(s);
  CHECK(text.find("tls:\n  issuer: letsencrypt\n") != std::string::npos);
  CHECK(settings_from_yaml(text, "x") == s);

  s.tls_issuer.clear();
  s.tls_cert_resolver = "le";
  CHECK(settings_from_yaml(settings_to_yaml(s), "x") == s);

  s.tls_issuer = "letsencrypt";
  CHECK_THROWS_WITH_AS(validate_settings(s), doctest::Contains("not both"), Error);
  s.tls_cert_resolver.clear();
  s.tls_issuer = "Lets_Encrypt";
  CHECK_THROWS_WITH_AS(validate_settings(s), doctest::Contains("TLS issuer 'Lets_Encrypt'"), Error);
  s.tls_issuer.clear();
  s.tls_cert_resolver = "le resolver";
  CHECK_THROWS_WITH_AS(validate_settings(s), doctest::Contains("Traefik certificate resolver"),
                       Error);

  // Written before the setting existed: no tls key, so no certificate source, as then.
  PlatformSettings defaults;
  auto old = settings_to_yaml(defaults);
  const auto at = old.find("# Public HTTPS");
  old.erase(at, old.find("aws:") - at);
  const auto read = settings_from_yaml(old, "x");
  CHECK(read.tls_issuer.empty());
  CHECK(read.tls_cert_resolver.empty());
  CHECK(settings_to_yaml(read).find("tls:") == std::string::npos);
  CHECK_THROWS_WITH_AS(settings_from_yaml(old + "tls:\n  isuer: x\n", "x"),
                       doctest::Contains("unknown setting 'isuer' under 'tls'"), Error);
}

TEST_CASE("a service's own IAM role pattern reads back and fills its placeholders") {
  PlatformSettings s;
  s.service_roles["pay"] = "arn:aws:iam::123456789012:role/payments-{env}";
  CHECK(settings_from_yaml(settings_to_yaml(s), "x") == s);
  CHECK(service_role_arn(s, "pay", "dev") == "arn:aws:iam::123456789012:role/payments-dev");
  CHECK(service_role_arn(s, "other", "dev") ==
        "arn:aws:iam::ACCOUNT_ID:role/vsf-miniapp-other-dev");
  s.service_roles["pay"] = "arn:aws:iam::1:user/x";
  CHECK_THROWS_WITH_AS(validate_settings(s), doctest::Contains("IAM role of pay"), Error);
  s.service_roles.clear();
  s.service_roles["Bad"] = "arn:aws:iam::123456789012:role/x";
  CHECK_THROWS_WITH_AS(validate_settings(s), doctest::Contains("no service name"), Error);
}

TEST_CASE("the services' AppProject: per environment by default, a platform's own when adopted") {
  PlatformSettings s;
  CHECK(environment_project(s, "dev") == "vsf-miniapp-dev");
  CHECK(settings_to_yaml(s).find("serviceProject") == std::string::npos);
  s.service_project = "default";
  CHECK(environment_project(s, "dev") == "default");
  CHECK(settings_from_yaml(settings_to_yaml(s), "x") == s);
  s.service_project = "team-{platform}-{env}-apps";
  CHECK(environment_project(s, "production") == "team-vsf-miniapp-production-apps");
  CHECK(settings_from_yaml(settings_to_yaml(s), "x") == s);
  s.service_project = "Bad_{env}";
  CHECK_THROWS_WITH_AS(validate_settings(s),
                       doctest::Contains("service project 'Bad_{env}' makes 'Bad_dev' for dev"),
                       Error);
}

TEST_CASE("the layout: app-of-apps unless the settings name another, and read back as written") {
  PlatformSettings s;
  CHECK(s.layout == Layout::app_of_apps);
  CHECK(s.application_files());
  CHECK(settings_to_yaml(s).find("layout") == std::string::npos);
  for (const auto layout : {Layout::applicationset, Layout::handover}) {
    s.layout = layout;
    CHECK(settings_to_yaml(s).find(std::string("layout: ") + layout_name(layout)) !=
          std::string::npos);
    CHECK(settings_from_yaml(settings_to_yaml(s), "x") == s);
    CHECK(parse_layout(layout_name(layout)) == layout);
  }
  CHECK(s.application_files());  // half-way, the Application files are still there
  s.layout = Layout::applicationset;
  CHECK_FALSE(s.application_files());
  auto text = settings_to_yaml(s);
  text.replace(text.find("layout: applicationset"), 22, "layout: [applicationset]");
  CHECK_THROWS_AS(settings_from_yaml(text, "x"), Error);
  CHECK_THROWS_WITH_AS(parse_layout("hub"), "unknown layout 'hub' (app-of-apps or applicationset)",
                       Error);
}
