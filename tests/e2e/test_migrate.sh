#!/usr/bin/env bash
# migrate: add-env, set-revision, set-repo-url and rename-chart on a platform with three services:
# one commit each, only the intended bytes changed, and the result still validates, renders with
# the real Helm, passes yamllint and the schemas; bad input changes nothing.
. "$(dirname "$0")/lib.sh"
need_tools
export PATH="$TOOLS_DIR:$PATH"
G="$GITOPSGEN"

"$G" init --repo-url "$GUIDE_REPO" demo -q
cd demo
R="$WORK/demo"
"$G" add-service service-a -l java --secret database:url,username,password -q
"$G" add-service service-b -l nodejs --secret redis:host,password -q
"$G" add-service service-c -l python -q
# A comment of the team's own, which every copy and edit must keep.
sed -i 's/^  tag: 1.0.0$/  tag: 1.0.0  # pinned by payments/' charts/vsf-miniapp/ci/service-a-dev.yaml
git commit -qam "pin service-a in dev"

# Every line the last commit changed, without the diff headers.
# The changed lines of HEAD's platform files (the generation record's paths follow them).
changed_lines() { git show --format= -M HEAD -- . ':!.gitopsgen' | grep '^[-+]' | grep -v '^\(+++\|---\)'; }
yamls_lint() { yamllint -s -c "$SOURCE_DIR/.yamllint.yaml" .; }
commits() { git rev-list --count HEAD; }

case_ "add-env qa --from dev: a copy of dev, placed right after it, in one commit"
before=$(commits)
"$G" migrate add-env qa --from dev >../qa.out
check "one commit" eq "$(commits)" "$((before + 1))"
check "message" eq "$(git log -1 --format=%s)" "feat: add environment qa, copied from dev"
check "the copies are recorded, from what gitopsgen would generate for qa" eq "$(git show --name-only --format= HEAD -- .gitopsgen/record | tr '\n' ' ')" \
  ".gitopsgen/record/platform .gitopsgen/record/services/service-a .gitopsgen/record/services/service-b .gitopsgen/record/services/service-c "
check "files" eq "$(git show --name-only --format= HEAD | grep -v '^.gitopsgen/' | sort | tr '\n' ' ')" \
  "applications/app-of-apps-qa.yaml applications/infrastructure/00-project-qa.yaml applications/qa/.gitkeep applications/qa/vsf-miniapp-service-a.yaml applications/qa/vsf-miniapp-service-b.yaml applications/qa/vsf-miniapp-service-c.yaml charts/vsf-miniapp/ci/service-a-qa.yaml charts/vsf-miniapp/ci/service-b-qa.yaml charts/vsf-miniapp/ci/service-c-qa.yaml gitopsgen.yaml "
check "settings gain two lines" eq "$(git show --numstat --format= HEAD -- gitopsgen.yaml | cut -f1,2)" "$(printf '2\t0')"
check "qa right after dev" eq "$(git show --format= HEAD -- gitopsgen.yaml | grep -A3 '^   - name: dev' | tail -3)" \
  "$(printf '     namespace: dev\n+  - name: qa\n+    namespace: qa')"
check "qa's services get an AppProject of their own, for namespace qa only" /usr/bin/python3 -c '
import yaml
p = yaml.safe_load(open("applications/infrastructure/00-project-qa.yaml"))
assert p["metadata"]["name"] == "vsf-miniapp-qa", p["metadata"]
assert p["spec"]["destinations"] == [{"server": "https://kubernetes.default.svc", "namespace": "qa"}], p["spec"]
assert p["spec"]["sourceRepos"] == ["https://github.com/oNddleo/gitops.git"], p["spec"]'
check "the qa project is dev's with dev's names replaced" cmp \
  <(sed -e 's/ in dev: / in qa: /' -e 's/namespace dev,/namespace qa,/' -e 's/vsf-miniapp-dev$/vsf-miniapp-qa/' \
    -e 's/environment: dev$/environment: qa/' -e 's/the dev environment/the qa environment/' -e 's/namespace: dev$/namespace: qa/' \
    applications/infrastructure/00-project-dev.yaml) applications/infrastructure/00-project-qa.yaml
