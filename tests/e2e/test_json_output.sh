#!/usr/bin/env bash
# -o json and -o yaml of every command, on a real platform: success, --dry-run, nothing to change,
# pushes, refusals and errors. Each JSON output is one line, holds no key twice and validates
# against its documented schema (docs/schemas/output/<command>.schema.json, python3-jsonschema);
# the YAML of the same run loads (PyYAML) to exactly the same data. The commands come from
# `gitopsgen --help`: one without a schema, or never run here, fails this test.
. "$(dirname "$0")/lib.sh"
G="$GITOPSGEN"
SCHEMAS="$SOURCE_DIR/docs/schemas/output"
CHECK="$SOURCE_DIR/tests/e2e/check_json_output.py"
COVERED="$WORK/covered"
: >"$COVERED"
# Fixed dates: the JSON run in $A and the YAML run in its copy $B make the very same commit.
export GIT_AUTHOR_DATE="1767319445 +0100" GIT_COMMITTER_DATE="1767319445 +0100"
A="$WORK/a" B="$WORK/b"
mkdir -p "$A"
OUT="$WORK/out.json"

# run_case LABEL SCHEMA RC ARGS...: `gitopsgen ARGS -o json` in $A and `gitopsgen ARGS -o yaml` in
# $B, a copy of $A made just before (same relative paths, so the same data); both must exit RC,
# the JSON must validate against SCHEMA and the YAML load to the same data. $A goes on from there.
run_case() {
  local label=$1 name=$2 want=$3 rc=0 rc_yaml=0; shift 3
  case_ "$label"
  rm -rf "$B" && cp -a "$A" "$B"
  if [ -d "$B/remote.git" ]; then git -C "$B/p" config remote.origin.url "$B/remote.git"; fi
  (cd "$A" && "$G" "$@" -o json) >"$OUT" 2>"$WORK/err.json" || rc=$?
  (cd "$B" && "$G" "$@" -o yaml) >"$WORK/out.yaml" 2>"$WORK/err.yaml" || rc_yaml=$?
  check "json: exit $want ($(head -c 300 "$WORK/err.json"))" eq "$rc" "$want"
  check "yaml: exit $want ($(head -c 300 "$WORK/err.yaml"))" eq "$rc_yaml" "$want"
  check "schema $name; no key twice; YAML = JSON" \
    /usr/bin/python3 "$CHECK" "$SCHEMAS" "$name" "$OUT" "$WORK/out.yaml" --covered "$COVERED"
}
# js EXPR: EXPR over the last JSON output `d`, printed as JSON.
js() { /usr/bin/python3 -c 'import json,sys; d=json.load(open(sys.argv[1])); print(json.dumps(eval(sys.argv[2])))' "$OUT" "$1"; }
# refuses_both WHAT TEXT ARGS...: with -o json and with -o yaml, ARGS (run in $A/p) exit non-zero
# with one line on stderr holding TEXT, print nothing on stdout and change nothing.
refuses_both() {
  local what=$1 text=$2; shift 2
  refuses "$what (-o json)" "$A/p" "$text" "$G" -C "$A/p" "$@" -o json
  refuses "$what (-o yaml)" "$A/p" "$text" "$G" -C "$A/p" "$@" -o yaml
}
head_of() { git -C "$A/p" rev-parse HEAD; }

run_case "version" version 0 version
libraries='["libgit2", "yaml-cpp", "libyaml", "CLI11", "spdlog"]'
# mimalloc, last, when it is the allocator (a plain build; a sanitizer build brings its own)
readelf -d "$G" | grep -q 'NEEDED.*\[libmimalloc' && libraries='["libgit2", "yaml-cpp", "libyaml", "CLI11", "spdlog", "mimalloc"]'
check "libraries named" eq "$(js 'list(d["libraries"])')" "$libraries"

