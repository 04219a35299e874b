#!/usr/bin/env bash
# The applicationset layout: one ApplicationSet per environment generates the services'
# Applications from their value files. Every command works on it, the ApplicationSets are valid
# against Argo CD's schema and generate the very Application the app-of-apps layout writes, and
# `migrate layout` moves a platform between the layouts in the steps that keep workloads running.
. "$(dirname "$0")/lib.sh"
need_tools
export PATH="$TOOLS_DIR:$PATH"

# The Applications an ApplicationSet generates, evaluated here by Python for its goTemplate
# actions (independently of gitopsgen's evaluator): NAME per line, then the JSON of each.
cat >"$WORK/generate.py" <<'PY'
import fnmatch, json, os, re, sys, yaml
root, set_file = sys.argv[1], sys.argv[2]
s = yaml.safe_load(open(os.path.join(root, set_file)))
assert s["spec"]["goTemplate"] is True and s["spec"]["goTemplateOptions"] == ["missingkey=error"]
files = []
for g in s["spec"]["generators"]:
    for item in g["git"]["files"]:
        for d, _, names in os.walk(root):
            for n in names:
                rel = os.path.relpath(os.path.join(d, n), root)
                # Argo CD's default globbing: git pathspecs, '*' crossing '/'.
                if not rel.startswith(".git/") and fnmatch.fnmatchcase(rel, item["path"]):
                    files.append(rel)
def evaluate(value, path):
    if isinstance(value, dict): return {k: evaluate(v, path) for k, v in value.items()}
    if isinstance(value, list): return [evaluate(v, path) for v in value]
    if not isinstance(value, str): return value
    params = {".path.path": os.path.dirname(path), ".path.filename": os.path.basename(path)}
    def action(m):
        words = m.group(1).split()
        if len(words) == 1: return params[words[0]]
        assert words[0] == "trimSuffix", words
        v = params[words[2]]; suffix = words[1].strip('"')
        return v[: -len(suffix)] if v.endswith(suffix) else v
    return re.sub(r"\{\{\s*(.*?)\s*\}\}", action, value)
for f in sorted(files):
    print(json.dumps(evaluate(s["spec"]["template"], f), sort_keys=True))
PY
# The Application files of a directory as the same JSON lines, without apiVersion, kind and the
# app-of-apps layout's own comment.
cat >"$WORK/files.py" <<'PY'
import json, sys, yaml
for path in sorted(sys.argv[1:]):
    a = yaml.safe_load(open(path))
    print(json.dumps({"metadata": a["metadata"], "spec": a["spec"]}, sort_keys=True))
PY

case_ "init --layout applicationset: an ApplicationSet per environment, valid against Argo CD's schema"
"$GITOPSGEN" init --repo-url "$GUIDE_REPO" --layout applicationset sets -q
cd sets
check "the layout is recorded" contains "$(cat gitopsgen.yaml)" "layout: applicationset"
for env in dev staging production; do
  check "$env: its ApplicationSet" test -f "applications/$env/applicationset.yaml"
  check "$env: no .gitkeep beside it" test ! -e "applications/$env/.gitkeep"