for svc in service-a service-b service-c; do
  check "$svc value file: dev's bytes with dev's names replaced" cmp \
    <(sed -e 's/ in dev$/ in qa/' -e 's/\.dev\.vsf-miniapp/.qa.vsf-miniapp/' \
      -e 's#objectName: dev/#objectName: qa/#' -e 's/^    value: dev$/    value: qa/' \
      -e "s#role/vsf-miniapp-$svc-dev\$#role/vsf-miniapp-$svc-qa#" \
      "charts/vsf-miniapp/ci/$svc-dev.yaml") "charts/vsf-miniapp/ci/$svc-qa.yaml"
  check "$svc Application: dev's bytes with dev's names replaced" cmp \
    <(sed -e 's/ in dev$/ in qa/' -e 's/app-of-apps-dev /app-of-apps-qa /' -e 's/-dev$/-qa/' \
      -e 's/environment: dev$/environment: qa/' -e 's/namespace: dev$/namespace: qa/' \
      -e "s/$svc-dev.yaml/$svc-qa.yaml/" "applications/dev/vsf-miniapp-$svc.yaml") \
    "applications/qa/vsf-miniapp-$svc.yaml"
  "$HELM" template "vsf-miniapp-$svc-qa" charts/vsf-miniapp -f "charts/vsf-miniapp/ci/$svc-qa.yaml" \
    --namespace qa >"../$svc-qa.rendered.yaml"
  check "$svc renders in qa" /usr/bin/python3 "$SOURCE_DIR/tests/e2e/check_rendered.py" \
    "charts/vsf-miniapp/ci/$svc-qa.yaml" "../$svc-qa.rendered.yaml" >/dev/null