run_case "init --dry-run" init 0 init p --repo-url "$GUIDE_REPO" --dry-run
check "nothing written" test ! -e "$A/p"
check "dry run, no commit, a diff" eq "$(js '[d["dry_run"], d["commit"], d["diff"].startswith("diff --git")]')" '[true, null, true]'
run_case "init" init 0 init p --repo-url "$GUIDE_REPO"
check "commit is HEAD" eq "$(js 'd["commit"]')" "\"$(head_of)\""
check "files listed, diff null" eq "$(js '[len(d["files"]) > 30, d["removed"], d["diff"]]')" '[true, [], null]'
check "the trust anchor note" contains "$(js 'd["notes"]')" "no Linkerd trust anchor given: cert-manager makes one"
refuses_both "init over a platform" "a platform already exists here" init . --repo-url "$GUIDE_REPO"

run_case "status with no services" status 0 -C p status
check "empty matrix" eq "$(js '[d["environments"], d["services"]]')" '[["dev", "staging", "production"], []]'
run_case "list with no services" list 0 -C p list
check "no services" eq "$(js 'd["services"]')" '[]'

run_case "add-service --dry-run" add-service 0 -C p add-service orders -l go --secret db:url,password --dry-run
check "a diff, no commit" eq "$(js '[d["dry_run"], d["commit"], "orders" in d["diff"]]')" '[true, null, true]'
run_case "add-service" add-service 0 -C p add-service orders -l go --secret db:url,password
check "service, environments, secrets with role" eq \
  "$(js '[d["service"], d["updated"], d["environments"], d["secrets"][0]["keys"], d["secrets"][0]["role"] is not None]')" \
  '["orders", false, ["dev", "staging", "production"], ["url", "password"], true]'
run_case "add-service in two environments" add-service 0 -C p add-service cart -l python --envs dev,staging
refuses_both "add-service of an existing service" "already exists" add-service orders -l go
run_case "add-service --force, nothing to change" add-service 0 -C p add-service cart -l python --envs dev,staging --force
check "updated, no file, no commit" eq "$(js '[d["updated"], d["files"], d["commit"]]')" '[true, [], null]'

# Tags that YAML would read as a float, a boolean, null or a number: quoted in the YAML output.
run_case "set-image" set-image 0 -C p set-image orders --env dev --tag 1.10
check "from and to are images" eq "$(js '[(c["env"], c["from"]["tag"], c["to"]["tag"]) for c in d["changed"]]')" '[["dev", "1.0.0", "1.10"]]'
check "no push" eq "$(js '[d["branch"], d["remote"], d["pushed"], d["attempts"], d["skipped"]]')" '["main", null, false, 0, []]'
check "commit is HEAD" eq "$(js 'd["commit"]')" "\"$(head_of)\""
run_case "set-image, nothing to change" set-image 0 -C p set-image orders --env dev --tag 1.10
check "skipped is an object" eq "$(js '[d["changed"], d["commit"], [(s["service"], s["env"], s["tag"]) for s in d["skipped"]]]')" '[[], null, [["orders", "dev", "1.10"]]]'
run_case "set-image --dry-run" set-image 0 -C p set-image orders --env staging --tag yes --dry-run
check "the edit in the diff" contains "$(js 'd["diff"]')" '+  tag: \"yes\"'
run_case "set-image --no-commit" set-image 0 -C p set-image orders --env staging --tag 0x1F --no-commit
check "written, no commit" eq "$(js '[d["files"], d["commit"]]')" '[["charts/vsf-miniapp/ci/orders-staging.yaml"], null]'
git -C "$A/p" checkout -q -- .
run_case "set" set 0 -C p set orders --env dev replicaCount=6 podAnnotations.build=b7
check "set: commit is HEAD" eq "$(js 'd["commit"]')" "\"$(head_of)\""
refuses_both "set of a key over a mapping" "resources" set orders --env dev resources=1
check "set: each value edited" eq "$(js '[(v["env"], v["key"], v["from"], v["to"]) for v in d["values"]]')" \
  '[["dev", "replicaCount", "1", "6"], ["dev", "podAnnotations.build", null, "b7"]]'
