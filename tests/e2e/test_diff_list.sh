#!/usr/bin/env bash
# `diff SERVICE --from ENV --to ENV` and `list` on the demo platform and on 1,000 services: the
# exact text, -o json, and bad input refused with one line, nothing changed.
. "$(dirname "$0")/lib.sh"
G="$GITOPSGEN"

"$G" init --repo-url "$GUIDE_REPO" p -q
case_ "list on an empty platform says so"
check "the hint" eq "$("$G" -C p list)" "No services yet: gitopsgen add-service NAME --language LANG"

"$G" -C p add-service service-a -l python --secret postgres:host,password -q
"$G" -C p add-service service-b -l go --envs dev,staging -q
"$G" -C p set-image service-a --env dev --tag 1.2.0 -q
BEFORE=$(fingerprint p)

case_ "list: one aligned row per service"
check "the table" eq "$("$G" -C p list)" "$(cat <<'T'
SERVICE    LANGUAGE  ENVIRONMENTS            TAGS                                      SECRETS  INGRESS
service-a  python    dev,staging,production  dev=1.2.0 staging=1.0.0 production=1.0.0  yes (3)  yes
service-b  go        dev,staging             dev=1.0.0 staging=1.0.0                   no       yes
T
)"
json=$("$G" -C p list -o json)
check "-o json: the secrets' names" eq "$(python3 -c 'import json,sys; d=json.loads(sys.argv[1]); print(d["services"][0]["secret_names"], d["services"][1]["secrets"])' "$json")" \
  "['dev/vsf-miniapp/service-a/postgres', 'staging/vsf-miniapp/service-a/postgres', 'production/vsf-miniapp/service-a/postgres'] 0"

case_ "diff: the values that differ, what promote carries marked"
out=$("$G" -C p diff service-a --from dev --to production)
check "the header" eq "$(head -1 <<<"$out")" "service-a: dev → production (10 value(s) differ)"
# Columns as wide as the longest path and the longest --from value (the IRSA role, 54 each).
check "the tag, marked" eq "$(sed -n 2p <<<"$out")" "$(printf '* %-54s  %-54s → %s' image.tag 1.2.0 1.0.0)"
check "replicas, aligned" eq "$(sed -n 3p <<<"$out")" "$(printf '  %-54s  %-54s → %s' replicaCount 1 3)"
check "env by name" contains "$out" "  env.WORKERS "
check "an annotation key with dots, bracketed" contains "$out" "serviceAccount.annotations[eks.amazonaws.com/role-arn]"
check "the legend" eq "$(tail -1 <<<"$out")" "* carried by promote; the other values stay as each environment has them"
out=$("$G" -C p diff service-b --from dev --to staging)
check "nothing promote carries" eq "$(tail -1 <<<"$out")" "promote carries none of these: each environment keeps its own"
printf 'extra:\n  key: 1\n' >>p/charts/vsf-miniapp/ci/service-b-staging.yaml
out=$("$G" -C p diff service-b --from dev --to staging)
check "absent on the --from side" contains "$out" "  extra.key                  (absent)                      → 1"
git -C p checkout -q -- .
json=$("$G" -C p diff service-a --from dev --to production -o json)
check "-o json: each path with both values" eq \
  "$(python3 -c 'import json,sys; d=json.loads(sys.argv[1]); print(d["differences"][0], len(d["differences"]))' "$json")" \
  "{'path': 'image.tag', 'from': '1.2.0', 'to': '1.0.0', 'promoted': True} 10"
cp p/charts/vsf-miniapp/ci/service-b-dev.yaml p/charts/vsf-miniapp/ci/service-b-staging.yaml
check "the same values: said so" eq "$("$G" -C p diff service-b --from dev --to staging)" \
  "No difference: service-b has the same values in dev and staging."
git -C p checkout -q -- .

case_ "bad input: one line, nothing changed"
BEFORE=$(fingerprint p)
refuses "the same environment twice" p "--from and --to name the same environment" "$G" -C p diff service-a --from dev --to dev
refuses "an unknown environment" p "unknown environment 'qa'" "$G" -C p diff service-a --from dev --to qa
refuses "a service not in one of them" p "service 'service-b' has no value file in production" "$G" -C p diff service-b --from dev --to production
refuses "an unknown service" p "service 'ghost' has no value file in dev" "$G" -C p diff ghost --from dev --to staging
refuses "list takes no argument" p "not expected: ghost" "$G" -C p list ghost
check "exit 2 for the same environment twice" eq "$("$G" -C p diff service-a --from dev --to dev 2>/dev/null; echo $?)" "2"

case_ "1,000 services"
python3 "$SOURCE_DIR/tests/bench/gen.py" services-yaml 1000 "$WORK/services.yaml"
"$G" -C p apply -f "$WORK/services.yaml" -q
start=$(date +%s%N)
"$G" -C p list >"$WORK/list.out"
ms=$(( ($(date +%s%N) - start) / 1000000 ))
check "a row per service (and the header)" eq "$(wc -l <"$WORK/list.out")" "1003"
check "list in under 10 s (${ms} ms)" test "$ms" -lt 10000
check "the first generated service" contains "$(grep '^svc-0001 ' "$WORK/list.out")" "svc-0001 "
check "diff on the 1,000-service platform" contains "$("$G" -C p diff svc-0001 --from dev --to staging -o json)" '"command":"diff"'

finish
