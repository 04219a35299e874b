#!/usr/bin/env bash
# adopt: a platform written by hand from the guide's own example files (not with gitopsgen)
# becomes a gitopsgen platform in one commit that adds only gitopsgen.yaml and the generation
# records; every fact comes from a named file, what the files do not tell is refused and listed;
# then status, set-image, promote, validate --render, add-service and upgrade work on it, and a
# template change reaches the hand-written files with their hand-written lines kept.
. "$(dirname "$0")/lib.sh"
. "$SOURCE_DIR/tests/e2e/hand_platform.sh"
need_tools
export PATH="$TOOLS_DIR:$PATH"
G="$GITOPSGEN"
CI=charts/vsf-miniapp/ci

# refused DIR TEXT ARGS...: `gitopsgen -C DIR ARGS` exits 1, its error names TEXT, DIR unchanged.
refused() {
  local dir=$1 text=$2 before rc=0; shift 2
  before=$(fingerprint "$dir")
  "$G" -C "$dir" "$@" >"$WORK/out" 2>"$WORK/err" || rc=$?
  [ "$rc" -eq 1 ] && grep -qF -- "$text" "$WORK/err" && [ ! -s "$WORK/out" ] &&
    [ "$(fingerprint "$dir")" = "$before" ]
}

mkdir hand && (cd hand && build_hand_platform)
cp -a hand pristine