run_case "unset" unset 0 -C p unset orders --env dev podAnnotations.build podAnnotations.absent
check "unset: the key removed, the absent one not listed" eq \
  "$(js '[(v["key"], v["from"], v["to"]) for v in d["values"]]')" '[["podAnnotations.build", "b7", null]]'
check "unset: commit is HEAD" eq "$(js 'd["commit"]')" "\"$(head_of)\""
refuses_both "unset in an unknown environment" "unknown environment" unset orders --env qa replicaCount
run_case "get" get 0 -C p get orders --env dev resources
check "get: typed as Helm reads them" eq "$(js '[d["key"], sorted(d["value"])]')" '["resources", ["limits", "requests"]]'
run_case "get, the whole file" get 0 -C p get orders --env dev
check "get: replicaCount an integer, the tag a string" eq \
  "$(js '[d["key"], d["value"]["replicaCount"], type(d["value"]["image"]["tag"]).__name__]')" '[null, 6, "str"]'
refuses_both "get of a missing key" "has no value at" get orders --env dev nothere.at.all
refuses_both "set-image in an unknown environment" "unknown environment" set-image orders --env qa --tag 1.0.1

run_case "promote" promote 0 -C p promote --all --from dev --to staging
check "orders changed, cart skipped" eq "$(js '[[c["service"] for c in d["changed"]], [s["service"] for s in d["skipped"]]]')" '[["orders"], ["cart"]]'
run_case "promote, nothing to change" promote 0 -C p promote --all --from dev --to staging
check "all skipped, no commit" eq "$(js '[d["changed"], len(d["skipped"]), d["commit"]]')" '[[], 2, null]'
run_case "promote --dry-run" promote 0 -C p promote orders --from staging --to production --dry-run
check "a diff" contains "$(js 'd["diff"]')" "orders-production.yaml"
refuses_both "promote to an unknown environment" "unknown environment" promote --all --from dev --to qa

run_case "graph" graph 0 -C p graph
check "the root and its Applications" eq "$(js '[d["roots"], len(d["nodes"]) > 3, d["orphan"], d["missing"]]')" \
  '[["root"], true, [], []]'
run_case "diff" diff 0 -C p diff orders --from dev --to production
check "the tag promote carries, marked" eq "$(js '[(x["path"], x["from"], x["to"], x["promoted"]) for x in d["differences"] if x["path"] == "image.tag"]')" '[["image.tag", "1.10", "1.0.0", true]]'
check "replicas differ, not promoted" eq "$(js '[x["promoted"] for x in d["differences"] if x["path"] == "replicaCount"]')" '[false]'
refuses_both "diff of the same environment twice" "--from and --to name the same environment" diff orders --from dev --to dev
run_case "list" list 0 -C p list
check "one row per service: language, environments, secrets (one per environment)" eq \
  "$(js '[(s["service"], s["language"], s["environments"], s["secrets"], s["tags"]["dev"]) for s in d["services"]]')" \
  '[["cart", "python", ["dev", "staging"], 0, "1.0.0"], ["orders", "go", ["dev", "staging", "production"], 3, "1.10"]]'
run_case "status" status 0 -C p status
check "null where not deployed, behind marked" eq \
  "$(js '[s["images"]["production"] for s in d["services"]] + [d["services"][1]["images"]["production"]["behind"]]')" \
  '[null, {"repository": "YOUR_ECR_REGISTRY/vsf-miniapp-orders", "tag": "1.0.0", "drift": "behind", "behind": true}, true]'