done
check "yamllint passes" yamllint -s -c "$SOURCE_DIR/.yamllint.yaml" applications
check "ApplicationSets and app-of-apps are schema-valid" node "$VALIDATOR" applications/*/applicationset.yaml applications/app-of-apps-*.yaml
check "app-of-apps prunes with orphan propagation" /usr/bin/python3 -c '
import yaml
a = yaml.safe_load(open("applications/app-of-apps-dev.yaml"))
assert a["spec"]["syncPolicy"]["syncOptions"] == ["PrunePropagationPolicy=orphan"], a["spec"]["syncPolicy"]
s = yaml.safe_load(open("applications/dev/applicationset.yaml"))
assert s["kind"] == "ApplicationSet" and s["metadata"]["name"] == "services-dev"
assert s["spec"]["generators"][0]["git"]["files"] == [{"path": "charts/vsf-miniapp/ci/*-dev.yaml"}]'
check "validate passes" "$GITOPSGEN" validate -q

case_ "add-service writes the value files only; the ApplicationSets generate the Applications"
"$GITOPSGEN" add-service payments -l go -q
"$GITOPSGEN" add-service web -l nodejs --secret db:url -q
check "three value files and the record in the commit" eq "$(git show --name-only --format= HEAD | sort | tr '\n' ' ')" \
  ".gitopsgen/record/services/web charts/vsf-miniapp/ci/web-dev.yaml charts/vsf-miniapp/ci/web-production.yaml charts/vsf-miniapp/ci/web-staging.yaml "
check "no Application file" eq "$(find applications -path '*/applications/*' -name 'vsf-miniapp-*' | wc -l)" "0"
graph=$("$GITOPSGEN" graph -o json)
check "graph: each generated Application under its app-of-apps" /usr/bin/python3 -c '
import json, sys
g = json.loads(sys.argv[1])
names = {n["name"]: n for n in g["nodes"]}
for env in ["dev", "staging", "production"]:
    for s in ["payments", "web"]:
        n = names[f"vsf-miniapp-{s}-{env}"]
        assert n["file"] == f"applications/{env}/applicationset.yaml", n
        assert not n["orphan"], n
edges = {(e["from"], e["to"]) for e in g["edges"]}
assert ("app-of-apps-dev", "vsf-miniapp-web-dev") in edges, edges' "$graph"
check "validate passes" "$GITOPSGEN" validate -q

case_ "the generated Application is the one the app-of-apps layout writes as a file"
cd "$WORK"
"$GITOPSGEN" init --repo-url "$GUIDE_REPO" files -q
(cd files && "$GITOPSGEN" add-service payments -l go -q && "$GITOPSGEN" add-service web -l nodejs --secret db:url -q)
for env in dev staging production; do
  check "$env: same metadata and spec" eq "$(/usr/bin/python3 "$WORK/generate.py" sets "applications/$env/applicationset.yaml")" \
    "$(/usr/bin/python3 "$WORK/files.py" files/applications/$env/vsf-miniapp-*.yaml)"
done
check "and the same value files" diff -r sets/charts files/charts
cd "$WORK/sets"

case_ "every command on the applicationset layout"
"$GITOPSGEN" set-image payments --env dev --tag 1.2.3 -q
check "set-image edits the value file" contains "$(cat charts/vsf-miniapp/ci/payments-dev.yaml)" "tag: 1.2.3"
"$GITOPSGEN" promote payments --from dev --to staging -q
check "status" contains "$("$GITOPSGEN" status)" "payments  1.2.3  1.2.3    1.0.0"
check "history" contains "$("$GITOPSGEN" history payments --env staging)" "→ 1.2.3"
"$GITOPSGEN" set web --env dev replicaCount=3 -q
check "set" contains "$(cat charts/vsf-miniapp/ci/web-dev.yaml)" "replicaCount: 3"
check "get" eq "$("$GITOPSGEN" get web --env dev replicaCount)" "3"
"$GITOPSGEN" unset web --env dev replicaCount -q
check "unset" not_contains "$(cat charts/vsf-miniapp/ci/web-dev.yaml)" "replicaCount"
check "diff" contains "$("$GITOPSGEN" diff web --from dev --to production | grep '^  replicaCount ')" "(absent)"
out=$("$GITOPSGEN" list)
check "list: both services in every environment" eq "$(awk 'NR > 1 {print $1, $2, $3}' <<<"$out")" \
  "$(printf 'payments go dev,staging,production\nweb nodejs dev,staging,production')"
out=$("$GITOPSGEN" graph)
check "graph: each generated Application under its environment's app-of-apps" contains "$out" \
  "vsf-miniapp-web-staging (applications/staging/applicationset.yaml (ApplicationSet services-staging, from charts/vsf-miniapp/ci/web-staging.yaml))"
check "graph: nothing orphaned or missing" contains "$out" "0 orphan(s), 0 with missing files"
"$GITOPSGEN" rollback payments --env staging -q
check "rollback" contains "$(cat charts/vsf-miniapp/ci/payments-staging.yaml)" "tag: 1.0.0"
cat >"$WORK/services.yaml" <<'YAML'
services:
  - name: payments
    language: go
  - name: orders
    language: java
YAML
"$GITOPSGEN" apply -f "$WORK/services.yaml" --prune -q
check "apply adds orders and prunes web" eq "$(ls -A charts/vsf-miniapp/ci | tr '\n' ' ')" \
  ".gitkeep orders-dev.yaml orders-production.yaml orders-staging.yaml payments-dev.yaml payments-production.yaml payments-staging.yaml "
check "still no Application file" eq "$(find applications -name 'vsf-miniapp-*' | wc -l)" "0"
"$GITOPSGEN" remove-service orders --envs production -q
check "remove-service removes the value file" test ! -e charts/vsf-miniapp/ci/orders-production.yaml
"$GITOPSGEN" migrate add-env qa --from dev -q
check "add-env writes qa's ApplicationSet and value files" test -f applications/qa/applicationset.yaml -a -f charts/vsf-miniapp/ci/payments-qa.yaml
check "qa's generator reads qa's value files" contains "$(cat applications/qa/applicationset.yaml)" "path: charts/vsf-miniapp/ci/*-qa.yaml"
"$GITOPSGEN" migrate set-revision release-1 -q
check "set-revision moves the generators and templates" eq "$(grep -c 'release-1' applications/dev/applicationset.yaml)" "2"
"$GITOPSGEN" migrate set-repo-url https://git.example.test/p/gitops.git -q
check "set-repo-url moves the generators and templates" eq "$(grep -c 'git.example.test/p/gitops.git' applications/qa/applicationset.yaml)" "2"
"$GITOPSGEN" upgrade -q
check "upgrade has nothing to do" eq "$(git status --porcelain)" ""
check "validate passes" "$GITOPSGEN" validate -q
check "the ApplicationSets stay schema-valid" node "$VALIDATOR" applications/*/applicationset.yaml
refuses "renaming the platform's chart" "$WORK/sets" "cannot be renamed in the applicationset layout" \
  "$GITOPSGEN" migrate rename-chart vsf-miniapp shop