case_ "what the files do not tell is listed, with the flag that gives it, and nothing is written"
check "the Kubernetes version is not in any file" refused hand "Kubernetes version: no file says which minor version the clusters run (give --kubernetes-version" adopt
check "the headline counts the gaps" contains "$(head -1 "$WORK/err")" "gitopsgen: error: 1 fact of this platform cannot be read from its files; nothing was changed"
cp -a pristine order && (cd order && git mv applications/staging applications/blue &&
  sed -i 's/staging/blue/g' applications/blue/*.yaml && git mv $CI/service-a-staging.yaml $CI/service-a-blue.yaml &&
  git mv $CI/service-b-staging.yaml $CI/service-b-blue.yaml && git mv $CI/service-c-staging.yaml $CI/service-c-blue.yaml &&
  git mv applications/app-of-apps-staging.yaml applications/app-of-apps-blue.yaml && sed -i 's/staging/blue/g' applications/app-of-apps-blue.yaml &&
  git commit -qam "staging is blue")
check "environments whose names do not tell their order" refused order "environments: cannot tell the promotion order of blue, dev, production (give --envs in promotion order)" adopt --kubernetes-version 1.34
"$G" -C order adopt --kubernetes-version 1.34 --envs dev,blue,production -q
check "--envs gives it" eq "$(grep -A1 'name: blue' order/gitopsgen.yaml | tail -1)" "    namespace: blue"
cp -a pristine gaps && (cd gaps &&
  sed -i 's/^language: nodejs$/# no language here/' $CI/service-b-*.yaml &&
  sed -i 's|repoURL: https://github.com/oNddleo/gitops.git|repoURL: https://git.example.test/other.git|' applications/production/vsf-miniapp-service-c.yaml &&
  cp -r charts/vsf-miniapp charts/second && git add -A && git commit -qm "three gaps")
check "a second chart" refused gaps "platform: charts/ holds 2 charts (second, vsf-miniapp): give --platform" adopt --kubernetes-version 1.34
check "--platform picks one; then every other gap is listed" refused gaps "2 facts of this platform cannot be read" adopt --kubernetes-version 1.34 --platform vsf-miniapp
check "a service whose files do not say its language" contains "$(cat "$WORK/err")" "language of service-b: no value file of it says it (set language: to one of java, nodejs, python, go in $CI/service-b-production.yaml"
check "Applications that disagree, each named" contains "$(cat "$WORK/err")" "repository URL: the files disagree, applications/production/vsf-miniapp-service-c.yaml says 'https://git.example.test/other.git', applications/dev/vsf-miniapp-service-a.yaml says 'https://github.com/oNddleo/gitops.git' (give --repo-url)"
check "one gap per line" eq "$(wc -l <"$WORK/err")" "3"

case_ "adopt: one commit adding only gitopsgen.yaml and the records; every fact with its source"
before_tree=$(git -C hand rev-parse HEAD^{tree})
"$G" -C hand adopt --kubernetes-version 1.34 -o json >adopt.json
check "one commit" eq "$(git -C hand rev-list --count HEAD)" "2"
check "no file of the platform changed" eq "$(git -C hand diff --name-only HEAD~1 HEAD -- . ':!gitopsgen.yaml' ':!.gitopsgen' | wc -l)" "0"
check "the hand-written files' bytes, all of them" eq "$(git -C hand ls-tree -r HEAD -- charts applications bootstrap)" "$(git -C hand ls-tree -r "$before_tree" -- charts applications bootstrap)"
check "a record per service" eq "$(ls hand/.gitopsgen/record/services | tr '\n' ' ')" "service-a service-b service-c "
check "the settings read from the files" /usr/bin/python3 - hand/gitopsgen.yaml adopt.json <<'PY'
import json, sys, yaml
s = yaml.safe_load(open(sys.argv[1]))
assert s["platform"] == "vsf-miniapp" and s["repoURL"] == "https://github.com/oNddleo/gitops.git", s
assert [(e["name"], e["namespace"]) for e in s["environments"]] == [("dev", "dev"), ("staging", "staging"), ("production", "production")], s
assert s["serviceProject"] == "default" and s["argocdNamespace"] == "argocd" and s["domain"] == "vsf-miniapp.com", s
assert s["aws"] == {"region": "us-east-1", "irsaRoleArn": "arn:aws:iam::ACCOUNT_ID:role/{platform}-secrets-reader"}, s
assert "tls" not in s and s["kubernetesVersion"] == "1.34", s
d = json.load(open(sys.argv[2]))
assert d["services"] == ["service-a", "service-b", "service-c"], d
sources = {f["setting"]: f["source"] for f in d["facts"]}
assert sources["platform"] == "charts/vsf-miniapp/Chart.yaml", sources
assert sources["service project"].startswith("applications/dev/vsf-miniapp-service-a.yaml and 8 more"), sources
assert sources["Kubernetes version"] == "--kubernetes-version", sources
PY
check "the answers read from the value files" /usr/bin/python3 - hand/.gitopsgen/record/services <<'PY'
import json, sys
def inputs(name):
    for line in open(sys.argv[1] + "/" + name):
        if line.startswith("inputs "):
            return json.loads(line[7:])
a, b, c = inputs("service-a"), inputs("service-b"), inputs("service-c")
assert a == {"name": "service-a", "language": "java", "secrets": [{"name": "database", "keys": ["url", "username", "password"]}, {"name": "kafka", "keys": ["brokers", "username", "password"]}]}, a
assert b["language"] == "nodejs" and [s["name"] for s in b["secrets"]] == ["mongodb", "redis"], b
assert c["language"] == "python" and c["secrets"][0]["name"] == "postgres", c
PY
check "the commit message lists each fact and its source" contains "$(git -C hand log -1 --format=%B)" "  registry: YOUR_ECR_REGISTRY (charts/vsf-miniapp/ci/service-a-dev.yaml and 8 more)"
check "adopting again is refused" refused hand "gitopsgen.yaml exists: this is a gitopsgen platform already" adopt

case_ "then every command works on it"
cd hand
check "status reads the services" eq "$("$G" status | sed -n 2p)" "service-a  1.0.0  1.0.0    1.0.0"
"$G" set-image service-b --env dev --tag 1.1.0 -q
check "set-image: one line of one file" eq "$(git show --numstat --format= HEAD | cut -f1,2,3)" "$(printf '1\t1\t%s' "$CI/service-b-dev.yaml")"
"$G" promote service-b --from dev --to staging -q
check "promote: the tag in staging" grep -qx '  tag: "1.1.0"' $CI/service-b-staging.yaml
check "validate --render: the chart renders every Application, no error" "$G" validate --render -q
out=$("$G" upgrade)
check "upgrade right after: nothing to change" contains "$out" "Nothing to change: 18 generated files"
check "and the platform's files are not gitopsgen's" contains "$out" "no generation record (gitopsgen cannot tell their inputs): platform"
"$G" add-service service-a --force --replicas production=8 -q
check "add-service --force: one line of one file" eq "$(git show --numstat --format= HEAD -- charts applications | cut -f1,2,3)" "$(printf '1\t1\t%s' "$CI/service-a-production.yaml")"
"$G" add-service orders -l go -q
check "a new service takes the platform's AppProject" grep -qx '  project: default' applications/dev/vsf-miniapp-orders.yaml
check "and still validates, rendered" "$G" validate --render -q
refuses "migrate add-env would write gitopsgen's app-of-apps beside the platform's own" "$WORK/hand" \
  "applications/app-of-apps-dev.yaml is not gitopsgen's, and the platform's own files have no generation record" \
  "$G" migrate add-env qa --from dev --after dev

case_ "a template change reaches the hand-written files, their own lines kept"
cp -r "$SOURCE_DIR/scaffolds" ../org && sed -i 's/  pullPolicy: IfNotPresent/  pullPolicy: Always/' ../org/service/values.yaml.mustache
"$G" upgrade --scaffolds ../org -q
check "every value file has the change" eq "$(grep -l '  pullPolicy: Always' $CI/*.yaml | wc -l)" "12"
check "one line of each" eq "$(git show --numstat --format= HEAD -- $CI | cut -f1,2 | sort -u)" "$(printf '1\t1')"
check "the guide's comments stay" grep -q "^# Health probes for Spring Boot Actuator" $CI/service-a-production.yaml
check "and its shared role" grep -q 'role/vsf-miniapp-secrets-reader' $CI/service-a-production.yaml
check "still renders" "$G" validate --render -q
cd "$WORK"

finish