# An author whose name is not valid UTF-8 and holds a tab and quotes: escaped, U+FFFD in its place.
sed -i 's/^  tag: 1.10$/  tag: "null"/; s/^  tag: "1.10"$/  tag: "null"/' "$A/p/charts/vsf-miniapp/ci/orders-dev.yaml"
git -C "$A/p" commit -qam "by hand"
# git itself would recode the name: the commit object is rewritten byte by byte instead.
hand=$(git -C "$A/p" cat-file commit HEAD | /usr/bin/python3 -c '
import sys; d = sys.stdin.buffer.read()
sys.stdout.buffer.write(d.replace(b"author Ada Platform", b"author Zo\xc3\xab \xff\t\"Q\" Ada", 1))' |
  git -C "$A/p" hash-object -t commit -w --stdin)
git -C "$A/p" update-ref HEAD "$hand"
run_case "history" history 0 -C p history orders
check "creation: from is null; the tag \"null\" is a string" eq \
  "$(js '[[c["from"], c["to"]] for c in d["changes"] if c["env"] == "dev"]')" '[["1.10", "null"], ["1.0.0", "1.10"], [null, "1.0.0"]]'
check "no env filter: null" eq "$(js 'd["env"]')" "null"
check "invalid UTF-8 replaced, tab kept" eq "$(js 'd["changes"][0]["author"]')" '"Zo\u00eb \ufffd\t\"Q\" Ada <ada@example.test>"'
run_case "history --env" history 0 -C p history cart --env staging
check "one creation" eq "$(js '[d["env"], [(c["from"], c["to"], c["from_repository"]) for c in d["changes"]]]')" '["staging", [[null, "1.0.0", null]]]'
refuses_both "history in an unknown environment" "unknown environment" history orders --env qa

cat >"$A/services.yaml" <<'YAML'
services:
  - name: orders
    language: go
    secrets:
      - name: db
        keys: [url, password]
  - name: search
    language: java
    tag: "1.10"
    secrets:
      - name: index
        keys: [apikey]
YAML
run_case "apply --dry-run" apply 0 -C p apply -f services.yaml --dry-run
check "services by what happens" eq "$(js 'd["services"]')" '{"added": ["search"], "updated": [], "removed": [], "unchanged": ["orders"]}'
run_case "apply" apply 0 -C p apply -f services.yaml
check "secrets of the new service, commit" eq "$(js '[len(d["secrets"]), d["source"], d["commit"] is not None]')" '[3, "services.yaml", true]'
run_case "apply, nothing to change" apply 0 -C p apply -f services.yaml
check "no file, no commit" eq "$(js '[d["files"], d["commit"], d["services"]["unchanged"]]')" '[[], null, ["orders", "search"]]'
run_case "apply --prune" apply 0 -C p apply -f services.yaml --prune
check "files and services removed, apart" eq "$(js '[len(d["removed"]), d["services"]["removed"]]')" '[5, ["cart"]]'
run_case "upgrade, nothing to change" upgrade 0 -C p upgrade
check "nothing regenerated, nothing unrecorded" eq "$(js '[d["regenerated"], d["commit"], d["unrecorded"], d["unchanged"] > 0]')" '[[], null, [], true]'
cp -r "$SOURCE_DIR/scaffolds" "$A/org" && sed -i 's/  pullPolicy: IfNotPresent/  pullPolicy: Always/' "$A/org/service/values.yaml.mustache"
run_case "upgrade --dry-run" upgrade 0 -C p upgrade --scaffolds "$A/org" --dry-run
check "value files updated, or merged with their edits" eq "$(js 'sorted({r["outcome"] for r in d["regenerated"] if r["path"].startswith("charts/vsf-miniapp/ci/")})')" '["merged", "updated"]'
. "$SOURCE_DIR/tests/e2e/hand_platform.sh"
mkdir "$A/hand" && (cd "$A/hand" && build_hand_platform)
run_case "adopt --dry-run" adopt 0 -C hand adopt --kubernetes-version 1.34 --dry-run
check "nothing committed, the settings in the diff" eq "$(js '[d["commit"], "+platform: vsf-miniapp" in d["diff"], d["services"]]')" '[null, true, ["service-a", "service-b", "service-c"]]'
run_case "adopt" adopt 0 -C hand adopt --kubernetes-version 1.34
check "each fact with its source" eq "$(js '[f for f in d["facts"] if f["setting"] == "platform"]')" '[{"setting": "platform", "value": "vsf-miniapp", "source": "charts/vsf-miniapp/Chart.yaml"}]'
printf 'services:\n  - name: Bad_Name\n    language: go\n' >"$A/bad.yaml"
refuses_both "apply of an invalid file" "bad.yaml" apply -f ../bad.yaml
case_ "apply --schema prints the services file's JSON Schema, not a result"
"$G" -C "$A/p" apply --schema -o json >"$WORK/schema.json"
check "a draft 2020-12 schema" /usr/bin/python3 -c 'import json,sys,jsonschema; jsonschema.Draft202012Validator.check_schema(json.load(open(sys.argv[1])))' "$WORK/schema.json"
refuses "apply --schema -o yaml" "$A/p" "use -o json or text" "$G" -C "$A/p" apply --schema -o yaml

