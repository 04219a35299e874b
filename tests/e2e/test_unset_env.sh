#!/usr/bin/env bash
# unset, and env.NAME addressing in set/unset/get: byte-exact removals that keep comments above
# and around, `{}`/`[]` for a collection left empty, env entries found by name and added when
# missing, refusals that change nothing, and Helm still rendering the result.
. "$(dirname "$0")/lib.sh"
need_tools
G="$GITOPSGEN"
"$G" init --repo-url "$GUIDE_REPO" demo -q
cd demo
"$G" add-service service-a -l java -q
A=charts/vsf-miniapp/ci/service-a-dev.yaml
P=charts/vsf-miniapp/ci/service-a-production.yaml

case_ "unset removes one key's lines, its trailing comment with it, the comment above stays"
sed -i 's/^    cpu: 500m$/    # the limit, by hand\n    cpu: 500m  # burst/' "$A"
git commit -qam "comments by hand"
cp "$A" ../before.yaml
out=$("$G" unset service-a --env dev resources.limits.cpu)
check "summary" contains "$out" "dev: resources.limits.cpu 500m → (removed)"
check "subject" eq "$(git log -1 --format=%s)" "chore(values): unset service-a values in dev"
check "body" eq "$(git log -1 --format=%b)" "service-a/dev: resources.limits.cpu 500m → (removed)"
check "exactly that line removed" eq "$(diff ../before.yaml "$A" | grep '^[<>]')" "<     cpu: 500m  # burst"
check "the comment above kept" grep -qx '    # the limit, by hand' "$A"
refuses "get: gone" . "has no value at" "$G" get service-a --env dev resources.limits.cpu

case_ "a mapping left empty is written {}, so the chart's defaults do not become null"
"$G" unset service-a --env dev resources.limits.memory -q
check "limits: {}" grep -qx '  limits: {}' "$A"
check "get -o json: an empty object" eq "$("$G" get service-a --env dev resources.limits -o json | python3 -c 'import json,sys; print(json.load(sys.stdin)["value"])')" "{}"
"$G" unset service-a --env dev resources.requests resources.limits -q
check "resources: {} at the top" grep -qx 'resources: {}' "$A"

case_ "a whole block and a list item, several keys in one commit"
before=$(grep -c . "$P")
"$G" unset service-a --env production livenessProbe env.JAVA_OPTS -q
check "two edits in the body" eq "$(git log -1 --format=%b | grep -c .)" "2"
check "the probe's eight lines and the entry's two gone" eq "$(( before - $(grep -c . "$P") ))" "10"
check "the other probe kept" grep -q '^readinessProbe:' "$P"
check "the next entry is now the first" eq "$("$G" get service-a --env production env.0.name)" "SPRING_PROFILES_ACTIVE"
refuses "JAVA_OPTS gone" . "has no value at" "$G" get service-a --env production env.JAVA_OPTS
check "helm template renders it" "$HELM" template x charts/vsf-miniapp -f "$P"

case_ "unset of an absent key is success, said once, no commit"
head=$(git rev-parse HEAD)
out=$("$G" unset service-a --env dev podAnnotations.nothing env.NOT_THERE)
check "no commit" eq "$(git rev-parse HEAD)" "$head"
check "says so" contains "$out" "Nothing to change."

case_ "env.NAME sets the entry found by name, always as a string"
out=$("$G" set service-a --env dev env.SERVER_PORT=9090 env.SPRING_PROFILES_ACTIVE=dev-eu)
check "summary" contains "$out" "dev: env.SERVER_PORT 8080 → 9090"
check "port quoted: an EnvVar value is a string" contains "$(cat "$A")" "$(printf -- '- name: SERVER_PORT\n    value: "9090"')"
check "profile plain" contains "$(cat "$A")" "$(printf -- '- name: SPRING_PROFILES_ACTIVE\n    value: dev-eu')"
check "two lines changed" eq "$(git show --numstat --format= HEAD | cut -f1,2)" "$(printf '2\t2')"
check "get env.NAME" eq "$("$G" get service-a --env dev env.SERVER_PORT)" "9090"

case_ "env.NAME adds a missing entry at the end of the list, at its indent"
cp "$A" ../before.yaml
"$G" set service-a --env dev env.LOG_LEVEL=debug env.FEATURE_X=true -q
check "two entries added after the last" eq "$(diff ../before.yaml "$A" | grep '^[<>]')" \
  "$(printf '>   - name: LOG_LEVEL\n>     value: debug\n>   - name: FEATURE_X\n>     value: "true"')"
check "helm renders them" contains "$("$HELM" template x charts/vsf-miniapp -f "$A" --show-only templates/deployment.yaml)" "$(printf -- '- name: FEATURE_X\n          value: "true"')"

case_ "unset env.NAME removes the entry's two lines"
"$G" unset service-a --env dev env.LOG_LEVEL -q
check "gone" eq "$(grep -c 'LOG_LEVEL' "$A")" "0"
check "the others kept" eq "$("$G" get service-a --env dev env.FEATURE_X)" "true"

case_ "refusals: one line, nothing changed"
printf 'nodeSelector: {disk: ssd, zone: a}\n' >>"$A" && git commit -qam flow
refuses "unset in a flow mapping" . "flow style" "$G" unset service-a --env dev nodeSelector.disk
git reset -q --hard HEAD~1
refuses "unset of the first key of a list item" . "first key of a list item" "$G" unset service-a --env dev env.0.name
printf '  - name: FROM_REF\n    valueFrom:\n      fieldRef:\n        fieldPath: metadata.name\n' >../add.yaml
sed -i '/^env:$/r ../add.yaml' "$A" && git commit -qam "an env entry from a field"
refuses "env entry from valueFrom" . "valueFrom" "$G" set service-a --env dev env.FROM_REF=x
git reset -q --hard HEAD~1
refuses "unset with no key" . "KEY" "$G" unset service-a --env dev
refuses "unset in an unknown environment" . "qa" "$G" unset service-a --env qa replicaCount
check "status clean" eq "$(git status --porcelain)" ""

finish