git tag base
rendered() { "$GITOPSGEN" validate --render "$@" | grep '^helm template: '; }
check "--render renders every generated Application" eq "$(rendered)" "helm template: 8 rendered"
"$GITOPSGEN" set-image orders --env qa --tag 2.0.0 -q
check "--changed-since: a value file renders its Application" eq "$(rendered --changed-since base)" \
  "helm template: 1 rendered, 7 skipped (nothing they read changed since base)"
echo "# reviewed" >>applications/dev/applicationset.yaml
check "--changed-since: an ApplicationSet renders all it generates" eq "$(rendered --changed-since base)" \
  "helm template: 3 rendered, 5 skipped (nothing they read changed since base)"
git checkout -q -- applications

case_ "validate: each generator takes exactly the environment's value files"
mkdir -p charts/vsf-miniapp/ci/old
cp charts/vsf-miniapp/ci/payments-dev.yaml charts/vsf-miniapp/ci/old/payments-dev.yaml
out=$("$GITOPSGEN" validate 2>&1 || true)
check "a file under ci/ the greedy glob takes" contains "$out" \
  "applications/dev/applicationset.yaml:10: error: ApplicationSet services-dev takes charts/vsf-miniapp/ci/old/payments-dev.yaml, which is no value file of dev: it would generate an Application from it"
rm -r charts/vsf-miniapp/ci/old
sed -i 's|path: charts/vsf-miniapp/ci/\*-staging.yaml|path: charts/vsf-miniapp/ci/payments-staging.yaml|' applications/staging/applicationset.yaml
out=$("$GITOPSGEN" validate 2>&1 || true)
check "a value file no generator takes" contains "$out" \
  "charts/vsf-miniapp/ci/orders-staging.yaml: error: no generator of ApplicationSet services-staging (applications/staging/applicationset.yaml) takes this value file: service orders is not deployed in staging"
git checkout -q -- applications
git rm -q applications/production/applicationset.yaml
out=$("$GITOPSGEN" validate 2>&1 || true)
check "an environment without its ApplicationSet" contains "$out" \
  "applications/production/applicationset.yaml: error: no ApplicationSet generates the services of production (layout applicationset, gitopsgen.yaml)"
git reset -q --hard
# A hand-written ApplicationSet of another repository with the same layout: its files are there.
sed -e 's/name: services-dev$/name: mirror-dev/' -e 's|repoURL: .*|repoURL: https://git.example.test/mirror.git|' \
  applications/dev/applicationset.yaml >applications/dev/mirror.yaml
check "the mirror reads the other repository" contains "$(cat applications/dev/mirror.yaml)" "repoURL: https://git.example.test/mirror.git"
check "validate passes: nothing is generated from this repository's files for it" "$GITOPSGEN" validate -q
check "and says so" contains "$("$GITOPSGEN" validate 2>&1)" \
  "warning: ApplicationSet mirror-dev: a generator reads 'https://git.example.test/mirror.git', not this repository, so validate checks none of the Applications it generates from there"
rm applications/dev/mirror.yaml
sed -i "s/name: 'vsf-miniapp-{{ trimSuffix \".yaml\" .path.filename }}'/name: '{{ .path.filename | lower }}'/" applications/dev/applicationset.yaml
check "the template was edited" contains "$(cat applications/dev/applicationset.yaml)" "name: '{{ .path.filename | lower }}'"
out=$("$GITOPSGEN" validate 2>&1 || true)
check "a template validate cannot evaluate is said, not guessed" contains "$out" \
  "warning: ApplicationSet services-dev: '{{ .path.filename | lower }}' is not an action validate evaluates, so validate checks none of the Applications it generates"
git checkout -q -- applications
cd "$WORK"