run_case "migrate set-revision --dry-run" migrate-set-revision 0 -C p migrate set-revision release-1 --dry-run
run_case "migrate set-revision" migrate-set-revision 0 -C p migrate set-revision release-1
check "summary, commit" eq "$(js '[d["command"], d["commit"] is not None, d["secrets"]]')" '["migrate set-revision", true, []]'
run_case "migrate set-revision to the same: nothing to change" migrate-set-revision 0 -C p migrate set-revision release-1
check "no commit, no files" eq "$(js '[d["commit"], d["files"], d["summary"]]')" \
  '[null, [], "Nothing to change: the target revision is already release-1."]'
run_case "migrate set-repo-url" migrate-set-repo-url 0 -C p migrate set-repo-url https://git.example.test/p/gitops.git
check "notes" contains "$(js 'd["notes"]')" "kubectl apply"
refuses_both "migrate set-repo-url, not a URL" "is not a git URL" migrate set-repo-url ftp//x
run_case "migrate layout" migrate-layout 0 -C p migrate layout applicationset
check "commit 1 of 2, and what to do next" eq "$(js '[d["summary"].startswith("Commit 1 of 2:"), "run `gitopsgen migrate layout applicationset` again" in d["notes"][0]]')" '[true, true]'
run_case "migrate layout back" migrate-layout 0 -C p migrate layout app-of-apps
refuses_both "migrate layout to the layout it has" "the platform already has the app-of-apps layout" migrate layout app-of-apps
run_case "migrate add-env" migrate-add-env 0 -C p migrate add-env qa --from dev
check "the new environment's secrets" eq "$(js 'sorted({s["name"].split("/")[0] for s in d["secrets"]})')" '["qa"]'
refuses_both "migrate add-env of an existing one" "qa" migrate add-env qa --from dev
run_case "migrate rename-chart" migrate-rename-chart 0 -C p migrate rename-chart vsf-miniapp shop
refuses_both "migrate rename-chart of a missing chart" "there is no chart charts/nope/" migrate rename-chart nope other

run_case "remove-service --dry-run" remove-service 0 -C p remove-service search --envs qa --dry-run
run_case "remove-service" remove-service 0 -C p remove-service search --envs qa
check "service, environments, removed files" eq "$(js '[d["service"], d["environments"], len([f for f in d["removed"] if not f.startswith(".gitopsgen/")]), [f for f in d["files"] if not f.startswith(".gitopsgen/")]]')" '["search", ["qa"], 2, []]'
check "its record keeps the other environments" eq "$(js 'd["files"]')" '[".gitopsgen/record/services/search"]'
refuses_both "remove-service of an unknown service" "service 'nope' is not on the platform" remove-service nope

