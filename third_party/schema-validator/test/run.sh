#!/usr/bin/env bash
# test/run.sh [DEST_DIR]
#
# Self-test of the schema validator: installs it (install.sh, idempotent) into
# DEST_DIR (default: $SCHEMA_VALIDATOR_DIR or ${TMPDIR:-/tmp}/gitopsgen-schema-validator),
# then checks that every fixture under valid/ passes and that EACH fixture under
# invalid/ fails on its own with the message named by its "# expect:" line.
# This proves the validator can fail. Exits non-zero on any surprise.
set -uo pipefail

HERE=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
DEST_DIR=${1:-${SCHEMA_VALIDATOR_DIR:-${TMPDIR:-/tmp}/gitopsgen-schema-validator}}

"$HERE/../install.sh" "$DEST_DIR" || { echo "run.sh: install.sh failed" >&2; exit 1; }
VALIDATE=(node "$DEST_DIR/validate.mjs")

WORK=$(mktemp -d)
trap 'rm -rf "$WORK"' EXIT
cd "$HERE" || exit 1

passed=0
failed=0
pass() { passed=$((passed + 1)); echo "PASS $1"; }
fail() {
  failed=$((failed + 1)); echo "FAIL $1"
  shift
  for f in "$@"; do [ -f "$f" ] && sed 's/^/    | /' "$f"; done
}

# run NAME ARGS... : runs the validator, stdout/stderr/rc into $WORK/NAME.*
run() {
  local name=$1; shift
  "${VALIDATE[@]}" "$@" >"$WORK/$name.out" 2>"$WORK/$name.err"
  echo $? >"$WORK/$name.rc"
}
rc() { cat "$WORK/$1.rc"; }

# 1. All valid fixtures pass, and every expected kind was validated.
run valid valid/*.yaml
out="$WORK/valid.out"
n_ok=$(grep -c '^ok   ' "$out")
if [ "$(rc valid)" = 0 ] && ! grep -q '^FAIL' "$out" && [ ! -s "$WORK/valid.err" ] &&
   [ "$(tail -n 1 "$out")" = "$n_ok objects valid, 0 invalid" ] && [ "$n_ok" -gt 0 ]; then
  pass "valid fixtures: $n_ok objects valid"
else
  fail "valid fixtures (rc=$(rc valid))" "$out" "$WORK/valid.err"
fi
for kind in Namespace ConfigMap Service ServiceAccount Secret Deployment HorizontalPodAutoscaler \
            AppProject Application ApplicationSet Middleware IngressRoute ServiceMonitor \
            SecretProviderClass Ingress PodDisruptionBudget ClusterRole Certificate ClusterIssuer \
            Bundle; do
  if grep -Eq "^ok   [^ ]+ $kind/[^ ]+\$" "$out"; then
    pass "kind $kind validated against a schema"
  else
    fail "kind $kind: no plain 'ok' line (missing, failed or unchecked)" "$out"
  fi
done

# 2. Each invalid fixture fails alone, with its expected message.
for f in invalid/*.yaml; do
  name=$(basename "$f" .yaml)
  expect=$(sed -n 's/^# expect: //p' "$f" | head -n 1)
  [ -n "$expect" ] || { fail "$f: no '# expect:' line"; continue; }
  run "inv-$name" "$f"
  o="$WORK/inv-$name.out"
  if [ "$(rc "inv-$name")" = 1 ] && [ "$(grep -c '^FAIL ' "$o")" = 1 ] &&
     ! grep -q '^ok ' "$o" && grep '^FAIL ' "$o" | grep -qF -- "$expect" &&
     [ "$(tail -n 1 "$o")" = "0 objects valid, 1 invalid" ]; then
    pass "$f rejected: $expect"
  else
    fail "$f (rc=$(rc "inv-$name"), expected a FAIL containing: $expect)" "$o" "$WORK/inv-$name.err"
  fi
done

# 3. Honest caveat, asserted: the generated models do not reject unknown
#    fields; only the strict-fields layer does. If a future model version
#    starts rejecting them this fails, and README/validate.mjs need updating.
run nostrict --no-strict-fields invalid/deployment-misspelled-field.yaml
if [ "$(rc nostrict)" = 0 ]; then
  pass "models alone accept spec.replica (caught only by strict fields)"
else
  fail "--no-strict-fields on misspelled field (rc=$(rc nostrict))" "$WORK/nostrict.out" "$WORK/nostrict.err"
fi

# 4. --allow-kinds accepts an unmodelled kind, still with the generic checks.
run allow --allow-kinds Foo,Widget invalid/unknown-kind.yaml
if [ "$(rc allow)" = 0 ] && grep -q '^ok   invalid/unknown-kind.yaml#doc1 Widget/gizmo' "$WORK/allow.out"; then
  pass "--allow-kinds Widget accepts the unknown kind"
else
  fail "--allow-kinds (rc=$(rc allow))" "$WORK/allow.out" "$WORK/allow.err"
fi
printf 'apiVersion: example.com/v1\nkind: Widget\nmetadata:\n  name: gizmo\n  labels:\n    n: 1\n' >"$WORK/widget-bad.yaml"
run allowbad --allow-kinds Widget "$WORK/widget-bad.yaml"
if [ "$(rc allowbad)" = 1 ] && grep -q '^FAIL .*value must be a string' "$WORK/allowbad.out"; then
  pass "--allow-kinds still applies generic metadata checks"
else
  fail "--allow-kinds generic checks (rc=$(rc allowbad))" "$WORK/allowbad.out" "$WORK/allowbad.err"
fi

# 5. stdin ('-').
"${VALIDATE[@]}" - <valid/core.yaml >"$WORK/stdin.out" 2>"$WORK/stdin.err"; echo $? >"$WORK/stdin.rc"
if [ "$(rc stdin)" = 0 ] && grep -q '^ok   <stdin>#doc1 Namespace/demo$' "$WORK/stdin.out"; then
  pass "stdin input"
else
  fail "stdin input (rc=$(rc stdin))" "$WORK/stdin.out" "$WORK/stdin.err"
fi

# 6. A mix of valid and invalid files: exit 1, both kinds of line.
run mixed valid/core.yaml invalid/spc-missing-provider.yaml
if [ "$(rc mixed)" = 1 ] && grep -q '^ok ' "$WORK/mixed.out" && grep -q '^FAIL ' "$WORK/mixed.out" &&
   [ "$(tail -n 1 "$WORK/mixed.out")" = "5 objects valid, 1 invalid" ]; then
  pass "mixed input exits 1"
else
  fail "mixed input (rc=$(rc mixed))" "$WORK/mixed.out" "$WORK/mixed.err"
fi

# 7. YAML parse error: exit 2, message names the file and a line.
run parse parse-error.yaml
if [ "$(rc parse)" = 2 ] && grep -Eq '^validate\.mjs: parse-error\.yaml:[0-9]+:[0-9]+: YAML parse error' "$WORK/parse.err"; then
  pass "YAML parse error exits 2 naming file and line"
else
  fail "YAML parse error (rc=$(rc parse))" "$WORK/parse.out" "$WORK/parse.err"
fi

# 8. Usage errors exit 2.
run noargs
run badopt --bogus valid/core.yaml
run missing "$WORK/does-not-exist.yaml"
if [ "$(rc noargs)" = 2 ] && [ "$(rc badopt)" = 2 ] && [ "$(rc missing)" = 2 ]; then
  pass "usage errors exit 2"
else
  fail "usage errors (rc: noargs=$(rc noargs) badopt=$(rc badopt) missing=$(rc missing))"
fi

echo "$passed passed, $failed failed"
[ "$failed" = 0 ]
