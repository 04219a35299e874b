#!/usr/bin/env bash
# set and get on a local platform: typed byte-exact edits by dotted key path, one commit per run
# listing every change, refusals that change nothing, and Helm still rendering the result.
. "$(dirname "$0")/lib.sh"
need_tools
G="$GITOPSGEN"
"$G" init --repo-url "$GUIDE_REPO" demo -q
cd demo
"$G" add-service service-a -l java -q
A=charts/vsf-miniapp/ci/service-a-dev.yaml
S=charts/vsf-miniapp/ci/service-a-staging.yaml

case_ "an integer is written plain, only its line changes, the commit lists it"
sed -i 's/^replicaCount: \(.*\)$/replicaCount: \1   # scaled by hand/' "$A"
git commit -qam "comment"
old=$(sed -n 's/^replicaCount: \([0-9]*\).*/\1/p' "$A")
cp "$A" ../before.yaml
out=$("$G" set service-a --env dev replicaCount=8)
check "summary" contains "$out" "dev: replicaCount $old → 8"
check "subject" eq "$(git log -1 --format=%s)" "chore(values): set service-a values in dev"
check "body" eq "$(git log -1 --format=%b)" "service-a/dev: replicaCount $old → 8"
check "only that file" eq "$(git show --name-only --format= HEAD)" "$A"
check "one line changed" eq "$(git show --numstat --format= HEAD | cut -f1,2)" "$(printf '1\t1')"
check "plain 8, comment kept" grep -qx 'replicaCount: 8   # scaled by hand' "$A"
check "get reads it back" eq "$("$G" get service-a --env dev replicaCount)" "8"

case_ "a bool, a string that looks like a number (--string) and a nested path, in one commit"
"$G" set service-a --env dev autoscaling.enabled=true -q
check "bool plain" contains "$(cat "$A")" "$(printf 'autoscaling:\n  enabled: true')"
"$G" set service-a --env dev --string podAnnotations.build=1234 resources.limits.memory=2Gi -q
check "string quoted" contains "$(cat "$A")" 'build: "1234"'
check "memory set" contains "$(cat "$A")" "$(printf 'limits:\n    cpu:')"
check "memory value" eq "$("$G" get service-a --env dev resources.limits.memory)" "2Gi"
check "two lines in body" eq "$(git log -1 --format=%b | grep -c .)" "2"
check "body names both" contains "$(git log -1 --format=%b)" "service-a/dev: podAnnotations.build (none) → 1234"
"$G" set service-a --env dev config.tier=yes -q
check "yes stays a string" contains "$(cat "$A")" "$(printf 'config:\n  tier: "yes"')"

case_ "a list index: a string inside a sequence item"
"$G" set service-a --env dev envFrom.0.configMapRef.name=other-config -q
check "list item edited" eq "$("$G" get service-a --env dev envFrom.0.configMapRef.name)" "other-config"

case_ "a typed value inside a list item is written plain, only its bytes"
printf 'tolerations:\n  - key: dedicated\n    operator: Equal\n    value: batch\n    effect: !!str NoSchedule\n    tolerationSeconds: 300   # by hand\n' >>"$A"
git commit -qam "tolerations by hand"
"$G" set service-a --env dev tolerations.0.tolerationSeconds=600 -q
check "one line changed" eq "$(git show --numstat --format= HEAD | cut -f1,2)" "$(printf '1\t1')"
check "plain 600, comment kept" grep -qx '    tolerationSeconds: 600   # by hand' "$A"
"$G" set service-a --env dev tolerations.0.value=2.5 -q
check "a number replaces a string plain" grep -qx '    value: 2.5' "$A"
check "get -o json reads a number" eq "$("$G" get service-a --env dev tolerations.0.value -o json | python3 -c 'import json,sys; print(repr(json.load(sys.stdin)["value"]))')" "2.5"

case_ "--all-envs edits every environment in one commit"
"$G" set service-a --all-envs replicaCount=4 -q
check "three files" eq "$(git show --name-only --format= HEAD | wc -l)" "3"
check "staging 4" grep -q '^replicaCount: 4' "$S"
check "subject names them" eq "$(git log -1 --format=%s)" "chore(values): set service-a values in dev, staging, production"

case_ "the same value again changes nothing"
head=$(git rev-parse HEAD)
out=$("$G" set service-a --env dev replicaCount=4)
check "no commit" eq "$(git rev-parse HEAD)" "$head"
check "says so" contains "$out" "Nothing to change."

case_ "--dry-run commits nothing"
before=$(fingerprint .)
"$G" set service-a --env dev replicaCount=5 --dry-run >/dev/null
check "unchanged" eq "$(fingerprint .)" "$before"

case_ "refusals: one line, nothing changed"
refuses "index past the end" . "envFrom" "$G" set service-a --env dev envFrom.7.configMapRef.name=x
refuses "not KEY=VALUE" . "is not KEY=VALUE" "$G" set service-a --env dev replicaCount
refuses "a typed value over a tagged scalar in a list" . "tagged" \
  "$G" set service-a --env dev tolerations.0.effect=3
refuses "bad env" . "qa" "$G" set service-a --env qa replicaCount=2
refuses "bad service" . "service-z" "$G" set service-z --env dev replicaCount=2
refuses "a scalar over a mapping" . "resources" "$G" set service-a --env dev resources=1
refuses "get of a missing key" . "no value at nope" "$G" get service-a --env dev nope

case_ "the chart's values.schema.json: a typo or a wrong type is refused, --force-key overrides"
refuses "unknown top-level key" . "the chart does not read replicaCont" "$G" set service-a --env dev replicaCont=3
refuses "unknown nested key, the keys there named" . "it has repository, tag, pullPolicy" "$G" set service-a --env dev image.tagg=x
refuses "a string where an integer goes" . "replicaCount takes integer, not the string 'three'" "$G" set service-a --env dev replicaCount=three
refuses "a tag YAML reads as a number" . "(--string writes it as a string)" "$G" set service-a --env dev image.tag=1.10
refuses "an integer as an env value by index" . "env.0.value takes string" "$G" set service-a --env dev env.0.value=7
"$G" set service-a --env dev --string image.tag=1.10 -q
check "--string: the tag quoted" grep -qx '  tag: "1.10"' "$A"
"$G" set service-a --env dev --force-key replicaCont=3 -q
check "--force-key writes it" grep -qx 'replicaCont: 3' "$A"
check "and Helm's own schema check refuses it too" bash -c '! "$0" lint "$1" -f "$2" >/dev/null 2>&1' "$HELM" charts/vsf-miniapp "$A"
git reset -q --hard HEAD~2

case_ "get prints a mapping as YAML and the whole file without KEY"
check "mapping" contains "$("$G" get service-a --env dev resources)" "memory: 2Gi"
check "whole file" eq "$("$G" get service-a --env dev | sha256sum)" "$(sha256sum <"$A")"

case_ "Helm renders the edited file"
# replicas is rendered only without the HPA, which an earlier case switched on.
"$G" set service-a --env dev autoscaling.enabled=false -q
check "helm template" "$HELM" template x charts/vsf-miniapp -f "$A" --show-only templates/deployment.yaml
check "replicas rendered" contains "$("$HELM" template x charts/vsf-miniapp -f "$A" --show-only templates/deployment.yaml)" "replicas: 4"
check "status clean" eq "$(git status --porcelain)" ""

finish