done
check "the team's comment is copied" grep -qx '  tag: 1.0.0  # pinned by payments' charts/vsf-miniapp/ci/service-a-qa.yaml
check "Spring profile is qa" eq "$(grep -A1 SPRING_PROFILES_ACTIVE charts/vsf-miniapp/ci/service-a-qa.yaml | tail -1 | tr -d ' ')" "value:qa"
check "NODE_ENV stays development" eq "$(grep -A1 NODE_ENV charts/vsf-miniapp/ci/service-b-qa.yaml | tail -1 | tr -d ' ')" "value:development"
check "app-of-apps-qa is init's, for qa" cmp <(sed 's/dev/qa/g' applications/app-of-apps-dev.yaml) applications/app-of-apps-qa.yaml
check "rendered objects are schema-valid" node "$VALIDATOR" ../service-*-qa.rendered.yaml
check "new Applications and the AppProject are schema-valid" node "$VALIDATOR" applications/qa/*.yaml \
  applications/app-of-apps-qa.yaml applications/infrastructure/00-project.yaml
check "secrets to create are printed" contains "$(cat ../qa.out)" \
  "aws secretsmanager create-secret --region us-east-1 --name qa/vsf-miniapp/service-a/database --secret-string '{\"url\":\"\",\"username\":\"\",\"password\":\"\"}'"
check "status has qa in promotion order" /usr/bin/python3 -c '
import json, sys
d = json.loads(sys.argv[1])
assert d["environments"] == ["dev", "qa", "staging", "production"], d["environments"]' "$("$G" status -o json)"
check "validate --render passes" "$G" validate --render -q
check "yamllint passes" yamls_lint
"$G" migrate add-env perf --from production --namespace perf-ns -q
check "production's bare host gets the label" grep -q "host: service-a.perf.vsf-miniapp.com" charts/vsf-miniapp/ci/service-a-perf.yaml
check "perf last" eq "$(tail -2 gitopsgen.yaml | tr -d ' ')" "$(printf -- '-name:perf\nnamespace:perf-ns')"
check "perf Application in perf-ns" grep -qx "    namespace: perf-ns" applications/perf/vsf-miniapp-service-c.yaml
check "validate --render passes with perf" "$G" validate --render -q

case_ "add-env refuses bad input and a result validate would reject"
refuses "existing environment" "$R" "environment 'qa' already exists" "$G" migrate add-env qa --from dev
refuses "invalid name" "$R" "is not a DNS-1123 label" "$G" migrate add-env Bad_Env --from dev
refuses "reserved name" "$R" "is reserved" "$G" migrate add-env infrastructure --from dev
refuses "unknown --from" "$R" "unknown environment 'nope'" "$G" migrate add-env uat --from nope
refuses "unknown --after" "$R" "unknown environment 'nope'" "$G" migrate add-env uat --from dev --after nope
refuses "namespace in use" "$R" "namespace 'staging' is already used by environment staging" \
  "$G" migrate add-env uat --from dev --namespace staging
refuses "missing --from" "$R" "--from is required" "$G" migrate add-env uat
cp -a "$R" "$WORK/narrow"
listed=app-of-apps-dev.yaml,app-of-apps-qa.yaml,app-of-apps-staging.yaml,app-of-apps-production.yaml,app-of-apps-perf.yaml
(cd "$WORK/narrow" && sed -i "s/app-of-apps-\*.yaml/$listed/" bootstrap/root-app.yaml &&
  git commit -qam "root lists its environments")
check "the narrowed platform validates" "$G" -C "$WORK/narrow" validate -q
refuses "an app-of-apps the root would not reach" "$WORK/narrow" "would break \`gitopsgen validate\`: applications/app-of-apps-uat.yaml" \
  "$G" -C "$WORK/narrow" migrate add-env uat --from dev

case_ "set-revision: this repository's sources only, one line each"
before=$(commits)
"$G" migrate set-revision v1.2.0 -q
check "one commit" eq "$(commits)" "$((before + 1))"
check "message" eq "$(git log -1 --format=%s)" "chore: set the target revision to v1.2.0"
check "only targetRevision lines" eq "$(changed_lines | grep -v '^[-+] *targetRevision: ' || true)" ""
check "each file one line" eq "$(git show --numstat --format= HEAD | cut -f1,2 | sort -u)" "$(printf '1\t1')"
check "root, 5 app-of-apps, argocd (its values), linkerd, cert-manager (its issuer), 15 services, settings" eq "$(git show --name-only --format= HEAD | wc -l)" "25"
check "every source of this repository follows v1.2.0, upstream charts keep their pins" /usr/bin/python3 - <<'PY'
import glob, yaml
for f in glob.glob("applications/**/*.yaml", recursive=True) + ["bootstrap/root-app.yaml"]:
    for d in yaml.safe_load_all(open(f)):
        if not d or d.get("kind") != "Application":
            continue
        spec = d["spec"]
        for s in ([spec["source"]] if "source" in spec else []) + spec.get("sources", []):
            mine = s["repoURL"] == "https://github.com/oNddleo/gitops.git"
            assert (s["targetRevision"] == "v1.2.0") == mine, (f, s)
PY
check "linkerd chart still pinned" grep -q "targetRevision: 2025.11.3" applications/infrastructure/linkerd-control-plane.yaml
check "argo-cd chart still pinned" grep -q "targetRevision: 9.7.1" applications/infrastructure/argocd-self-managed.yaml
check "settings" grep -qx "targetRevision: v1.2.0" gitopsgen.yaml
check "validate --render passes" "$G" validate --render -q
check "yamllint passes" yamls_lint
refuses "bad revision" "$R" "is not a git revision" "$G" migrate set-revision "a b"
nothing_to_change "same revision" "the target revision is already v1.2.0" migrate set-revision v1.2.0
before=$(fingerprint .)
check "dry run shows the edit" contains "$("$G" migrate set-revision main --dry-run)" "+    targetRevision: main"
check "dry run writes nothing" eq "$(fingerprint .)" "$before"

