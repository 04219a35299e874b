#include "generators/platform/validate_platform.hpp"

#include <doctest/doctest.h>

#include <algorithm>

#include "generators/platform/argo_apps.hpp"
#include "generators/platform/init_platform.hpp"

using namespace gitopsgen;

namespace {

MemoryWorkspace scaffolded_platform() {
  MemoryWorkspace repo;
  InitRequest request;
  const auto planned = plan_init(repo, ScaffoldSource(), request);
  for (const auto& c : planned.changes()) repo.put(c.path, *planned.new_bytes(c));
  return repo;
}

std::string service_app(const std::string& name, const std::string& value_file) {
  return "apiVersion: argoproj.io/v1alpha1\nkind: Application\nmetadata:\n  name: " + name +
         "\n  namespace: argocd\nspec:\n  project: vsf-miniapp-dev\n  source:\n"
         "    repoURL: https://github.com/oNddleo/gitops.git\n    targetRevision: HEAD\n"
         "    path: charts/vsf-miniapp\n    helm:\n      valueFiles:\n        - " +
         value_file +
         "\n  destination:\n    server: https://kubernetes.default.svc\n    namespace: dev\n";
}

bool has_error(const Findings& findings, const std::string& file, const std::string& text) {
  for (const auto& f : findings) {
    if (f.severity == Finding::Severity::error && f.file == file &&
        f.message.find(text) != std::string::npos)
      return true;
  }
  return false;
}

}  // namespace

TEST_CASE("a fresh platform has no errors and no Linkerd identity gap: cert-manager provides it") {
  auto repo = scaffolded_platform();
  const auto mentions = [](const Findings& findings, const std::string& text) {
    return std::any_of(findings.begin(), findings.end(),
                       [&](const Finding& f) { return f.message.find(text) != std::string::npos; });
  };
  const auto findings = validate_platform(repo, ".", {});
  CHECK_FALSE(has_errors(findings));
  CHECK_FALSE(mentions(findings, "trust"));
  CHECK_FALSE(mentions(findings, "linkerd-identity-issuer"));

  // A file from before cert-manager: an empty anchor and no issuer are both reported.
  const std::string file = "infrastructure/linkerd/base/linkerd-certificates.yaml";
  repo.put(file,
           "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: linkerd-identity-trust-roots\n"
           "data:\n  ca-bundle.crt: \"\"\n");
  const auto old = validate_platform(repo, ".", {});
  CHECK_FALSE(has_errors(old));
  CHECK(mentions(old, "trust anchor is missing"));
  CHECK(mentions(old, "no cert-manager Certificate issues the Secret linkerd-identity-issuer"));

  repo.put(file, "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: other\n");
  CHECK(has_error(validate_platform(repo, ".", {}), file, "no Linkerd trust roots"));
}

TEST_CASE("a service Application in an environment folder is reached; its value file must exist") {
  auto repo = scaffolded_platform();
  repo.put("applications/dev/vsf-miniapp-svc.yaml",
           service_app("vsf-miniapp-svc-dev", "ci/svc-dev.yaml"));
  auto findings = validate_platform(repo, ".", {});
  CHECK(has_error(findings, "applications/dev/vsf-miniapp-svc.yaml",
                  "ci/svc-dev.yaml' does not exist"));
  CHECK_FALSE(has_error(findings, "applications/dev/vsf-miniapp-svc.yaml", "orphaned"));
  repo.put("charts/vsf-miniapp/ci/svc-dev.yaml", "serviceName: svc\n");
  CHECK_FALSE(has_errors(validate_platform(repo, ".", {})));
}

TEST_CASE("an Application no app-of-apps reaches is an orphan") {
  auto repo = scaffolded_platform();
  repo.put("charts/vsf-miniapp/ci/svc-dev.yaml", "serviceName: svc\n");
  repo.put("applications/elsewhere/vsf-miniapp-svc.yaml",
           service_app("vsf-miniapp-svc-dev", "ci/svc-dev.yaml"));
  CHECK(has_error(validate_platform(repo, ".", {}), "applications/elsewhere/vsf-miniapp-svc.yaml",
                  "orphaned"));
}

TEST_CASE("bad YAML, bad names, duplicates and private keys are errors") {
  auto repo = scaffolded_platform();
  repo.put("applications/dev/broken.yaml", "a: [1,\n");
  repo.put("applications/dev/Bad.yaml", service_app("Bad_Name", "values.yaml"));
  repo.put("applications/staging/dup.yaml", service_app("app-of-apps-dev", "values.yaml"));
  repo.put("notes/key.pem",
           "-----BEGIN RSA PRIVATE "
           "KEY-----\nMCgBAgMEBQYHCAkKCwwNDg8QERITFBUWFxgZGhscHR4fICEiIyQlJico\n-----END RSA "
           "PRIVATE KEY-----\n");
  const auto findings = validate_platform(repo, ".", {});
  CHECK(has_error(findings, "applications/dev/broken.yaml", "invalid YAML"));
  CHECK(has_error(findings, "applications/dev/Bad.yaml", "not a DNS-1123 label"));
  CHECK(has_error(findings, "applications/staging/dup.yaml", "also defined in"));
  CHECK(has_error(findings, "notes/key.pem", "private key"));
}

TEST_CASE("Argo CD directory globs") {
  CHECK(
      matches_directory_glob("{infrastructure/*.yaml,app-of-apps-*.yaml}", "app-of-apps-dev.yaml"));
  CHECK(matches_directory_glob("{infrastructure/*.yaml,app-of-apps-*.yaml}",
                               "infrastructure/traefik.yaml"));
  CHECK_FALSE(matches_directory_glob("{infrastructure/*.yaml,app-of-apps-*.yaml}", "dev/svc.yaml"));
  CHECK_FALSE(matches_directory_glob("*.yaml", "dev/svc.yaml"));
  CHECK(same_repository("https://github.com/a/b.git", "https://GitHub.com/a/b/"));
}
