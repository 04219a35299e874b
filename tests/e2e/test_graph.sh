#!/usr/bin/env bash
# graph: the app-of-apps tree of a real platform in every format, checked against its JSON; the
# DOT rendered by the real Graphviz, the Mermaid parsed by Mermaid's own parser; an orphan and a
# missing value file marked in every format.
. "$(dirname "$0")/lib.sh"
need_tools
G=$GITOPSGEN
CHECK="python3 $SOURCE_DIR/tests/e2e/check_graph.py"
MERMAID=$TOOLS_DIR/mermaid-parser/parse.mjs
[ -f "$MERMAID" ] || { echo "FAIL: Mermaid's parser missing in $TOOLS_DIR (tools_setup)" >&2; exit 1; }
# mermaid_parses FILE: Mermaid's parser takes FILE as a flowchart.
mermaid_parses() { node "$MERMAID" "$1" | grep -qx "$1: flowchart-v2"; }

"$G" init --repo-url "$GUIDE_REPO" demo -q
"$G" -C demo add-service service-a --language java -q
"$G" -C demo add-service service-b --language nodejs -q

# all_formats DIR: writes DIR's graph as g.json, g.txt, g.dot, g.svg and g.mmd in $WORK.
all_formats() {
  "$G" -C "$1" graph -o json >g.json
  "$G" -C "$1" graph --no-pager >g.txt
  "$G" -C "$1" graph -o dot >g.dot
  "$G" -C "$1" graph -o mermaid >g.mmd
  dot -Tsvg g.dot -o g.svg 2>dot.err
}

case_ "the tree: root → each environment's app-of-apps → its services, and the infrastructure"
all_formats demo
check "json is strict and whole" $CHECK json g.json
check "no orphans, nothing missing" eq "$(python3 -c 'import json,sys; d=json.load(open("g.json")); print(d["orphan"], d["missing"], d["roots"])')" "[] [] ['root']"
for env in dev staging production; do
  check "app-of-apps-$env under root" $CHECK parent g.json app-of-apps-$env root
  for svc in service-a service-b; do
    check "$svc-$env under app-of-apps-$env" $CHECK parent g.json vsf-miniapp-$svc-$env app-of-apps-$env
  done
done
for infra in traefik linkerd-control-plane argocd-self-managed prometheus-operator-crds; do
  check "$infra under root" $CHECK parent g.json $infra root
done
check "app-of-apps kind" eq "$(python3 -c 'import json; d=json.load(open("g.json")); print(sorted(n["id"] for n in d["nodes"] if n["kind"]=="app-of-apps"))')" \
  "['app-of-apps-dev', 'app-of-apps-production', 'app-of-apps-staging']"
check "the text tree matches the edges" $CHECK text g.json g.txt
txt=$(cat g.txt)
check "tree drawing" contains "$txt" "root (bootstrap/root-app.yaml)
├── app-of-apps-dev (applications/app-of-apps-dev.yaml) [app-of-apps]
│   ├── vsf-miniapp-service-a-dev (applications/dev/vsf-miniapp-service-a.yaml)
│   └── vsf-miniapp-service-b-dev (applications/dev/vsf-miniapp-service-b.yaml)"
check "summary" contains "$txt" "21 Application(s): 1 root, 3 app-of-apps, 0 orphan(s), 0 with missing files"
check "dot renders without a warning" eq "$(cat dot.err)" ""
check "the SVG holds every Application, node and edge" $CHECK svg g.json g.svg
check "mermaid flowchart" $CHECK mermaid g.json g.mmd
check "Mermaid's parser takes it" mermaid_parses g.mmd
printf 'flowchart LR\n  n0["a"] -->> n1[\n' >broken.mmd
check "Mermaid's parser can refuse" bash -c "! node $MERMAID broken.mmd 2>/dev/null"
check "-q drops the summary" not_contains "$("$G" -C demo graph -q)" "Application(s):"