case_ "set-repo-url: Applications, the AppProject's sourceRepos and the settings"
URL=https://git.example.test/platform/gitops.git
"$G" migrate set-repo-url "$URL" -o json >../url.json
check "message" eq "$(git log -1 --format=%s)" "chore: set the repository URL to $URL"
check "only repoURL lines and the sourceRepos entry" eq \
  "$(changed_lines | grep -v "^[-+] *\(- \)\?repoURL: " | grep -v "^[-+]    - \(https://github.com/oNddleo/gitops.git\|$URL\)$" || true)" ""
check "each file one line" eq "$(git show --numstat --format= HEAD | cut -f1,2 | sort -u)" "$(printf '1\t1')"
check "AppProject allows the new URL and the upstream charts" /usr/bin/python3 -c '
import sys, yaml
repos = yaml.safe_load(open("applications/infrastructure/00-project.yaml"))["spec"]["sourceRepos"]
assert repos[0] == sys.argv[1] and "https://github.com/oNddleo/gitops.git" not in repos, repos
assert "https://helm.linkerd.io/edge" in repos' "$URL"
check "the linkerd item of spec.sources moved, the upstream one did not" eq \
  "$(grep -c "repoURL: $URL\|repoURL: https://helm.linkerd.io/edge" applications/infrastructure/linkerd-control-plane.yaml)" "2"
check "json: commit and notes" /usr/bin/python3 -c '
import json, sys
d = json.load(open("../url.json"))
assert d["commit"] == sys.argv[1] and d["command"] == "migrate set-repo-url", d
assert any("kubectl apply" in n for n in d["notes"]), d["notes"]' "$(git rev-parse HEAD)"
check "validate --render passes" "$G" validate --render -q
check "yamllint passes" yamls_lint
refuses "not a git URL" "$R" "is not a git URL" "$G" migrate set-repo-url "ftp//nowhere"
nothing_to_change "same URL" "the repository URL is already $URL" migrate set-repo-url "$URL"

case_ "rename-chart: the guide's closing step, one commit, Application names kept"
mkdir -p charts/taken && printf 'apiVersion: v2\nname: taken\nversion: 0.1.0\n' >charts/taken/Chart.yaml
git add charts/taken && git commit -qm "another chart"
cp -a "$R" "$WORK/keep"
refuses "missing chart" "$R" "there is no chart charts/nope/" "$G" migrate rename-chart nope shop
refuses "existing target" "$R" "charts/taken already exists" "$G" migrate rename-chart vsf-miniapp taken
refuses "invalid new name" "$R" "is not a DNS-1123 label" "$G" migrate rename-chart vsf-miniapp Shop
nothing_to_change "same name" "the chart is already named vsf-miniapp" migrate rename-chart vsf-miniapp vsf-miniapp
refuses "a path, not a name" "$R" "is not the name of a directory under charts/" "$G" migrate rename-chart ../charts/vsf-miniapp shop
apps_before=$(/usr/bin/python3 -c '
import glob, yaml
docs = [yaml.safe_load(open(f)) for f in glob.glob("applications/*/*.yaml")]
print(sorted(d["metadata"]["name"] for d in docs if d["kind"] == "Application"))')
# Every Deployment's selector as rendered now, to compare after the rename.
selectors() { for f in charts/*/ci/*-qa.yaml; do
  "$HELM" template "x-$(basename "$f")" "$(dirname "$(dirname "$f")")" -f "$f" --show-only templates/deployment.yaml |
    /usr/bin/python3 -c 'import sys, yaml; print(yaml.safe_load(sys.stdin)["spec"]["selector"])'; done; }
selectors_before=$(selectors)
before=$(commits)
"$G" migrate rename-chart vsf-miniapp shop >../rename.out
check "one commit" eq "$(commits)" "$((before + 1))"
check "message" eq "$(git log -1 --format=%s)" "chore: rename chart vsf-miniapp to shop"
check "nothing left in charts/vsf-miniapp" eq "$(git ls-files charts/vsf-miniapp | wc -l)" "0"
check "every file moved as a rename (no lone add or delete)" eq "$(git show -M --name-status --format= HEAD | cut -c1 | sort -u | tr -d '\n')" "MR"
n=$(git ls-files charts/shop | wc -l)
check "chart files moved byte for byte, but Chart.yaml's name line and values.yaml's nameOverride" eq \
  "$(git show -M --numstat --format= HEAD -- . ':!.gitopsgen' | grep 'charts/' | cut -f1,2 | sort | uniq -c | tr -s ' ')" \
  "$(printf ' %s 0\t0\n 2 1\t1' $((n - 2)))"
check "nameOverride keeps the old name" grep -qx "nameOverride: \"vsf-miniapp\"" charts/shop/values.yaml
check "no Deployment's selector changed" eq "$(selectors)" "$selectors_before"
check "Chart.yaml name" grep -qx "name: shop" charts/shop/Chart.yaml
check "only names, paths and projects changed" eq \
  "$(changed_lines | grep -v '^[-+]\(name\|platform\): \(vsf-miniapp\|shop\)$' | grep -v '^[-+]nameOverride: "\(vsf-miniapp\)\?"$' | grep -v '^[-+]  \(name\|project\): \(vsf-miniapp\|shop\)\(-\(dev\|qa\|perf\|staging\|production\|root\)\)\?$' | grep -v '^[-+]    path: charts/\(vsf-miniapp\|shop\)$' || true)" ""
check "Application files follow the platform" test -f applications/qa/shop-service-a.yaml
check "Application names kept" eq "$(/usr/bin/python3 -c '
import glob, yaml
docs = [yaml.safe_load(open(f)) for f in glob.glob("applications/*/*.yaml")]
print(sorted(d["metadata"]["name"] for d in docs if d["kind"] == "Application"))')" "$apps_before"
check "the note says so" contains "$(cat ../rename.out)" "Note: Application names are kept (vsf-miniapp-<service>-<env>)"
check "the commit says how the selector is kept" contains "$(git log -1 --format=%b)" "values.yaml's nameOverride keeps the selector label"
check "settings name the platform shop" grep -qx "platform: shop" gitopsgen.yaml
check "the records name the moved paths only" eq "$(grep -rhc ' charts/vsf-miniapp/\| applications/.*/vsf-miniapp-' .gitopsgen/record | sort -u)" "0"
check "AppProjects and Applications renamed: infrastructure, each environment, the root" eq \
  "$(grep -rh '^  project: \|^  name: shop' applications bootstrap | sort -u | tr '\n' ' ')" \
  "  name: shop   name: shop-dev   name: shop-perf   name: shop-production   name: shop-qa   name: shop-root   name: shop-staging   project: shop   project: shop-dev   project: shop-perf   project: shop-production   project: shop-qa   project: shop-root   project: shop-staging "
check "validate --render passes" "$G" validate --render -q
check "yamllint passes" yamls_lint
check "renamed files are schema-valid" node "$VALIDATOR" applications/*/shop-service-*.yaml applications/infrastructure/00-project.yaml
check "helm renders from the new chart" "$HELM" template x charts/shop -f charts/shop/ci/service-a-qa.yaml --show-only templates/deployment.yaml >/dev/null
"$G" add-service service-d -l go -q
check "add-service after the rename uses the new chart and project" eq \
  "$(grep -h 'path: charts\|project:' applications/dev/shop-service-d.yaml | tr '\n' ' ' | tr -s ' ')" " project: shop-dev path: charts/shop "
"$G" remove-service service-c -q
check "remove-service finds the renamed files" eq "$(git show --name-only --format= HEAD | grep -c applications/)" "5"
check "validate passes after both" "$G" validate --render -q
"$G" -C "$WORK/keep" migrate rename-chart vsf-miniapp shop --keep-chart-name -q
check "--keep-chart-name leaves Chart.yaml alone" grep -qx "name: vsf-miniapp" "$WORK/keep/charts/shop/Chart.yaml"
check "--keep-chart-name moves it byte for byte" eq "$(git -C "$WORK/keep" show -M --numstat --format= HEAD | grep 'charts/' | cut -f1,2 | sort -u)" "$(printf '0\t0')"
check "validate passes" "$G" -C "$WORK/keep" validate --render -q

finish