run_case "validate" validate 0 -C p validate
check "ok, counts; no render asked" eq "$(js '[d["ok"], d["errors"], d["rendered"], d["skipped"]]')" '[true, 0, null, null]'
run_case "validate --render --changed-since" validate 0 -C p validate --render --helm "$TOOLS_DIR/helm" --changed-since HEAD
check "nothing changed since HEAD: every render skipped" eq "$(js '[d["rendered"], d["skipped"] > 0]')" '[0, true]'
cp -a "$A/p" "$A/broken"
openssl ecparam -name prime256v1 -genkey -noout -out "$A/broken/infrastructure/leaked.pem" 2>/dev/null
printf 'a: [\nb: 1\n' >"$A/broken/applications/dev/garbage.yaml"
run_case "validate with errors: exit 1, findings on stdout" validate 1 -C broken validate
check "a whole-file finding has line null, a YAML error its line" eq \
  "$(js 'sorted((f["file"], f["line"] if f["line"] is None else f["line"] > 1) for f in d["findings"] if f["file"] in ("infrastructure/leaked.pem", "applications/dev/garbage.yaml"))')" \
  '[["applications/dev/garbage.yaml", true], ["infrastructure/leaked.pem", null]]'
check "not ok" eq "$(js '[d["ok"], d["errors"] >= 2]')" '[false, true]'
rm -rf "$A/broken"

run_case "recover, nothing to do" recover 0 -C p recover
check "nothing recovered" eq "$(js '[d["recovered"], d["outcome"], d["files"]]')" '[false, null, 0]'
(GITOPSGEN_CRASH_AT=head-moved "$G" -C "$A/p" set-image orders --env dev --tag 5.0.0 -q || true) 2>/dev/null
run_case "recover a run killed after the commit" recover 0 -C p recover
check "finished" eq "$(js '[d["recovered"], d["outcome"], d["files"]]')" '[true, "finished", 1]'
(GITOPSGEN_CRASH_AT=files-written "$G" -C "$A/p" set-image orders --env dev --tag 6.0.0 -q || true) 2>/dev/null
run_case "recover a run killed before the commit" recover 0 -C p recover
check "undone" eq "$(js '[d["recovered"], d["outcome"], d["files"]]')" '[true, "undone", 1]'
touch "$A/p/.git/index.lock"
refuses_both "recover while git holds index.lock" "index.lock" --lock-timeout 0 recover
rm -f "$A/p/.git/index.lock"

case_ "pushes: a bare repository by path as origin"
git clone -q --bare "$A/p" "$A/remote.git"
git -C "$A/p" remote add origin "$A/remote.git" && git -C "$A/p" fetch -q origin
run_case "set-image --push" set-image 0 -C p set-image orders --env dev --tag 7.0.0 --push
check "pushed once to origin" eq "$(js '[d["pushed"], d["remote"], d["attempts"], d["replays"], d["branch"]]')" '[true, "origin", 1, 0, "main"]'
check "the remote has it" eq "$(git --git-dir="$A/remote.git" rev-parse main)" "$(head_of)"
run_case "promote --push on a new branch" promote 0 -C p promote orders --from dev --to qa --branch release/orders-7 --push
check "the branch" eq "$(js '[d["branch"], d["pushed"]]')" '["release/orders-7", true]'
run_case "set-image --push, nothing to change" set-image 0 -C p set-image orders --env dev --tag 7.0.0 --push
check "skipped, no commit" eq "$(js '[d["changed"], len(d["skipped"]), d["commit"]]')" '[[], 1, null]'
refuses_both "push to a remote that does not exist" "nowhere" set-image orders --env dev --tag 8.0.0 --push --remote "$WORK/nowhere.git"

