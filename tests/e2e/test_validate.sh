#!/usr/bin/env bash
# validate: a fresh platform passes (with the trust-anchor gap reported); each kind of breakage is
# an error naming file and line; --render runs the real Helm over every service value file.
. "$(dirname "$0")/lib.sh"
need_tools
export PATH="$TOOLS_DIR:$PATH"

"$GITOPSGEN" init --repo-url "$GUIDE_REPO" demo -q
svc_app() {  # NAME ENV VALUEFILE
  cat <<YAML
apiVersion: argoproj.io/v1alpha1
kind: Application
metadata:
  name: $1
  namespace: argocd
spec:
  project: vsf-miniapp-$2
  source:
    repoURL: https://github.com/oNddleo/gitops.git
    targetRevision: HEAD
    path: charts/vsf-miniapp
    helm:
      valueFiles:
        - $3
  destination:
    server: https://kubernetes.default.svc
    namespace: $2
YAML
}

case_ "a fresh platform validates: cert-manager provides Linkerd's trust anchor and issuer"
out=$("$GITOPSGEN" validate -C demo)
check "no errors" contains "$out" "0 error(s)"
check "no trust-anchor gap" not_contains "$out" "linkerd-certificates.yaml"
cp -r demo noissuer
/usr/bin/python3 - noissuer/infrastructure/linkerd/base/linkerd-certificates.yaml <<'PY'
import sys
path = sys.argv[1]
docs = open(path).read().split("\n---\n")
# Drop the Certificate that issues linkerd-identity-issuer, and the Bundle.
keep = [d for d in docs if "secretName: linkerd-identity-issuer" not in d and "kind: Bundle" not in d]
assert len(keep) == len(docs) - 2, len(keep)
open(path, "w").write("\n---\n".join(keep))
PY
out=$("$GITOPSGEN" validate -C noissuer 2>&1 || true)
check "no issuer: a warning with the file" contains "$out" \
  "infrastructure/linkerd/base/linkerd-certificates.yaml: warning: no cert-manager Certificate issues the Secret linkerd-identity-issuer"
check "no Bundle and no ConfigMap: an error" contains "$out" \
  "infrastructure/linkerd/base/linkerd-certificates.yaml: error: no Linkerd trust roots"
rm -rf noissuer
check "options after the subcommand" eq "$("$GITOPSGEN" validate -C demo -q)" ""
check "render passes" "$GITOPSGEN" validate -C demo --render -q

case_ "a platform with a trust anchor has no gap"
openssl req -x509 -newkey ec -pkeyopt ec_paramgen_curve:prime256v1 -nodes -keyout ca.key -out ca.crt \
  -subj "/CN=root.linkerd.cluster.local" -days 365 2>/dev/null
"$GITOPSGEN" init --repo-url "$GUIDE_REPO" anchored --linkerd-trust-anchor ca.crt -q
check "no gap" not_contains "$("$GITOPSGEN" validate -C anchored)" "trust anchor"

case_ "a service with its value file renders; a broken one is reported"
cp -r demo broken
cp "$SOURCE_DIR/tests/fixtures/guide/service-b-production.yaml" broken/charts/vsf-miniapp/ci/
svc_app vsf-miniapp-service-b-production production ci/service-b-production.yaml >broken/applications/production/vsf-miniapp-service-b.yaml
check "service renders" "$GITOPSGEN" -C broken validate --render -q
svc_app vsf-miniapp-ghost-dev dev ci/ghost-dev.yaml >broken/applications/dev/vsf-miniapp-ghost.yaml
svc_app vsf-miniapp-lost-dev dev ci/service-b-production.yaml >broken/applications/lost.yaml
mkdir -p broken/applications/extra && svc_app Not_A_Label dev ci/service-b-production.yaml >broken/applications/extra/bad.yaml
printf 'key: [unclosed\n' >broken/applications/dev/garbage.yaml
openssl ecparam -name prime256v1 -genkey -noout -out broken/infrastructure/leaked.pem 2>/dev/null
rc=0; out=$("$GITOPSGEN" validate -C broken) || rc=$?
check "exit non-zero" test "$rc" -ne 0
check "missing value file, file:line" contains "$out" "applications/dev/vsf-miniapp-ghost.yaml:14: error: Application vsf-miniapp-ghost-dev: value file 'charts/vsf-miniapp/ci/ghost-dev.yaml' does not exist"
check "orphan reported" contains "$out" "applications/lost.yaml:1: error: Application vsf-miniapp-lost-dev is orphaned"
check "bad name" contains "$out" "applications/extra/bad.yaml:1: error: Application name 'Not_A_Label' is not a DNS-1123 label"
check "orphan in unreached folder" contains "$out" "Application Not_A_Label is orphaned"
check "bad YAML with line" contains "$out" "applications/dev/garbage.yaml:2: error: invalid YAML"
check "private key" contains "$out" "infrastructure/leaked.pem: error: holds a private key"
check "no false orphan" not_contains "$out" "vsf-miniapp-service-b-production is orphaned"
json=$("$GITOPSGEN" validate -C broken -o json || true)
check "json findings" /usr/bin/python3 -c '
import json,sys
d = json.loads(sys.argv[1])
assert d["ok"] is False
files = {f["file"] for f in d["findings"] if f["severity"] == "error"}
assert {"applications/lost.yaml", "applications/dev/garbage.yaml", "infrastructure/leaked.pem"} <= files, files' "$json"

