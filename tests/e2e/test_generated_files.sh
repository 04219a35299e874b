#!/usr/bin/env bash
# Every file init generates passes yamllint with the committed configuration, and every
# Kubernetes object it generates (Applications, AppProject, ConfigMap) is valid against the real
# Argo CD and Kubernetes schemas.
. "$(dirname "$0")/lib.sh"
need_tools

openssl req -x509 -newkey ec -pkeyopt ec_paramgen_curve:prime256v1 -nodes -keyout ca.key -out ca.crt \
  -subj "/CN=root.linkerd.cluster.local" -days 365 2>/dev/null
"$GITOPSGEN" init --repo-url "$GUIDE_REPO" demo -q
"$GITOPSGEN" init --repo-url "$GUIDE_REPO" anchored --linkerd-trust-anchor ca.crt -q
"$GITOPSGEN" init --repo-url "$GUIDE_REPO" odd --platform p --envs on,null,1e3 --target-revision 1.10 -q

for repo in demo anchored odd; do
  case_ "$repo: yamllint passes on every generated YAML file"
  check "$repo yamllint" yamllint -s -c "$SOURCE_DIR/.yamllint.yaml" "$repo"
  case_ "$repo: Applications, AppProject and ConfigMap are schema-valid"
  # bootstrap/argocd-values.yaml holds the argo-cd chart's values, not a Kubernetes object.
  mapfile -t manifests < <(cd "$repo" && find applications bootstrap infrastructure -name '*.yaml' ! -name kustomization.yaml ! -name argocd-values.yaml | sort | sed "s|^|$repo/|")
  check "$repo has 14 manifests or more" test "${#manifests[@]}" -ge 14
  check "$repo schema" node "$VALIDATOR" "${manifests[@]}"
done

case_ "odd values read back as the strings given"
check "environment 'on' is a string for YAML 1.1 readers" /usr/bin/python3 - odd <<'PY'
import sys, yaml
root = sys.argv[1]
s = yaml.safe_load(open(f"{root}/gitopsgen.yaml"))
assert [e["name"] for e in s["environments"]] == ["on", "null", "1e3"], s["environments"]
assert s["targetRevision"] == "1.10", s["targetRevision"]
app = yaml.safe_load(open(f"{root}/applications/app-of-apps-on.yaml"))
assert app["spec"]["source"]["targetRevision"] == "1.10"
assert app["spec"]["source"]["path"] == "applications/on"
PY

case_ "the trust anchor lands in the ConfigMap byte for byte, and no key anywhere"
check "PEM read back equals the certificate" /usr/bin/python3 - anchored/infrastructure/linkerd/base/linkerd-certificates.yaml ca.crt <<'PY'
import sys, yaml
cm = [d for d in yaml.safe_load_all(open(sys.argv[1])) if d and d["kind"] == "ConfigMap"][0]
assert cm["data"]["ca-bundle.crt"] == open(sys.argv[2]).read(), "PEM differs"
assert cm["metadata"]["annotations"]["gitopsgen.io/trust-anchor"] == "provided"
PY
check "no private key in the repository" eq "$(git -C anchored grep -c 'PRIVATE KEY' HEAD || true)" ""
check "openssl parses the committed anchor" /usr/bin/python3 -c '
import yaml,subprocess,sys
pem = [d for d in yaml.safe_load_all(open("anchored/infrastructure/linkerd/base/linkerd-certificates.yaml")) if d["kind"] == "ConfigMap"][0]["data"]["ca-bundle.crt"]
subprocess.run(["openssl","x509","-noout"], input=pem.encode(), check=True)'

case_ "the app-of-apps hierarchy: root reaches infrastructure and every environment"
check "root recurses with the include glob" /usr/bin/python3 - demo <<'PY'
import sys, yaml
root = yaml.safe_load(open(f"{sys.argv[1]}/bootstrap/root-app.yaml"))
src = root["spec"]["source"]
assert src["path"] == "applications"
assert src["directory"]["recurse"] is True
assert src["directory"]["include"] == "{infrastructure/*.yaml,app-of-apps-*.yaml}"
for env in ["dev", "staging", "production"]:
    a = yaml.safe_load(open(f"{sys.argv[1]}/applications/app-of-apps-{env}.yaml"))
    assert a["spec"]["source"]["path"] == f"applications/{env}", a["spec"]["source"]
proj = yaml.safe_load(open(f"{sys.argv[1]}/applications/infrastructure/00-project.yaml"))
assert "*" not in proj["spec"]["sourceRepos"]
assert all(d["namespace"] != "*" and d.get("server", "") != "*" for d in proj["spec"]["destinations"])
# Infrastructure only: each environment's services have an AppProject of their own.
assert not {"dev", "staging", "production"} & {d["namespace"] for d in proj["spec"]["destinations"]}
for env in ["dev", "staging", "production"]:
    p = yaml.safe_load(open(f"{sys.argv[1]}/applications/infrastructure/00-project-{env}.yaml"))
    assert p["metadata"]["name"] == f"vsf-miniapp-{env}"
    assert p["spec"]["destinations"] == [{"server": "https://kubernetes.default.svc", "namespace": env}], p
assert root["spec"]["project"] == "vsf-miniapp-root"
PY

finish