case_ "errors: one line on stderr, nothing on stdout"
mkdir -p "$WORK/empty"
for format in json yaml; do
  refuses "status outside a platform (-o $format)" "$WORK/empty" "gitopsgen.yaml" "$G" -C "$WORK/empty" status -o "$format"
  refuses "help has no $format" "$WORK/empty" "has no output format '$format'" "$G" -C "$WORK/empty" help -o "$format"
done
out=$("$G" -C "$A/p" status -q -v -o json 2>/dev/null)
check "-q and -v leave the JSON alone" /usr/bin/python3 "$CHECK" "$SCHEMAS" status /dev/stdin <<<"$out"

"$G" -C "$A/p" add-service zz-one -l go -q && "$G" -C "$A/p" add-service zz-two -l go -q
run_case "set-image of several services" set-image 0 -C p set-image --env dev zz-one=2.0.0 zz-two=2.1.0
check "each change listed" eq "$(js '[(c["service"], c["to"]["tag"]) for c in d["changed"]]')" '[["zz-one", "2.0.0"], ["zz-two", "2.1.0"]]'
run_case "rollback" rollback 0 -C p rollback zz-one --env dev
check "back to the tag before" eq "$(js '[(c["service"], c["env"], c["from"]["tag"], c["to"]["tag"]) for c in d["changed"]]')" '[["zz-one", "dev", "2.0.0", "1.0.0"]]'
check "commit is HEAD" eq "$(js 'd["commit"]')" "\"$(head_of)\""
run_case "rollback --dry-run" rollback 0 -C p rollback zz-one --env dev --to 2.0.0 --dry-run
check "a diff, no commit" eq "$(js '[d["commit"], d["diff"].startswith("diff --git")]')" '[null, true]'
refuses_both "rollback to a tag never run" "never ran 9.9.9" rollback zz-one --env dev --to 9.9.9

# The commands, from --help; each must have a schema and have been run above, unless it has no
# JSON at all. Commands with no JSON (their -o takes only text):
NO_JSON=(
  help        # prints the help of a command: text for people
  completion  # prints a shell's completion script
)
case_ "every command from --help has a schema and was checked here"
list_of() { sed -n '/^Subcommands:/,/^$/p' | awk 'NR > 1 && NF { print $1 }'; }
commands=$("$G" --help | list_of)
check "commands found" test "$(echo "$commands" | wc -l)" -ge 12
expected=""
for c in $commands; do
  formats=$("$G" "$c" --help | sed -n 's/.*-o,--output FORMAT *Output format: //p')
  if printf '%s\n' "${NO_JSON[@]}" | grep -qx "$c"; then
    check "$c has no JSON, as listed" eq "$formats" "text"
    continue
  fi
  check "$c: -o takes text, json and yaml" contains ", $formats," ", text, " 
  check "$c: and json and yaml" contains "$formats" "json, yaml"
  if [ "$c" = migrate ]; then
    for m in $("$G" migrate --help | list_of); do expected+="migrate-$m "; done
  else
    expected+="$c "
  fi
done
for name in $expected; do
  check "$name has a schema" test -f "$SCHEMAS/$name.schema.json"
  check "$name was run and validated here" grep -qx "$name" "$COVERED"
done
for schema in "$SCHEMAS"/*.schema.json; do
  name=$(basename "$schema" .schema.json)
  check "schema $name belongs to a command" contains " $expected" " $name "
  check "schema $name is a draft 2020-12 schema, closed" /usr/bin/python3 -c '
import json, sys, jsonschema
s = json.load(open(sys.argv[1]))
jsonschema.Draft202012Validator.check_schema(s)
assert s["$schema"] == "https://json-schema.org/draft/2020-12/schema" and s["additionalProperties"] is False
assert "command" in s["required"], "no command"
def walk(n):
    if isinstance(n, dict):
        if n.get("type") == "object" and "properties" in n:
            assert n.get("additionalProperties") is False, n
        for v in n.values(): walk(v)
    elif isinstance(n, list):
        for v in n: walk(v)
walk(s)' "$schema"
done

finish