case_ "the tree follows the root's own include glob, not a fixed layout"
cp -r demo narrowed
sed -i "s|include: '{infrastructure/\*.yaml,app-of-apps-\*.yaml}'|include: 'app-of-apps-*.yaml'|" narrowed/bootstrap/root-app.yaml
check "include edited" grep -q "include: 'app-of-apps-\*.yaml'" narrowed/bootstrap/root-app.yaml
"$G" -C narrowed graph -o json >n.json
check "infrastructure now orphaned" eq "$(python3 -c 'import json; d=json.load(open("n.json")); print("traefik" in d["orphan"], "app-of-apps-dev" in d["orphan"])')" "True False"

case_ "an orphan and a missing value file are marked in every format"
mkdir -p demo/applications/strays
cat >demo/applications/strays/vsf-miniapp-stray.yaml <<YAML
apiVersion: argoproj.io/v1alpha1
kind: Application
metadata:
  name: vsf-miniapp-stray
spec:
  source:
    repoURL: $GUIDE_REPO
    path: charts/vsf-miniapp
YAML
rm demo/charts/vsf-miniapp/ci/service-b-staging.yaml
all_formats demo
check "json is strict and whole" $CHECK json g.json
check "json orphan and missing" eq "$(python3 -c '
import json; d = json.load(open("g.json"))
stray = next(n for n in d["nodes"] if n["id"] == "vsf-miniapp-stray")
print(d["orphan"], [(m["id"], m["path"], m["what"], m["file"]) for m in d["missing"]], stray["project"], stray["namespace"])')" \
  "['vsf-miniapp-stray'] [('vsf-miniapp-service-b-staging', 'charts/vsf-miniapp/ci/service-b-staging.yaml', 'value file', 'applications/staging/vsf-miniapp-service-b.yaml')] None None"
check "text marks match" $CHECK text g.json g.txt
txt=$(cat g.txt)
check "text orphan section" contains "$txt" "Orphans: no app-of-apps reaches them
vsf-miniapp-stray (applications/strays/vsf-miniapp-stray.yaml) [orphan]"
check "text missing mark" contains "$txt" "vsf-miniapp-service-b-staging (applications/staging/vsf-miniapp-service-b.yaml) [missing: charts/vsf-miniapp/ci/service-b-staging.yaml]"
check "text missing list" contains "$txt" "  vsf-miniapp-service-b-staging: value file charts/vsf-miniapp/ci/service-b-staging.yaml (applications/staging/vsf-miniapp-service-b.yaml:"
check "dot orphan cluster" grep -q 'subgraph "cluster_orphans"' g.dot
check "dot renders without a warning" eq "$(cat dot.err)" ""
check "SVG: orphan dashed, missing red, both listed" $CHECK svg g.json g.svg
check "mermaid orphan and missing classes" $CHECK mermaid g.json g.mmd
check "Mermaid's parser takes it" mermaid_parses g.mmd
check "mermaid label" grep -qF 'missing: charts/vsf-miniapp/ci/service-b-staging.yaml' g.mmd
# The check itself must catch a graph that lost its marks.
sed 's/stroke-dasharray="[^"]*"//g' g.svg >unmarked.svg
check "the SVG check can fail" bash -c "! $CHECK svg g.json unmarked.svg 2>/dev/null"
python3 -c 'import json; d=json.load(open("g.json")); d["orphan"]=[]; [n.update(orphan=False) for n in d["nodes"]]; json.dump(d, open("lost.json","w"))'
check "the text check can fail" bash -c "! $CHECK text lost.json g.txt 2>/dev/null"
printf '{"a":1,"a":2,"command":"graph"}' >dup.json
check "the duplicate-key check can fail" bash -c "! $CHECK json dup.json 2>/dev/null"