case_ "migrate layout applicationset: two commits, every other byte kept"
cd files
echo "# chosen by hand" >>charts/vsf-miniapp/ci/web-dev.yaml
git commit -qam "a hand edit"
cp -r applications "$WORK/files-apps"
charts_before=$(git rev-parse HEAD:charts)
"$GITOPSGEN" migrate layout applicationset -q
check "commit 1 is the handover" contains "$(cat gitopsgen.yaml)" "layout: app-of-apps-to-applicationset"
check "commit 1: each Application marked Prune=false" eq "$(grep -l 'argocd.argoproj.io/sync-options: Prune=false' applications/*/vsf-miniapp-*.yaml | wc -l)" "6"
check "commit 1: no ApplicationSet yet" eq "$(find applications -name applicationset.yaml | wc -l)" "0"
check "commit 1: value files untouched" eq "$(git rev-parse HEAD:charts)" "$charts_before"
check "commit 1: the Applications stay schema-valid" node "$VALIDATOR" applications/dev/vsf-miniapp-web.yaml
check "validate passes half-way" "$GITOPSGEN" validate -q
"$GITOPSGEN" add-service late -l python -q
check "a service added half-way is marked too" contains "$(cat applications/dev/vsf-miniapp-late.yaml)" "Prune=false"
refuses "removing a service half-way, which would leave it running" "$WORK/files" \
  "removing service late now would leave its Applications running (they are marked Prune=false" \
  "$GITOPSGEN" remove-service late
echo "# my sync note" >>applications/dev/vsf-miniapp-payments.yaml
git commit -qam "edit an Application"
refuses "commit 2 refuses to drop a hand-edited Application" "$WORK/files" \
  "applications/dev/vsf-miniapp-payments.yaml (no longer generated, but edited since gitopsgen generated it)" \
  "$GITOPSGEN" migrate layout applicationset
"$GITOPSGEN" migrate layout applicationset --take-new applications/dev/vsf-miniapp-payments.yaml -q
check "commit 2 is the applicationset layout" contains "$(cat gitopsgen.yaml)" "layout: applicationset"
check "commit 2: the Application files are gone" eq "$(find applications -name 'vsf-miniapp-*' | wc -l)" "0"
check "commit 2: one ApplicationSet per environment" eq "$(find applications -name applicationset.yaml | wc -l)" "3"
check "commit 2: the value files and their hand edit are kept" eq "$(tail -1 charts/vsf-miniapp/ci/web-dev.yaml)" "# chosen by hand"
check "two commits" eq "$(git log --format=%s -3 | head -1)" "chore: move the services to one ApplicationSet per environment"
check "validate passes" "$GITOPSGEN" validate -q
refuses "again: nothing to migrate" "$WORK/files" "the platform already has the applicationset layout" \
  "$GITOPSGEN" migrate layout applicationset

case_ "migrate layout app-of-apps: one commit, the Application files as they were"
"$GITOPSGEN" remove-service late -q
"$GITOPSGEN" migrate layout app-of-apps -q
check "the layout setting is gone" not_contains "$(cat gitopsgen.yaml)" "layout:"
check "every Application file back, byte for byte" diff -r "$WORK/files-apps" applications
check "validate passes" "$GITOPSGEN" validate -q
"$GITOPSGEN" migrate layout applicationset -q
"$GITOPSGEN" migrate layout app-of-apps -q
check "from the handover straight back: the marks are removed" diff -r "$WORK/files-apps" applications
"$GITOPSGEN" migrate layout applicationset -q
"$GITOPSGEN" migrate layout applicationset -q
sed -i '/PrunePropagationPolicy=orphan/d; /    syncOptions:/d' applications/app-of-apps-staging.yaml
git commit -qam "an app-of-apps without the orphan propagation"
refuses "back without orphan propagation would delete the Applications" "$WORK/files" \
  "applications/app-of-apps-staging.yaml does not prune with PrunePropagationPolicy=orphan" \
  "$GITOPSGEN" migrate layout app-of-apps
cd "$WORK"

case_ "init: the layout is chosen once"
refuses "an unknown layout" "$WORK/sets" "--layout: hub not in {app-of-apps,applicationset}" \
  "$GITOPSGEN" init sets --layout hub
refuses "--force does not switch the layout in place" "$WORK/sets" "change it with \`gitopsgen migrate layout app-of-apps\`" \
  "$GITOPSGEN" init sets --force --layout app-of-apps
sed -i 's/^layout: applicationset/layout: applicationsets/' sets/gitopsgen.yaml
refuses "a layout the settings file misspells" "$WORK/sets" "gitopsgen.yaml: unknown layout 'applicationsets' (app-of-apps or applicationset)" \
  "$GITOPSGEN" -C sets status
git -C sets checkout -q gitopsgen.yaml

finish