case_ "--render reports a chart that Helm cannot render"
cp -r demo badchart
cp "$SOURCE_DIR/tests/fixtures/guide/service-c-production.yaml" badchart/charts/vsf-miniapp/ci/
svc_app vsf-miniapp-service-c-production production ci/service-c-production.yaml >badchart/applications/production/vsf-miniapp-service-c.yaml
check "fine before" "$GITOPSGEN" -C badchart validate --render -q
echo '{{ .Values.nope.deeper }}' >>badchart/charts/vsf-miniapp/templates/service.yaml
rc=0; out=$("$GITOPSGEN" -C badchart validate --render) || rc=$?
check "exit non-zero" test "$rc" -ne 0
check "render failure names the Application" contains "$out" "applications/production/vsf-miniapp-service-c.yaml:9: error: helm template vsf-miniapp-service-c-production:"
check "without --render it is not noticed" "$GITOPSGEN" -C badchart validate -q
refuses "helm missing" "$WORK/badchart" "is not on PATH" "$GITOPSGEN" -C badchart validate --render --helm no-such-helm

case_ "outside a platform"
mkdir nothing
rc=0; out=$("$GITOPSGEN" -C nothing validate) || rc=$?
check "exit non-zero" test "$rc" -ne 0
check "says why" contains "$out" "gitopsgen.yaml: error: no platform here"

case_ "an Application whose git source is not this platform's repository"
cd "$WORK/demo"
sed -i 's|    repoURL: https://github.com/oNddleo/gitops.git|    repoURL: https://git.example.test/someone-else.git|' applications/app-of-apps-dev.yaml
line=$(grep -n 'someone-else' applications/app-of-apps-dev.yaml | cut -d: -f1)
out=$("$GITOPSGEN" validate 2>&1 || true)
check "error at the source" contains "$out" \
  "applications/app-of-apps-dev.yaml:$line: error: Application app-of-apps-dev: repoURL 'https://git.example.test/someone-else.git' is not this platform's repository ('https://github.com/oNddleo/gitops.git', gitopsgen.yaml)"
git checkout -q -- applications/app-of-apps-dev.yaml
cd "$WORK"

case_ "--render on every core; --changed-since renders only what a change reaches"
"$GITOPSGEN" init --repo-url "$GUIDE_REPO" pr -q
cd pr
for s in alpha beta gamma; do "$GITOPSGEN" add-service $s -l go -q; done
git tag base
rendered() { "$GITOPSGEN" validate --render "$@" | grep '^helm template: '; }
check "every Application and the chart's defaults" eq "$(rendered)" "helm template: 10 rendered"
check "nothing changed: nothing rendered" eq "$(rendered --changed-since base)" "helm template: 0 rendered, 10 skipped (nothing they read changed since base)"
"$GITOPSGEN" set-image beta --env staging --tag 2.0.0 -q
check "a changed value file: its Application" eq "$(rendered --changed-since base)" "helm template: 1 rendered, 9 skipped (nothing they read changed since base)"
echo "# reviewed" >>applications/dev/vsf-miniapp-gamma.yaml
check "a changed Application too, uncommitted" eq "$(rendered --changed-since base)" "helm template: 2 rendered, 8 skipped (nothing they read changed since base)"
git checkout -q -- applications
echo "# reviewed" >>charts/vsf-miniapp/templates/service.yaml
check "a changed chart template: everything" eq "$(rendered --changed-since base)" "helm template: 10 rendered, 0 skipped (nothing they read changed since base)"
git checkout -q -- charts
"$GITOPSGEN" add-service delta -l go -q
check "a new service: its three Applications, and beta's" eq "$(rendered --changed-since base)" "helm template: 4 rendered, 9 skipped (nothing they read changed since base)"
# A broken value file: found when the change reaches it, in the same order on one thread.
sed -i 's/^replicaCount: .*/replicaCount: many/' charts/vsf-miniapp/ci/alpha-dev.yaml charts/vsf-miniapp/ci/delta-production.yaml
rc=0; many=$("$GITOPSGEN" validate --render --changed-since base) || rc=$?
check "found, exit 1" eq "$rc" "1"
check "both, by file" eq "$(grep -c 'error: helm template' <<<"$many")" "2"
check "the same on one thread" eq "$(GITOPSGEN_THREADS=1 "$GITOPSGEN" validate --render --changed-since base || true)" "$many"
git commit -qam "broken" && git tag broken && git checkout -q -- . 
check "a break the change does not reach is not rendered" "$GITOPSGEN" validate --render --changed-since broken -q
refuses "--changed-since without --render" "$WORK/pr" "--changed-since chooses what --render renders: add --render" "$GITOPSGEN" validate --changed-since base
refuses "an unknown revision" "$WORK/pr" "'no-such-ref' names no commit of this repository" "$GITOPSGEN" validate --render --changed-since no-such-ref
cd "$WORK"

finish