case_ "a missing \$values file and a missing source path"
rm demo/bootstrap/argocd-values.yaml
sed -i 's|path: infrastructure/linkerd/base|path: infrastructure/linkerd/gone|' demo/applications/infrastructure/linkerd-control-plane.yaml
"$G" -C demo graph -o json >g.json
check "both missing" eq "$(python3 -c 'import json; d=json.load(open("g.json")); print(sorted((m["id"], m["what"], m["path"]) for m in d["missing"]))')" \
  "[('argocd-self-managed', 'value file', 'bootstrap/argocd-values.yaml'), ('linkerd-control-plane', 'path', 'infrastructure/linkerd/gone'), ('vsf-miniapp-service-b-staging', 'value file', 'charts/vsf-miniapp/ci/service-b-staging.yaml')]"

case_ "hostile names are quoted in DOT and Mermaid"
mkdir -p hostile && cp -r narrowed/. hostile/
cat >hostile/applications/dev/odd.yaml <<'YAML'
apiVersion: argoproj.io/v1alpha1
kind: Application
metadata:
  name: 'odd "name" <b>#1\ & `x` end'
spec:
  source:
    repoURL: https://github.com/oNddleo/gitops.git
    path: charts/vsf-miniapp
YAML
all_formats hostile
check "json" $CHECK json g.json
check "dot renders" eq "$(cat dot.err)" ""
check "svg holds the odd name" $CHECK svg g.json g.svg
check "mermaid escapes it" $CHECK mermaid g.json g.mmd
check "Mermaid's parser takes it" mermaid_parses g.mmd
check "mermaid entity" grep -qF 'odd #quot;name#quot; #lt;b#gt;#35;1\ #amp; #96;x#96; end' g.mmd

case_ "a file that does not parse is skipped with a warning, and listed in JSON"
printf 'key: [unclosed\n' >hostile/applications/dev/garbage.yaml
"$G" -C hostile graph >g.txt 2>g.err
check "one warning line" eq "$(cat g.err)" "warning: applications/dev/garbage.yaml:2: skipped: invalid YAML: did not find expected ',' or ']' while parsing a flow sequence"
"$G" -C hostile graph -o json >g.json 2>g.err
check "json: no warning on stderr" eq "$(cat g.err)" ""
check "json: unreadable" eq "$(python3 -c 'import json; print([u["file"] for u in json.load(open("g.json"))["unreadable"]])')" "['applications/dev/garbage.yaml']"

case_ "docs/graph.svg is the demo platform of .ci/setup"
# The services .ci/setup adds, read from it, so the picture follows the set-up.
"$G" init --repo-url "$GUIDE_REPO" setup-demo -q
sed -e :a -e '/\\$/N; s/\\\n//; ta' "$SOURCE_DIR/.ci/setup" | grep -E '^\$g -C "\$demo" add-service' >add-services.txt
check "three services in .ci/setup" eq "$(wc -l <add-services.txt)" 3
g=$G demo=setup-demo bash -c 'set -e; mapfile -t lines <add-services.txt; for l in "${lines[@]}"; do eval "$l" </dev/null; done'
"$G" -C setup-demo graph -o json >demo.json
check "24 Applications: 15 and three services in three environments" eq "$(python3 -c 'import json; print(len(json.load(open("demo.json"))["nodes"]))')" 24
check "docs/graph.svg holds every node and edge" $CHECK svg demo.json "$SOURCE_DIR/docs/graph.svg"
check "README shows it" grep -qF '![The app-of-apps tree of the demo platform](docs/graph.svg)' "$SOURCE_DIR/README.md"

case_ "a directory that is no platform, and a format graph does not have"
mkdir nothing
refuses "no platform" "$WORK/nothing" "no platform here" "$G" -C nothing graph
refuses "no platform, dot" "$WORK/nothing" "no platform here" "$G" -C nothing graph -o dot
rc=0; "$G" -C demo graph -o xml >/dev/null 2>err || rc=$?
check "-o xml is a usage error" eq "$rc" 2
check "-o yaml is the JSON's data" /usr/bin/python3 -c '
import json, sys, yaml
assert yaml.safe_load(open(sys.argv[1])) == json.load(open(sys.argv[2]))' \
  <("$G" -C demo graph -o yaml) <("$G" -C demo graph -o json)

finish
